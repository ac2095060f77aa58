from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from accounts.autocomplete import ORGANISATION_NAMES, FilterChoicesView
from accounts.diff import word_diff
from accounts.errors import DomainError
from accounts.files import CONTENT_TYPES
from accounts.mixins import CrumbsMixin
from network import calendar, charts, queries, services
from network.enums import MemberStatus, RulesAdoption
from network.filters import ProductFilter
from network.forms import (
    CommentForm,
    EventCancelForm,
    EventForm,
    FeedbackForm,
    FileForm,
    JoinForm,
    NetworkForm,
    ProductForm,
    ReturnForm,
    RuleProposalForm,
    VoteForm,
)
from network.health import quarter_label
from network.models import (
    EventMaterial,
    MethodicalProduct,
    Network,
    NetworkEvent,
    NetworkMember,
    Organisation,
    ProductFile,
    RuleProposal,
)
from network.queries import organisation_ids_of


class OrganisationListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    permission_required = "network.view_organisation_list"
    template_name = "network/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = 50

    def get_crumbs(self):
        return [(None, _("Organisations"))]

    def archived(self):
        return self.request.GET.get("archived") == "1"

    def get_queryset(self):
        return Organisation.objects.filter(archived_at__isnull=not self.archived()).order_by(
            "short_name")

    def get_context_data(self, **kwargs):
        return super().get_context_data(archived=self.archived(), **kwargs)


class OrganisationDetailView(PermissionRequiredMixin, CrumbsMixin, DetailView):
    permission_required = "network.view_organisation"
    template_name = "network/organisation_detail.html"
    context_object_name = "organisation"
    model = Organisation

    def get_crumbs(self):
        return [(reverse("network:organisation_list"), _("Organisations")), (None, self.object)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            memberships=self.object.memberships.filter(is_active=True).select_related("person"),
            **kwargs,
        )


# --- networks ------------------------------------------------------------------------------


def _networks_crumb():
    return (reverse("network:network_list"), _("Networks"))


def _refuse(request, error):
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
        return [_networks_crumb(), (network.get_absolute_url(), network.name)]


class NetworkCreateView(PermissionRequiredMixin, CrumbsMixin, FormView):
    """The office designs a new network: its card, coordinators and member organisations."""

    permission_required = "network.add_network"
    template_name = "network/network_form.html"
    form_class = NetworkForm

    def get_crumbs(self):
        return [_networks_crumb(), (None, _("New network"))]

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        coordinators, organisations = data.pop("coordinators"), data.pop("organisations")
        try:
            network = services.save_network(None, by=self.request.user, values=data,
                                            coordinators=coordinators,
                                            organisations=organisations)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e))
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
            form.add_error(e.field if e.field in form.fields else None, str(e))
            return self.form_invalid(form)
        messages.success(self.request, gettext("The network is saved."))
        return redirect(network)


class NetworkListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    permission_required = "network.view_network_list"
    template_name = "network/network_list.html"
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
        return [_networks_crumb(), (None, self.get_network().name)]

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
            _refuse(request, e)
        return redirect(network.get_absolute_url())


class NetworkLeaveView(NetworkMixin, View):
    permission_required = "network.leave_network"

    def post(self, request, slug):
        network = self.get_network()
        try:
            services.leave_network(network, by=request.user)
            messages.success(request, gettext("You have left the network."))
        except DomainError as e:
            _refuse(request, e)
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
            _refuse(request, e)
        return redirect(member.network.get_absolute_url() + "#members")


# --- rules of interaction -------------------------------------------------------------------


class RulesView(NetworkMixin, TemplateView):
    """All versions of the rules, the current one, and a word-by-word comparison of two."""

    template_name = "network/rules.html"

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Rules of interaction"))]

    def get_context_data(self, **kwargs):
        network = self.get_network()
        versions = list(network.rules_versions.order_by("-number"))
        by_number = {v.number: v for v in versions}

        def pick(name, default):
            try:
                return by_number.get(int(self.request.GET.get(name, "")), default)
            except ValueError:
                return default

        new = pick("b", versions[0] if versions else None)
        old = pick("a", next((v for v in versions if new and v.number < new.number), None))
        proposals = list(network.rule_proposals.select_related("proposer").order_by("-created_at"))
        return super().get_context_data(
            network=network, versions=versions, old=old, new=new,
            diff=word_diff(old.text if old else "", new.text) if new else "",
            proposals=proposals, **kwargs,
        )


