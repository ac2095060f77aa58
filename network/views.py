from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from rules.contrib.views import PermissionRequiredMixin

from accounts.mixins import CrumbsMixin
from network.models import Organisation


class OrganisationListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    permission_required = "network.view_organisation_list"
    template_name = "network/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = 50

    def get_crumbs(self):
        return [(None, _("Organisations"))]

    def get_queryset(self):
        return Organisation.objects.order_by("short_name")


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
