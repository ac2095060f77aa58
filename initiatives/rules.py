"""Who may do what with initiatives: predicates combined with ``&`` and ``|``."""

import rules

from accounts.rules import is_expert, is_office, is_office_head, is_office_staff, is_signed_in
from initiatives.enums import EDITABLE_STATES, FINAL_STATES, ExpertAssignmentStatus
from initiatives.queries import assigned_initiative_ids
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


# --- many initiatives at once (issue 24) ---------------------------------------------------

rules.add_perm("initiatives.act_in_bulk", is_office)