class RulesVersionView(NetworkMixin, TemplateView):
    template_name = "network/rules_version.html"

    def get_crumbs(self):
        return [*super().get_crumbs(),
                (reverse("network:rules", kwargs={"slug": self.kwargs["slug"]}),
                 _("Rules of interaction")),
                (None, gettext("Version %(n)s") % {"n": self.kwargs["number"]})]

    def get_context_data(self, **kwargs):
        version = get_object_or_404(self.get_network().rules_versions.select_related("proposal"),
                                    number=self.kwargs["number"])
        return super().get_context_data(network=self.get_network(), version=version, **kwargs)


class ProposalCreateView(NetworkMixin, FormView):
    permission_required = "network.propose_rules"
    template_name = "network/proposal_form.html"
    form_class = RuleProposalForm

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Propose a change of the rules"))]

    def get_initial(self):
        current = services.current_rules(self.get_network())
        return {"text": current.text if current else ""}

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.get_network(), **kwargs)

    def form_valid(self, form):
        try:
            proposal = services.propose_rules(self.get_network(), by=self.request.user,
                                              **form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field, str(e))
            return self.form_invalid(form)
        messages.success(self.request, gettext("The proposal is open for discussion."))
        return redirect(proposal.get_absolute_url())


class ProposalMixin(PermissionRequiredMixin, CrumbsMixin):
    permission_required = "network.view_proposal"

    def get_proposal(self):
        if not hasattr(self, "_proposal"):
            qs = RuleProposal.objects.select_related("network", "proposer")
            if "slug" in self.kwargs:
                qs = qs.filter(network__slug=self.kwargs["slug"])
            self._proposal = get_object_or_404(qs, pk=self.kwargs["pk"])
        return self._proposal

    def get_permission_object(self):
        return self.get_proposal()

    def get_crumbs(self):
        p = self.get_proposal()
        return [_networks_crumb(), (p.network.get_absolute_url(), p.network.name),
                (reverse("network:rules", kwargs={"slug": p.network.slug}),
                 _("Rules of interaction")), (None, p.title)]


class ProposalDetailView(ProposalMixin, TemplateView):
    template_name = "network/proposal_detail.html"

    def get_context_data(self, **kwargs):
        proposal = self.get_proposal()
        network = proposal.network
        current = services.current_rules(network)
        votes = list(proposal.votes.select_related("voter"))
        active = network.members.filter(status=MemberStatus.ACTIVE).count()
        mine = next((v for v in votes if v.voter_id == self.request.user.pk), None)
        return super().get_context_data(
            proposal=proposal, network=network,
            comments=list(proposal.comments.select_related("author")),
            votes=votes, votes_for=sum(v.choice == "for" for v in votes),
            votes_against=sum(v.choice == "against" for v in votes),
            votes_needed=services.votes_needed(network, active), my_vote=mine,
            by_vote=network.rules_adoption == RulesAdoption.VOTE,
            diff=word_diff(current.text if current else "", proposal.text),
            comment_form=CommentForm(), vote_form=VoteForm(initial={"choice": "for"}), **kwargs,
        )


class ProposalActionView(ProposalMixin, View):
    ACTIONS = {"comment": "network.discuss_proposal", "vote": "network.discuss_proposal",
               "adopt": "network.adopt_proposal", "reject": "network.adopt_proposal"}

    def get_permission_required(self):
        if self.kwargs["action"] not in self.ACTIONS:
            raise Http404
        return (self.ACTIONS[self.kwargs["action"]],)

    def post(self, request, pk, action):
        proposal = self.get_proposal()
        try:
            if action == "comment":
                services.comment_on_proposal(proposal, by=request.user,
                                             text=request.POST.get("text", ""))
            elif action == "vote":
                proposal = services.vote_on_proposal(proposal, by=request.user,
                                                     choice=request.POST.get("choice", ""))
                if proposal.status == "adopted":
                    messages.success(request, gettext("Enough votes: the rules are adopted."))
            elif action == "adopt":
                services.adopt_proposal(proposal, by=request.user)
                messages.success(request, gettext("The rules are adopted as a new version."))
            else:
                services.reject_proposal(proposal, by=request.user,
                                         comment=request.POST.get("comment", ""))
                messages.success(request, gettext("The proposal is rejected."))
        except DomainError as e:
            _refuse(request, e)
        return redirect(proposal.get_absolute_url())


