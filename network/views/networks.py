"""Pages of networks: the list, a network's page, creating and editing one, joining and leaving it."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from accounts.autocomplete import ORGANISATION_NAMES, PERSON_NAMES, FormChoicesView
from accounts.errors import DomainError, add_to_form
from accounts.files import CONTENT_TYPES
from accounts.mixins import CrumbsMixin
from network import charts, queries, services
from network.filters import NetworkFilter
from network.forms import JoinForm, NetworkForm
from network.health import quarter_label
from network.models import Network, NetworkMember


def networks_crumb():
    return (reverse("network:network_list"), _("Networks"))


def refuse(request, error):
    messages.error(request, str(error))


class NetworkMixin(PermissionRequiredMixin, CrumbsMixin):
    """Loads the network of the URL's slug; its permission decides."""

    permission_required = "network.view_network"

    def get_network(self):
        if not hasattr(self, "_network"):
            self._network = get_object_or_404(
                Network.objects.select_related("base_organisation"), slug=self.kwargs["slug"]
            )
        return self._network

    def get_permission_object(self):
        return self.get_network()

    def get_crumbs(self):
        network = self.get_network()
        return [networks_crumb(), (network.get_absolute_url(), network.name)]


class NetworkCreateView(PermissionRequiredMixin, CrumbsMixin, FormView):
    """The office designs a new network: its card, coordinators and member organisations."""

    permission_required = "network.add_network"
    template_name = "network/network_form.html"
    form_class = NetworkForm

    def get_crumbs(self):
        return [networks_crumb(), (None, _("New network"))]

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        coordinators, organisations = data.pop("coordinators"), data.pop("organisations")
        try:
            network = services.save_network(None, by=self.request.user, values=data,
                                            coordinators=coordinators,
                                            organisations=organisations)
        except DomainError as e:
            add_to_form(form, e)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The network is created."))
        return redirect(network)


class NetworkEditView(NetworkMixin, FormView):
    permission_required = "network.change_network"
    template_name = "network/network_form.html"
    form_class = NetworkForm

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Change the network"))]

    def get_form_kwargs(self):
        # a copy: a refused save must not leave the loaded network half-changed
        network = Network.objects.get(pk=self.get_network().pk)
        return {**super().get_form_kwargs(), "instance": network}

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.get_network(), **kwargs)

    def form_valid(self, form):
        data = {f: form.cleaned_data[f] for f in services.NETWORK_FIELDS}
        try:
            network = services.save_network(
                self.get_network(), by=self.request.user, values=data,
                coordinators=form.cleaned_data["coordinators"],
                organisations=form.cleaned_data["organisations"])
        except DomainError as e:
            add_to_form(form, e)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The network is saved."))
        return redirect(network)


class NetworkChoicesView(FormChoicesView):
    """The JSON behind the network form's selects of people and organisations."""

    permission_required = "network.search_network_choices"
    form_class = NetworkForm
    search_fields = {"coordinators": PERSON_NAMES, "organisations": ORGANISATION_NAMES,
                     "base_organisation": ORGANISATION_NAMES}


class NetworkListView(PermissionRequiredMixin, CrumbsMixin, FilterView):
    permission_required = "network.view_network_list"
    template_name = "network/network_list.html"
    filterset_class = NetworkFilter
    context_object_name = "networks"
    paginate_by = 50

    def get_crumbs(self):
        return [(None, _("Networks"))]

    def get_queryset(self):
        return queries.network_list(self.request.user)


def health_charts(rows):
    """The network page's charts from stored health rows (oldest first)."""
    if not rows:
        return []
    labels = [quarter_label(r.quarter) for r in rows]
    return [
        charts.line_chart(
            title=gettext("Activity by quarter"),
            desc=gettext("Events held and people active in each quarter, from %(first)s to "
                         "%(last)s.") % {"first": labels[0], "last": labels[-1]},
            labels=labels,
            series=[charts.Series(gettext("Events held"), tuple(r.events_held for r in rows)),
                    charts.Series(gettext("Active people"),
                                  tuple(r.active_members for r in rows))],
        ),
        charts.bar_chart(
            title=gettext("Share of events by the most active organiser, %"),
            desc=gettext("Over the year ending with each quarter; above 50% the network depends "
                         "on one person."),
            labels=labels,
            values=[round(r.top_person_share * 100) if r.top_person_share is not None else 0
                    for r in rows],
            value_suffix="%", series_name=gettext("Share, %"),
        ),
    ]


class NetworkDetailView(NetworkMixin, TemplateView):
    template_name = "network/network_detail.html"

    def get_crumbs(self):
        return [networks_crumb(), (None, self.get_network().name)]

    def get_context_data(self, **kwargs):
        network = self.get_network()
        user = self.request.user
        page = queries.network_page(
            network, with_requests=user.has_perm("network.manage_members", network))
        role = queries.network_roles_of(user).get(network.pk)
        return super().get_context_data(
            network=network, **page, my_status=role[1] if role else None,
            rules=services.current_rules(network), charts=health_charts(page["health"]),
            join_form=JoinForm(), **kwargs,
        )


class NetworkJoinView(NetworkMixin, View):
    permission_required = "network.join_network"

    def post(self, request, slug):
        network = self.get_network()
        form = JoinForm(request.POST)
        try:
            services.request_to_join(network, by=request.user,
                                     message=form.data.get("message", "")[:2000])
            messages.success(request, gettext("Your request is sent to the coordinators."))
        except DomainError as e:
            refuse(request, e)
        return redirect(network.get_absolute_url())


class NetworkLeaveView(NetworkMixin, View):
    permission_required = "network.leave_network"

    def post(self, request, slug):
        network = self.get_network()
        try:
            services.leave_network(network, by=request.user)
            messages.success(request, gettext("You have left the network."))
        except DomainError as e:
            refuse(request, e)
        return redirect(network.get_absolute_url())


class MemberDecisionView(PermissionRequiredMixin, View):
    permission_required = "network.manage_members"

    def get_member(self):
        if not hasattr(self, "_member"):
            self._member = get_object_or_404(
                NetworkMember.objects.select_related("network", "person"), pk=self.kwargs["pk"])
        return self._member

    def get_permission_object(self):
        return self.get_member().network

    def post(self, request, pk, decision):
        member = self.get_member()
        try:
            if decision == "accept":
                services.accept_member(member, by=request.user)
                messages.success(request, gettext("%(person)s is now a member.")
                                 % {"person": member.person.full_name})
            else:
                services.decline_member(member, by=request.user)
                messages.success(request, gettext("The request is declined."))
        except DomainError as e:
            refuse(request, e)
        return redirect(member.network.get_absolute_url() + "#members")


def attachment_response(row):
    """A stored file (an event's material, a product's file) as a download; 404 if it is gone."""
    try:
        handle = row.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=row.original_name,
        content_type=CONTENT_TYPES.get(row.kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
