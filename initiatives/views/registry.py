"""The initiative registry: the list with its filters, the filters' choices, the export."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from accounts.autocomplete import ORGANISATION_NAMES, PERSON_NAMES, FilterChoicesView
from accounts.mixins import CrumbsMixin
from initiatives import exports, queries
from initiatives.bulk.views import BulkActionsContextMixin
from initiatives.calls import registry as call_registry
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative

# --- registry ------------------------------------------------------------------------


class InitiativeListView(PermissionRequiredMixin, CrumbsMixin, BulkActionsContextMixin,
                         FilterView):
    permission_required = "initiatives.view_initiative_list"
    filterset_class = InitiativeFilter
    template_name = "initiatives/initiative_list.html"
    context_object_name = "initiatives"
    paginate_by = 50

    def get_crumbs(self):
        return [(None, _("Initiatives"))]

    def get_queryset(self):
        return queries.registry_page(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        context = super().get_context_data(query=query.urlencode(), today=timezone.localdate(),
                                           **kwargs)
        # the chosen answers of the call's questions as columns (one query for the page)
        columns = call_registry.chosen_columns(context["filter"])
        if columns:
            rows = list(context["initiatives"])
            cells = call_registry.answer_cells(columns, [i.pk for i in rows])
            for i in rows:
                i.answer_cells = cells.get(i.pk, [])
            context["initiatives"] = rows
        context["answer_columns"] = columns
        return context


class InitiativeFilterChoicesView(FilterChoicesView):
    """Organisations, networks, leaders and experts for the registry's filters, as JSON."""

    permission_required = "initiatives.view_initiative_list"
    filterset_class = InitiativeFilter
    search_fields = {"organisation": ORGANISATION_NAMES, "network": ("name",),
                     "leader": PERSON_NAMES, "expert": PERSON_NAMES}

    def get_filterset(self):
        return InitiativeFilter(queryset=Initiative.objects.none(), request=self.request,
                                user=self.request.user)


class InitiativeExportView(PermissionRequiredMixin, View):
    """The filtered registry as XLSX or CSV."""

    permission_required = "initiatives.export_initiatives"

    def get(self, request, fmt):
        if fmt not in ("xlsx", "csv"):
            raise Http404
        filterset = InitiativeFilter(request.GET, queryset=queries.registry(request.user),
                                     request=request, user=request.user)
        return exports.download(
            exports.rows(filterset.qs if filterset.is_valid() else filterset.queryset.none()), fmt)