# --- events --------------------------------------------------------------------------------


class CalendarView(NetworkMixin, TemplateView):
    template_name = "network/calendar.html"

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Calendar"))]

    def get_context_data(self, **kwargs):
        network = self.get_network()
        events = list(queries.calendar_events(network))
        return super().get_context_data(network=network, months=calendar.by_month(events),
                                        **kwargs)


def _ics_response(body, name):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


class NetworkIcsView(NetworkMixin, View):
    def get(self, request, slug):
        network = self.get_network()
        return _ics_response(calendar.ics(network, queries.calendar_events(network)),
                             f"network-{network.slug}")


class EventCreateView(NetworkMixin, FormView):
    permission_required = "network.add_event"
    template_name = "network/event_form.html"
    form_class = EventForm

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("New event"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "network": self.get_network()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.get_network(), **kwargs)

    def form_valid(self, form):
        try:
            event = services.create_event(self.get_network(), by=self.request.user,
                                          **form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e))
            return self.form_invalid(form)
        messages.success(self.request, gettext("The event is in the network's calendar."))
        return redirect(event.get_absolute_url())


class EventMixin(PermissionRequiredMixin, CrumbsMixin):
    permission_required = "network.view_event"

    def get_event(self):
        if not hasattr(self, "_event"):
            self._event = get_object_or_404(
                NetworkEvent.objects.select_related("network").prefetch_related("organisers"),
                pk=self.kwargs["pk"])
        return self._event

    def get_permission_object(self):
        return self.get_event()

    def get_crumbs(self):
        e = self.get_event()
        return [_networks_crumb(), (e.network.get_absolute_url(), e.network.name),
                (reverse("network:calendar", kwargs={"slug": e.network.slug}), _("Calendar")),
                (None, e.title)]


class EventDetailView(EventMixin, TemplateView):
    template_name = "network/event_detail.html"

    def get_context_data(self, **kwargs):
        event = self.get_event()
        page = queries.event_page(event)
        mine = next((r for r in page["registrations"] if r.person_id == self.request.user.pk),
                    None)
        ratings = [f.rating for f in page["feedback"]]
        return super().get_context_data(
            event=event, network=event.network, **page, my_registration=mine,
            average_rating=round(sum(ratings) / len(ratings), 1) if ratings else None,
            file_form=FileForm(), feedback_form=FeedbackForm(), **kwargs,
        )


class EventEditView(EventMixin, FormView):
    """Change an event's details or organisers; or cancel it with a reason (second form)."""

    permission_required = "network.change_event"
    template_name = "network/event_edit.html"
    form_class = EventForm

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Change the event"))]

    def get_initial(self):
        event = self.get_event()
        return {
            "kind": event.kind, "title": event.title, "place": event.place,
            "description": event.description,
            "starts_at": timezone.localtime(event.starts_at),
            "ends_at": timezone.localtime(event.ends_at) if event.ends_at else None,
            "organisers": [o.person_id for o in event.organisers.all()
                           if o.person_id != event.created_by_id],
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "network": self.get_event().network,
                "submit_label": _("Save the event")}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("cancel_form", EventCancelForm())
        return super().get_context_data(event=self.get_event(), **kwargs)

    def form_valid(self, form):
        try:
            event = services.update_event(self.get_event(), by=self.request.user,
                                          **form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e))
            return self.form_invalid(form)
        messages.success(self.request, gettext("The event is saved."))
        return redirect(event.get_absolute_url())


class EventCancelView(EventMixin, View):
    permission_required = "network.change_event"

    def post(self, request, pk):
        event = self.get_event()
        form = EventCancelForm(request.POST)
        if form.is_valid():
            try:
                services.cancel_event(event, by=request.user, reason=form.cleaned_data["reason"])
            except DomainError as e:
                form.add_error("reason" if e.field == "reason" else None, str(e))
            else:
                messages.success(request, gettext("The event is cancelled; the people "
                                                  "registered for it are told."))
                return redirect(event.get_absolute_url())
        # the reason is missing: show the edit page again with the message beside the field
        view = EventEditView()
        view.setup(request, pk=pk)
        view._event = event
        return view.render_to_response(view.get_context_data(
            form=view.form_class(initial=view.get_initial(), network=event.network,
                                 submit_label=_("Save the event")),
            cancel_form=form))


class EventIcsView(EventMixin, View):
    def get(self, request, pk):
        event = self.get_event()
        return _ics_response(calendar.ics(event.network, [event]), f"event-{event.pk}")


