"""Who may do what in the portfolio: the project registry, plans and facts, reports, risks,
changes, organisation records.

The permission names keep the ``initiatives.`` prefix of before the move (templates and views
ask for them by name)."""

import rules

from accounts.rules import is_office, is_office_staff, is_signed_in
from initiatives.enums import InitiativeState
from initiatives.rules import can_view, is_initiative_team
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
