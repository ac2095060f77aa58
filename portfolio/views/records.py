"""Organisation records: incentive documents, publications and planned methodical products that
the annual report counts; the index pages through the region's organisations with the count of
each kind."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError, add_to_form
from accounts.mixins import CrumbsMixin
from accounts.queries import count_in
from network.models import Organisation
from network.views.organisations import OrganisationListView
from portfolio import services as monitoring
from portfolio.forms import IncentiveForm, PlannedProductForm, PublicationForm
from portfolio.models import Incentive, PlannedProduct, Publication

# --- organisation records -------------------------------------------------------------------

RECORD_FORMS = {
    "incentive": (IncentiveForm, monitoring.add_incentive, _("The incentive document is added.")),
    "publication": (PublicationForm, monitoring.add_publication, _("The publication is added.")),
    "product": (PlannedProductForm, monitoring.add_planned_product,
                _("The planned product is added.")),
}


class RecordsIndexView(OrganisationListView):
    """The organisations' list (fifty a page, found by a word of the name or the INN, current
    or archived) with the count of each kind of record, for those who keep the records."""

    permission_required = "initiatives.keep_organisation_records"
    template_name = "portfolio/records_index.html"

    def get_crumbs(self):
        return [(None, _("Organisation records"))]

    def get_queryset(self):
        return super().get_queryset().annotate(
            n_incentives=count_in(Incentive.objects.all(), "organisation"),
            n_publications=count_in(Publication.objects.all(), "organisation"),
            n_products=count_in(PlannedProduct.objects.all(), "organisation"),
        )


class RecordsView(PermissionRequiredMixin, CrumbsMixin, View):
    permission_required = "initiatives.keep_organisation_records"

    def get_organisation(self):
        return get_object_or_404(Organisation, pk=self.kwargs["pk"])

    def get_crumbs(self, organisation):
        return [(reverse("initiatives:records"), _("Organisation records")),
                (None, organisation.short_name)]

    def show(self, request, organisation, **bound):
        forms = {f"{k}_form": cls(organisation=organisation) for k, (cls, _f, _m)
                 in RECORD_FORMS.items()}
        forms.update(bound)
        return render(request, "portfolio/records.html", {
            "organisation": organisation,
            "incentives": list(organisation.incentives.order_by("-document_date", "pk")),
            "publications": list(organisation.publications.select_related("initiative")
                                 .order_by("-published_on", "pk")),
            "products": list(organisation.planned_products.select_related("initiative",
                                                                          "library_product")
                             .order_by("-year", "pk")),
            "crumbs": self.get_crumbs(organisation), **forms,
        })

    def get(self, request, pk, kind=None):
        return self.show(request, self.get_organisation())

    def post(self, request, pk, kind=None):
        organisation = self.get_organisation()
        if kind not in RECORD_FORMS:
            raise Http404
        form_class, action, done = RECORD_FORMS[kind]
        form = form_class(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                action(organisation, by=request.user, **form.cleaned_data)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, done)
                return redirect(reverse("initiatives:organisation_records",
                                        kwargs={"pk": pk}) + f"#{kind}")
        messages.error(request, gettext("Correct the marked fields: nothing is saved yet."))
        return self.show(request, organisation, **{f"{kind}_form": form})