class EventRegisterView(EventMixin, View):
    permission_required = "network.register_event"

    def post(self, request, pk):
        event = self.get_event()
        try:
            if request.POST.get("cancel"):
                services.cancel_registration(event, by=request.user)
                messages.success(request, gettext("Your registration is cancelled."))
            else:
                services.register_for_event(event, by=request.user)
                messages.success(request, gettext("You are registered for the event."))
        except DomainError as e:
            _refuse(request, e)
        return redirect(event.get_absolute_url())


class AttendanceView(EventMixin, View):
    permission_required = "network.change_event"

    def post(self, request, pk):
        event = self.get_event()
        try:
            ids = [int(i) for i in request.POST.getlist("attended") if str(i).isdigit()]
            count = services.mark_attendance(event, by=request.user, attended_ids=ids)
            messages.success(request, gettext("Attendance is saved: %(n)s attended.")
                             % {"n": count})
        except DomainError as e:
            _refuse(request, e)
        return redirect(event.get_absolute_url() + "#registrations")


class MaterialAddView(EventMixin, View):
    permission_required = "network.change_event"

    def post(self, request, pk):
        event = self.get_event()
        form = FileForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("file", [])))
        else:
            try:
                services.add_event_material(event, by=request.user,
                                            upload=form.cleaned_data["file"])
                messages.success(request, gettext("The file is added to the materials."))
            except DomainError as e:
                _refuse(request, e)
        return redirect(event.get_absolute_url() + "#materials")


def _download(row):
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


class MaterialDownloadView(PermissionRequiredMixin, View):
    permission_required = "network.view_event"

    def get_material(self):
        if not hasattr(self, "_material"):
            self._material = get_object_or_404(
                EventMaterial.objects.select_related("event__network"), pk=self.kwargs["pk"])
        return self._material

    def get_permission_object(self):
        return self.get_material().event

    def get(self, request, pk):
        return _download(self.get_material())


class FeedbackView(EventMixin, View):
    permission_required = "network.register_event"

    def post(self, request, pk):
        event = self.get_event()
        form = FeedbackForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Rate the event from 1 to 5."))
        else:
            try:
                services.give_feedback(event, by=request.user, **form.cleaned_data)
                messages.success(request, gettext("Thank you for your feedback."))
            except DomainError as e:
                _refuse(request, e)
        return redirect(event.get_absolute_url() + "#feedback")


# --- the ideas library -----------------------------------------------------------------------


def _library_crumb():
    return (reverse("network:library"), _("Ideas library"))


class IdsFirstPaginator(Paginator):
    """Reads a page in two steps inside one query: the ids of the page's rows (filtered, ordered
    and sliced without the joins), then those rows with their joins and snippets. Written as one
    query, PostgreSQL joined every match with its organisation and network before sorting them
    by rank to keep thirty: ≈ 1,000 joins for a common word at 10k initiatives."""

    def _get_page(self, object_list, number, paginator):
        ids = object_list.values("pk")
        rows = self.object_list.filter(pk__in=ids)
        return super()._get_page(rows, number, paginator)


