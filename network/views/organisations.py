"""Pages of organisations: the list, an organisation's page, and the office's pages to add,
change, archive, restore and import them from a table."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError, add_to_form
from accounts.importing import TabularImportView, TemplateDownloadView
from accounts.mixins import CrumbsMixin, ReadOnceMixin
from network import organisations
from network.filters import OrganisationFilter
from network.forms import OrganisationForm
from network.models import Organisation


class OrganisationListView(PermissionRequiredMixin, CrumbsMixin, FilterView):
    permission_required = "network.view_organisation_list"
    template_name = "network/organisation_list.html"
    filterset_class = OrganisationFilter
    context_object_name = "organisations"
    paginate_by = 50

    def get_crumbs(self):
        return [(None, _("Organisations"))]

    def archived(self):
        return self.request.GET.get("archived") == "1"

    def get_queryset(self):
        return Organisation.objects.filter(archived_at__isnull=not self.archived()).order_by(
            "short_name", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(archived=self.archived(), **kwargs)


class OrganisationDetailView(PermissionRequiredMixin, ReadOnceMixin, CrumbsMixin, DetailView):
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


def _list_crumb():
    return (reverse("network:organisation_list"), _("Organisations"))


class OrganisationCreateView(PermissionRequiredMixin, CrumbsMixin, FormView):
    permission_required = "network.manage_organisations"
    template_name = "network/organisation_form.html"
    form_class = OrganisationForm

    def get_crumbs(self):
        return [_list_crumb(), (None, _("New organisation"))]

    def form_valid(self, form):
        try:
            organisation = organisations.save_organisation(
                None, by=self.request.user, values=form.cleaned_data)
        except DomainError as e:
            add_to_form(form, e)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The organisation is added."))
        return redirect(organisation)


class OrganisationEditView(PermissionRequiredMixin, CrumbsMixin, FormView):
    permission_required = "network.manage_organisations"
    template_name = "network/organisation_form.html"
    form_class = OrganisationForm

    def get_organisation(self):
        if not hasattr(self, "_organisation"):
            self._organisation = get_object_or_404(Organisation, pk=self.kwargs["pk"])
        return self._organisation

    def get_crumbs(self):
        organisation = self.get_organisation()
        return [_list_crumb(), (organisation.get_absolute_url(), organisation.short_name),
                (None, _("Change the organisation"))]

    def get_form_kwargs(self):
        # a copy: a refused save must not leave the loaded organisation half-changed
        return {**super().get_form_kwargs(),
                "instance": Organisation.objects.get(pk=self.get_organisation().pk)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.get_organisation(), **kwargs)

    def form_valid(self, form):
        try:
            organisation = organisations.save_organisation(
                self.get_organisation(), by=self.request.user, values=form.cleaned_data)
        except DomainError as e:
            add_to_form(form, e)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The organisation is saved."))
        return redirect(organisation)


class OrganisationArchiveView(PermissionRequiredMixin, View):
    """POST: archive (``restore=False``) or bring back (``restore=True``) an organisation."""

    permission_required = "network.manage_organisations"
    restore = False

    def post(self, request, pk):
        organisation = get_object_or_404(Organisation, pk=pk)
        try:
            if self.restore:
                organisations.restore_organisation(organisation, by=request.user)
                messages.success(request, gettext("The organisation is back from the archive."))
            else:
                organisations.archive_organisation(organisation, by=request.user)
                messages.success(request, gettext("The organisation is archived."))
        except DomainError as e:
            messages.error(request, str(e))
        return redirect(organisation)


class OrganisationImportView(TabularImportView):
    permission_required = "network.manage_organisations"
    importer_class = organisations.OrganisationImport
    title = _("Import organisations")
    intro = _("Rows are matched with the portal's organisations by INN, else by short name. "
              "An empty optional cell keeps what the portal has. Nothing is written until you "
              "confirm.")
    template_url = reverse_lazy("network:organisation_import_template")
    back_url = reverse_lazy("network:organisation_list")

    def get_crumbs(self):
        return [_list_crumb(), (None, self.title)]

    def run_import(self, importer, table):
        return organisations.import_organisations(table, by=self.request.user)


class OrganisationTemplateView(TemplateDownloadView):
    permission_required = "network.manage_organisations"
    importer_class = organisations.OrganisationImport
    filename = "organisations.xlsx"

    def example_rows(self):
        return organisations.template_rows()
