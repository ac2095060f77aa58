"""Reads of the calendar plan and the roles: the plan page, the Gantt rows, the rows for
documents, overdue control points for health, the dashboard and the staff's queue."""

from django.db.models import Case, CharField, F, OuterRef, Prefetch, Subquery, Value, When
from django.db.models.functions import Concat, Substr
from django.utils import timezone

from initiatives.enums import InitiativeState
from initiatives.models import Initiative, TeamMember
from network.gantt import ACTIVITY, POINT, GanttRow
from portfolio.models import PlanItem, ProjectRole
from portfolio.plan.enums import REACHED, PlanItemKind, PlanItemStatus


def overdue_points(today=None):
    """Control points of projects in progress whose planned date has passed and which are not
    marked done (returned ones count again)."""
    today = today or timezone.localdate()
    return PlanItem.objects.filter(
        kind=PlanItemKind.POINT, planned_end__lt=today,
        initiative__state=InitiativeState.IN_PROGRESS,
    ).exclude(status__in=REACHED)


def overdue_points_list(user=None, today=None):
    """Overdue points with their projects, oldest first (the dashboard's number links here)."""
    return overdue_points(today).select_related(
        "initiative__organisation", "responsible").order_by("planned_end", "initiative_id", "pk")


def points_to_decide():
    """Control points marked done and waiting for the office (the staff's queue)."""
    return PlanItem.objects.filter(kind=PlanItemKind.POINT, status=PlanItemStatus.DONE) \
        .select_related("initiative").order_by("actual_on", "pk")


def roles_prefetch():
    return Prefetch("project_roles", queryset=ProjectRole.objects.select_related(
        "person", "invitation").order_by("role"))


def team_prefetch():
    return Prefetch("team", queryset=TeamMember.objects.select_related("person", "share"))


def project_for_plan(pk):
    """The project of a plan page with its roles, team and plan (four queries)."""
    return Initiative.objects.select_related("organisation", "leader").prefetch_related(
        roles_prefetch(), team_prefetch(),
        Prefetch("plan_items", queryset=PlanItem.objects.select_related("responsible")),
    ).filter(pk=pk).first()


def plan_rows(initiative):
    """The plan's lines in the order documents print them (the passport's appendix): by order,
    then date; each with its responsible person loaded."""
    return list(PlanItem.objects.filter(initiative=initiative).select_related("responsible")
                .order_by("order", "planned_end", "pk"))


def is_overdue(item, today, state):
    """The same rule as :func:`overdue_points`, on a loaded item of a project in ``state``."""
    return item.kind == PlanItemKind.POINT and item.planned_end < today and \
        item.status not in REACHED and state == InitiativeState.IN_PROGRESS


def gantt_rows(items, *, today, state):
    rows = []
    for item in items:
        rows.append(GanttRow(
            label=str(item), kind=POINT if item.kind == PlanItemKind.POINT else ACTIVITY,
            planned_start=item.planned_start, planned_end=item.planned_end,
            forecast_start=item.forecast_start, forecast_end=item.forecast_end,
            actual_end=item.actual_on, status=str(item.get_status_display()),
            done=item.status in REACHED, overdue=is_overdue(item, today, state)))
    return rows


def roles_of_person(person):
    """The projects a person holds a role in, with the role, for the person's page."""
    return list(ProjectRole.objects.filter(person=person).select_related("initiative")
                .order_by("initiative__title", "role"))


def shares_of_person(person):
    """The person's team rows in projects with a share of working time."""
    return list(TeamMember.objects.filter(person=person, share__isnull=False)
                .select_related("initiative", "share").order_by("initiative__title"))


def role_holder_name(role):
    """A subquery: the surname and initials (or the invited e-mail) of the holder of the outer
    project's single ``role`` (curator, administrator), for the registry's one query."""
    initials = Concat(
        Substr("person__first_name", 1, 1), Value(". "),
        Substr("person__patronymic", 1, 1), Value("."), output_field=CharField())
    name = Case(
        When(person__isnull=True, then=F("invitation__email")),
        default=Concat("person__last_name", Value(" "), initials, output_field=CharField()),
        output_field=CharField())
    return Subquery(ProjectRole.objects.filter(
        initiative=OuterRef("pk"), role=role).annotate(name=name)
        .values("name")[:1], output_field=CharField())