class LibraryView(PermissionRequiredMixin, CrumbsMixin, FilterView):
    """Виртуальная сетевая лаборатория идей: open without signing in."""

    permission_required = "network.view_library"
    filterset_class = ProductFilter
    template_name = "network/library.html"
    context_object_name = "products"
    paginate_by = 30
    paginator_class = IdsFirstPaginator

    def get_crumbs(self):
        return [(None, _("Ideas library"))]

    def get_queryset(self):
        return queries.library(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for product in context["products"]:
            product.snippet = queries.highlighted(getattr(product, "headline", ""))
            product.title_html = queries.highlighted(getattr(product, "title_headline", ""))
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


class LibraryFilterChoicesView(FilterChoicesView):
    """Organisations and networks with products for the library's filters, as JSON, to whoever
    may see it."""

    permission_required = "network.view_library"
    filterset_class = ProductFilter
    search_fields = {"organisation": ORGANISATION_NAMES, "network": ("name",)}


class ProductMixin(PermissionRequiredMixin, CrumbsMixin):
    permission_required = "network.view_product"

    def get_product(self):
        if not hasattr(self, "_product"):
            self._product = get_object_or_404(
                MethodicalProduct.objects.select_related("organisation", "network")
                .prefetch_related("authors"), pk=self.kwargs["pk"])
        return self._product

    def get_permission_object(self):
        return self.get_product()

    def get_crumbs(self):
        p = self.get_product()
        return [_library_crumb(), (p.get_absolute_url(), p.title)]


def _product_organisations(user):
    orgs = Organisation.objects.in_use().order_by("short_name")
    if user.has_perm("network.moderate_products"):
        return orgs
    return orgs.filter(pk__in=organisation_ids_of(user))


class ProductDetailView(ProductMixin, TemplateView):
    template_name = "network/product_detail.html"

    def get_crumbs(self):
        return [_library_crumb(), (None, self.get_product().title)]

    def get_context_data(self, **kwargs):
        product = self.get_product()
        return super().get_context_data(
            product=product, files=list(product.files.all()),
            projects=list(product.projects.only("pk", "title")) if self.request.user
            .is_authenticated else [],
            file_form=FileForm(), return_form=ReturnForm(), **kwargs,
        )


class ProductCreateView(PermissionRequiredMixin, CrumbsMixin, FormView):
    permission_required = "network.add_product"
    template_name = "network/product_form.html"
    form_class = ProductForm

    def get_crumbs(self):
        return [_library_crumb(), (None, _("New methodical product"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "organisations": _product_organisations(self.request.user)}

    def form_valid(self, form):
        try:
            product = services.create_product(by=self.request.user, values=form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e))
            return self.form_invalid(form)
        messages.success(self.request, gettext("The draft is saved. Attach the files and send it "
                                               "for moderation."))
        return redirect(product.get_absolute_url())


class ProductEditView(ProductMixin, FormView):
    permission_required = "network.change_product"
    template_name = "network/product_form.html"
    form_class = ProductForm

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Edit"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "organisations": _product_organisations(self.request.user)}

    def get_initial(self):
        p = self.get_product()
        return {"kind": p.kind, "title": p.title, "description": p.description,
                "authors_text": p.authors_text, "organisation": p.organisation_id,
                "network": p.network_id, "year": p.year}

    def get_context_data(self, **kwargs):
        return super().get_context_data(product=self.get_product(), **kwargs)

    def form_valid(self, form):
        try:
            product = services.update_product(self.get_product(), by=self.request.user,
                                              values=form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e))
            return self.form_invalid(form)
        messages.success(self.request, gettext("Saved."))
        return redirect(product.get_absolute_url())


class ProductFileAddView(ProductMixin, View):
    permission_required = "network.change_product"

    def post(self, request, pk):
        product = self.get_product()
        form = FileForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("file", [])))
        else:
            try:
                services.attach_product_file(product, by=request.user,
                                             upload=form.cleaned_data["file"])
                messages.success(request, gettext("The file is attached."))
            except DomainError as e:
                _refuse(request, e)
        return redirect(product.get_absolute_url() + "#files")


class ProductFileDownloadView(PermissionRequiredMixin, View):
    permission_required = "network.view_product"

    def get_row(self):
        if not hasattr(self, "_row"):
            self._row = get_object_or_404(ProductFile.objects.select_related("product"),
                                          pk=self.kwargs["pk"])
        return self._row

    def get_permission_object(self):
        return self.get_row().product

    def get(self, request, pk):
        return _download(self.get_row())


class ProductActionView(ProductMixin, View):
    ACTIONS = {"submit": "network.change_product", "publish": "network.moderate_product",
               "return": "network.moderate_product"}

    def get_permission_required(self):
        if self.kwargs["action"] not in self.ACTIONS:
            raise Http404
        return (self.ACTIONS[self.kwargs["action"]],)

    def post(self, request, pk, action):
        product = self.get_product()
        try:
            if action == "submit":
                services.submit_product(product, by=request.user)
                messages.success(request, gettext("The product is sent for moderation."))
            elif action == "publish":
                services.publish_product(product, by=request.user)
                messages.success(request, gettext("The product is published in the library."))
            else:
                services.return_product(product, by=request.user,
                                        comment=request.POST.get("comment", ""))
                messages.success(request, gettext("The product is returned for revision."))
        except DomainError as e:
            _refuse(request, e)
        return redirect(product.get_absolute_url())


class ModerationQueueView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "network.moderate_products"
    template_name = "network/moderation.html"

    def get_crumbs(self):
        return [_library_crumb(), (None, _("Moderation"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(products=queries.moderation_queue(), **kwargs)


