"""Who may do what with initiatives: predicates combined with ``&`` and ``|``."""

import rules

from accounts.rules import is_expert, is_office, is_office_head, is_office_staff, is_signed_in
from initiatives.enums import EDITABLE_STATES, FINAL_STATES, ExpertAssignmentStatus
from initiatives.queries import assigned_initiative_ids, submitted_review_initiative_ids
from network.queries import organisation_ids_of
from network.rules import is_school_team


@rules.predicate
def is_initiative_team(user, initiative):
    """On the team of the organisation that brings the initiative."""
    return initiative is not None and initiative.organisation_id in organisation_ids_of(user)


@rules.predicate
def is_assigned_expert(user, initiative):
    if initiative is None:
        return False
    prefetched = getattr(initiative, "_prefetched_objects_cache", {}).get("expert_assignments")
    if prefetched is not None:  # the card has its assignments already: no query
        return any(a.expert_id == user.pk and a.status != ExpertAssignmentStatus.DECLINED
                   for a in prefetched)
    return initiative.pk in assigned_initiative_ids(user)


@rules.predicate
def is_editable(user, initiative):
    return initiative is not None and initiative.state in EDITABLE_STATES


@rules.predicate
def is_open(user, initiative):
    return initiative is not None and initiative.state not in FINAL_STATES


can_view = is_office | is_initiative_team | is_assigned_expert


@rules.predicate
def can_view_attachment(user, attachment):
    return attachment is not None and can_view.test(user, attachment.initiative)


@rules.predicate
def can_remove_attachment(user, attachment):
    if attachment is None:
        return False
    initiative = attachment.initiative
    return (is_initiative_team.test(user, initiative) and is_editable.test(user, initiative)) or (
        is_office_staff.test(user) and is_open.test(user, initiative)
    )


@rules.predicate
def can_edit_row(user, row):
    """A team row or an indicator belongs to a card the person may edit."""
    return row is not None and is_initiative_team.test(user, row.initiative) and is_editable.test(
        user, row.initiative
    )


rules.add_perm("initiatives.view_initiative_list", is_signed_in)
rules.add_perm("initiatives.export_initiatives", is_signed_in)
rules.add_perm("initiatives.add_initiative", is_office | is_school_team)
rules.add_perm("initiatives.view_initiative", can_view)
rules.add_perm("initiatives.change_initiative", is_initiative_team & is_editable)
rules.add_perm("initiatives.fire_transition", can_view)
rules.add_perm("initiatives.force_transition", is_office_head)
rules.add_perm("initiatives.add_attachment", (is_initiative_team | is_office) & is_open)
rules.add_perm("initiatives.view_attachment", can_view_attachment)
rules.add_perm("initiatives.delete_attachment", can_remove_attachment)
rules.add_perm("initiatives.change_team_row", can_edit_row)
rules.add_perm("initiatives.view_expert_filter", is_office | is_expert)


@rules.predicate
def is_draft(user, initiative):
    return initiative is not None and initiative.state == "draft"


# calls for initiatives (issue 24): the office keeps them, a team chooses one for its draft
rules.add_perm("initiatives.manage_calls", is_office)
rules.add_perm("initiatives.join_call", is_initiative_team & is_draft)
rules.add_perm("initiatives.view_public_calls", rules.always_allow)


# --- expertise ------------------------------------------------------------------------------

REVIEWABLE = ("submitted", "under_review", "resubmitted")


@rules.predicate
def has_submitted_review(user, initiative):
    return initiative is not None and initiative.pk in submitted_review_initiative_ids(user)


@rules.predicate
def is_reviewable(user, initiative):
    return initiative is not None and initiative.state in REVIEWABLE


@rules.predicate
def is_conclusion_time(user, initiative):
    return initiative is not None and initiative.state in ("under_review", "resubmitted")


@rules.predicate
def is_own_open_assignment(user, assignment):
    return assignment is not None and assignment.expert_id == user.pk and \
        assignment.status == "proposed"


@rules.predicate
def can_address(user, message):
    return message is not None and message.kind == "recommendation" and \
        message.state == "open" and is_initiative_team.test(user, message.initiative)


@rules.predicate
def can_resolve(user, message):
    return message is not None and message.kind == "recommendation" and \
        message.state == "addressed" and (message.author_id == user.pk or is_office.test(user))


@rules.predicate
def is_draft_conclusion(user, conclusion):
    return conclusion is not None and conclusion.state == "draft"


@rules.predicate
def can_view_conclusion(user, conclusion):
    return conclusion is not None and conclusion.state == "issued" and \
        can_view.test(user, conclusion.initiative)


rules.add_perm("initiatives.manage_review_forms", is_office)
rules.add_perm("initiatives.assign_experts", is_office & is_open)
rules.add_perm("initiatives.respond_assignment", is_own_open_assignment)
rules.add_perm("initiatives.review_initiative", is_assigned_expert & is_reviewable)
# Blind reviews: an expert sees the others' reviews only after submitting their own.
rules.add_perm("initiatives.view_reviews", is_office | (is_assigned_expert & has_submitted_review))
rules.add_perm("initiatives.post_message", can_view & is_open)
rules.add_perm("initiatives.give_recommendation", (is_office | is_assigned_expert) & is_open)
rules.add_perm("initiatives.address_recommendation", can_address)
rules.add_perm("initiatives.resolve_recommendation", can_resolve)
rules.add_perm("initiatives.compose_conclusion", is_office & is_conclusion_time)
rules.add_perm("initiatives.issue_conclusion", is_office_head & is_draft_conclusion)
rules.add_perm("initiatives.view_conclusion", can_view_conclusion)


# --- monitoring of projects and portfolio records (issue 6) ------------------------------


@rules.predicate
def is_monitored(user, initiative):
    """Approved or in progress: the time plans, facts, reports, risks and changes are kept."""
    from initiatives.monitoring import MONITORED_STATES

    return initiative is not None and initiative.state in MONITORED_STATES


@rules.predicate
def is_in_progress(user, initiative):
    from initiatives.enums import InitiativeState

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

rules.add_perm("initiatives.manage_expert_pool", is_office)


# --- the Word card (issue 19) ------------------------------------------------------------


@rules.predicate
def is_own_reading(user, reading):
    """The reading of a Word card is the person's own, and they may still use it: a new draft
    (the office or a school team), or their organisation's draft that is still editable."""
    if reading is None or reading.owner_id != user.pk:
        return False
    if reading.initiative_id is None:
        return is_office.test(user) or is_school_team.test(user)
    return is_initiative_team.test(user, reading.initiative) and is_editable.test(
        user, reading.initiative)


rules.add_perm("initiatives.confirm_word_card", is_own_reading)


# --- the registry brought in from a file (issue 19) -----------------------------------------

rules.add_perm("initiatives.import_registry", is_office)
