"""Who may do what in the portfolio: the project registry, plans and facts, reports, risks,
changes, organisation records.

The permission names keep the ``initiatives.`` prefix of before the move (templates and views
ask for them by name)."""

import rules

from accounts.rules import is_office, is_office_staff, is_signed_in
from initiatives.enums import FINAL_STATES, InitiativeState
from initiatives.rules import can_view, is_initiative_team
from portfolio.models import PassportAgreement
from portfolio.plan.enums import ProjectRoleKind
from portfolio.services import MONITORED_STATES


@rules.predicate
def is_monitored(user, initiative):
    """Approved or in progress: the time plans, facts, reports, risks and changes are kept."""
    return initiative is not None and initiative.state in MONITORED_STATES


@rules.predicate
def is_in_progress(user, initiative):
    return initiative is not None and initiative.state == InitiativeState.IN_PROGRESS


def _of_initiative(predicate):
    """A predicate on a row (plan, actual, period, change…) through its project."""

    @rules.predicate
    def through(user, row):
        if row is None:
            return False
        initiative = row.initiative if hasattr(row, "initiative") else row.indicator.initiative
        return predicate.test(user, initiative)

    return through


can_keep_monitoring = (is_initiative_team | is_office) & is_monitored

rules.add_perm("initiatives.view_portfolio_registry", is_signed_in)
rules.add_perm("initiatives.manage_portfolios", is_office)
rules.add_perm("initiatives.view_monitoring", can_view)
rules.add_perm("initiatives.keep_monitoring", can_keep_monitoring)
rules.add_perm("initiatives.enter_actual", (is_initiative_team | is_office_staff) & is_monitored)
rules.add_perm("initiatives.decide_actual", _of_initiative(is_office_staff & is_monitored))
rules.add_perm("initiatives.view_evidence", _of_initiative(can_view))
rules.add_perm("initiatives.plan_reports", is_office_staff & is_monitored)
rules.add_perm("initiatives.write_report", _of_initiative(is_initiative_team & is_monitored))
rules.add_perm("initiatives.view_report", _of_initiative(can_view))
rules.add_perm("initiatives.decide_report", _of_initiative(is_office_staff))
rules.add_perm("initiatives.change_risk", _of_initiative(can_keep_monitoring))
rules.add_perm("initiatives.decide_change", _of_initiative(is_office & is_monitored))
rules.add_perm("initiatives.complete_project", is_office & is_in_progress)
rules.add_perm("initiatives.keep_organisation_records", is_office)


# --- roles of a project and its calendar plan (issue 25) -------------------------------------
#
# The curator (куратор) sees the project and agrees (согласует) its progress reports and change
# requests before the office decides; the administrator keeps the plan up to date; the leader is
# the card's leader; the team (the organisation's people) keeps forecasts and marks control points
# done; the office accepts or returns them.

PLANNED_STATES = ("approved", "in_progress")


def _holders(initiative):
    """{role: person id} of the project, from the prefetched roles when the page has them."""
    cache = getattr(initiative, "_prefetched_objects_cache", {}).get("project_roles")
    if cache is None:
        if not hasattr(initiative, "_role_holders"):
            initiative._role_holders = dict(initiative.project_roles.values_list("role", "person"))
        return initiative._role_holders
    return {r.role: r.person_id for r in cache}


def _holds(role):
    @rules.predicate
    def holds(user, initiative):
        return initiative is not None and user.is_authenticated and \
            _holders(initiative).get(role) == user.pk

    holds.__name__ = f"is_{role}"
    return holds


is_curator = _holds(ProjectRoleKind.CURATOR)
is_administrator = _holds(ProjectRoleKind.ADMINISTRATOR)


@rules.predicate
def is_project_leader(user, initiative):
    return initiative is not None and initiative.leader_id is not None and \
        initiative.leader_id == user.pk


@rules.predicate
def is_planned(user, initiative):
    """Approved or in progress: the plan is kept."""
    return initiative is not None and initiative.state in PLANNED_STATES


@rules.predicate
def is_not_final(user, initiative):
    return initiative is not None and initiative.state not in FINAL_STATES


