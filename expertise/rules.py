"""Who may do what in the expertise: review forms, assignments, reviews, the thread, conclusions.

The permission names keep the ``initiatives.`` prefix of before the move (templates and views
ask for them by name)."""

import rules

from accounts.rules import is_office, is_office_head
from expertise.queries import submitted_review_initiative_ids
from initiatives.rules import can_view, is_assigned_expert, is_initiative_team, is_open

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



rules.add_perm("initiatives.manage_expert_pool", is_office)
