import functools

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.enums import OfficeRole
from accounts.models import RoleAssignment, User
from accounts.widgets import (
    AutocompleteSelect,
    CompactFilterMixin,
    MultiChoiceSelect,
)
from initiatives import queries
from initiatives.calls import registry as call_registry
from initiatives.enums import Health, InitiativeState
from initiatives.models import Call, Direction, Initiative, Portfolio
from network.models import Network, Organisation

# The registry's selects of organisations, networks and people grow with the data: the page
# writes only the chosen option, and the autocomplete asks these views for the rest.
REGISTRY_CHOICES = "initiatives:list_choices"
PROJECTS_CHOICES = "initiatives:portfolio_registry_choices"


class InitiativeFilter(CompactFilterMixin, django_filters.FilterSet):
    """The registry's filters; the queryset it gets is already limited to what the person sees."""

    # filters offered only to those with a permission (filter name -> permission)
    restricted = {"expert": "initiatives.view_expert_filter"}

    q = django_filters.CharFilter(label=_("Search in titles and annotations"), method="search",
                                  max_length=200)
    state = django_filters.MultipleChoiceFilter(
        label=_("State"), choices=InitiativeState.choices,
        widget=MultiChoiceSelect,
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.order_by("short_name"),
        widget=AutocompleteSelect(REGISTRY_CHOICES),
    )
    academic_year = django_filters.ChoiceFilter(label=_("Academic year"), choices=[])
    direction = django_filters.ModelChoiceFilter(
        label=_("Direction"), queryset=Direction.objects.select_related("portfolio")
    )
    call = django_filters.ModelChoiceFilter(
        label=_("Call"), queryset=Call.objects.only("pk", "title").order_by("-opens_at", "-pk"),
    )
    network = django_filters.ModelChoiceFilter(
        label=_("Network"), queryset=Network.objects.order_by("name"),
        widget=AutocompleteSelect(REGISTRY_CHOICES),
    )
    # people who lead an initiative (a semi-join: no DISTINCT over every user column)
    leader = django_filters.ModelChoiceFilter(
        label=_("Project leader"), widget=AutocompleteSelect(REGISTRY_CHOICES),
        queryset=User.objects.filter(pk__in=Initiative.objects.values("leader_id")),
    )
    expert = django_filters.ModelChoiceFilter(
        label=_("Assigned expert"), field_name="expert_assignments__expert",
        widget=AutocompleteSelect(REGISTRY_CHOICES),
        queryset=User.objects.filter(
            pk__in=RoleAssignment.objects.filter(role=OfficeRole.EXPERT).values("user_id")),
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("updated_at", "updated"),
            ("title", "title"),
            ("organisation__short_name", "organisation"),
            ("state", "state"),
            ("academic_year", "year"),
            ("starts_on", "starts"),
            ("submitted_at", "submitted"),
        ),
        field_labels={
            "updated_at": _("last change"),
            "title": _("title"),
            "organisation__short_name": _("organisation"),
            "state": _("state"),
            "academic_year": _("academic year"),
            "starts_on": _("start date"),
            "submitted_at": _("submission date"),
        },
    )

    class Meta:
        model = Initiative
        fields = ["q", "state", "organisation", "academic_year", "direction", "call", "network",
                  "leader", "expert"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        years = functools.cache(queries.academic_years)  # one query per filter set
        self.filters["academic_year"].extra["choices"] = lambda: [(y, y) for y in years()]
        for name, permission in self.restricted.items():
            if user is None or not user.has_perm(permission):
                del self.filters[name]
        # narrowed to one call: its questions as filters and optional columns (one query)
        self.answer_questions = call_registry.call_questions(
            self.data.get("call") if self.is_bound else None)
        self.filters.update(call_registry.filters(self.answer_questions))

    def search(self, queryset, name, value):
        return queries.search(queryset, value)

    def filter_queryset(self, queryset):
        qs = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("ordering"):
            return qs
        if "rank" in qs.query.annotations:
            return qs.order_by("-rank", "-pk")
        return qs.order_by("-updated_at", "-pk")


class PortfolioRegistryFilter(CompactFilterMixin, django_filters.FilterSet):
    """Filters of the registry of projects (issue 6)."""

    portfolio = django_filters.ModelChoiceFilter(
        label=_("Portfolio"), field_name="direction__portfolio",
        queryset=Portfolio.objects.order_by("order", "name"),
    )
    direction = django_filters.ModelChoiceFilter(
        label=_("Direction"), queryset=Direction.objects.select_related("portfolio")
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.order_by("short_name"),
        widget=AutocompleteSelect(PROJECTS_CHOICES),
    )
    state = django_filters.ChoiceFilter(label=_("State"), choices=[
        (s.value, s.label) for s in (InitiativeState.APPROVED, InitiativeState.IN_PROGRESS,
                                     InitiativeState.COMPLETED, InitiativeState.CLOSED)])
    health = django_filters.ChoiceFilter(label=_("Project health"), choices=Health.choices)
    year = django_filters.NumberFilter(label=_("Running in the year"), method="running_in",
                                       min_value=2000, max_value=2100)

    class Meta:
        model = Initiative
        fields = ["portfolio", "direction", "organisation", "state", "health", "year"]

    def running_in(self, queryset, name, value):
        import datetime

        year = int(value)
        return queryset.filter(
            Q(starts_on__lte=datetime.date(year, 12, 31)) | Q(starts_on__isnull=True),
            Q(ends_on__gte=datetime.date(year, 1, 1)) | Q(ends_on__isnull=True),
        )