def _of_project(predicate):
    """A predicate on a plan item or a role through its project."""

    @rules.predicate
    def through(user, row):
        return row is not None and predicate.test(user, row.initiative)

    return through


can_view_project = can_view | is_curator | is_administrator
can_keep_plan = (is_administrator | is_project_leader | is_office) & is_planned
can_keep_forecasts = (is_initiative_team | is_administrator | is_project_leader
                      | is_office_staff) & is_planned
can_manage_roles = is_office & is_not_final

# a curator or an administrator from outside the office and the school sees the project
rules.set_perm("initiatives.view_initiative", can_view_project)
rules.set_perm("initiatives.view_monitoring", can_view_project)

rules.add_perm("portfolio.view_plan", can_view_project)
rules.add_perm("portfolio.keep_plan", can_keep_plan)
rules.add_perm("portfolio.keep_forecasts", can_keep_forecasts)
rules.add_perm("portfolio.change_plan_item", _of_project(can_keep_plan))
rules.add_perm("portfolio.set_forecast", _of_project(can_keep_forecasts))
rules.add_perm("portfolio.mark_point_done", _of_project(can_keep_forecasts))
rules.add_perm("portfolio.decide_point", _of_project(is_office_staff & is_planned))
rules.add_perm("portfolio.view_plan_evidence", _of_project(can_view_project))
rules.add_perm("portfolio.import_plan", can_keep_plan)
rules.add_perm("portfolio.manage_roles", can_manage_roles)
rules.add_perm("portfolio.remove_role", _of_project(can_manage_roles))
rules.add_perm("portfolio.set_share", _of_project(can_manage_roles | (
    (is_project_leader | is_administrator) & is_not_final)))
rules.add_perm("portfolio.view_overdue_points", is_office)


@rules.predicate
def is_report_curator(user, row):
    """The curator of the project of a reporting period or of a progress report."""
    if row is None:
        return False
    period = getattr(row, "period", row)
    return is_curator.test(user, period.initiative)


@rules.predicate
def is_change_curator(user, change):
    return change is not None and is_curator.test(user, change.initiative)


@rules.predicate
def is_report_submitted(user, report):
    return report is not None and report.status == "submitted"


@rules.predicate
def is_change_pending(user, change):
    return change is not None and change.status == "pending"


# the curator reads the project's reports and agrees them and its change requests
rules.set_perm("initiatives.view_report", rules.predicates.is_authenticated & (
    _of_project(can_view) | is_report_curator))
rules.add_perm("portfolio.agree_report", is_report_curator & is_report_submitted)
rules.add_perm("portfolio.agree_change", is_change_curator & is_change_pending)


# --- the project's passport (issue 25, item 3) -------------------------------------------------
#
# The leader, the administrator and the office write the draft and send it for agreement; the
# office names who agrees beside the curator; each person on the agreement sheet agrees; the
# project committee's decision (meetings) approves it. Whoever sees the project reads it.


@rules.predicate
def is_on_agreement_sheet(user, initiative):
    """The person is on the project passport's agreement sheet (read once per request)."""
    if initiative is None or not user.is_authenticated:
        return False
    people = getattr(initiative, "_passport_agreers", None)
    if people is None:
        people = initiative._passport_agreers = set(PassportAgreement.objects.filter(
            passport__initiative=initiative).values_list("person_id", flat=True))
    return user.pk in people


can_view_passport = can_view_project | is_on_agreement_sheet
can_write_passport = (is_administrator | is_project_leader | is_office) & is_planned

rules.add_perm("portfolio.view_passport", can_view_passport)
rules.add_perm("portfolio.write_passport", can_write_passport)
rules.add_perm("portfolio.name_approvers", is_office & is_planned)
rules.add_perm("portfolio.agree_passport", is_on_agreement_sheet & is_planned)
rules.add_perm("portfolio.view_passport_version", _of_project(can_view_passport))
rules.add_perm("portfolio.remove_passport_result", _of_project(can_write_passport))
rules.add_perm("portfolio.manage_national_projects", is_office)
