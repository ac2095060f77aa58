from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeState(models.TextChoices):
    """The states of one card, from the draft to the closed project (see ``lifecycle.py``)."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for completion")
    UNDER_REVIEW = "under_review", _("under review")
    REVISION_REQUESTED = "revision_requested", _("revision requested")
    RESUBMITTED = "resubmitted", _("resubmitted")
    RECOMMENDED = "recommended", _("recommended")
    NOT_RECOMMENDED = "not_recommended", _("not recommended")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    CLOSED = "closed", _("closed")
    WITHDRAWN = "withdrawn", _("withdrawn")


class StrategyGoalKind(models.TextChoices):
    MUNICIPAL_STRATEGY = "municipal_strategy", _("municipal strategy of education")
    NATIONAL_PROJECT = "national_project", _("national project «Education»")


class ExpertAssignmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    DONE = "done", _("done")


class InitiativeAction(models.TextChoices):
    """Audit action codes of the initiatives app (labels shown in histories)."""

    INITIATIVE_CREATED = "initiative_created", _("initiative created")
    VERSION_FROZEN = "version_frozen", _("version frozen")
    ATTACHMENT_ADDED = "attachment_added", _("file attached")
    ATTACHMENT_REMOVED = "attachment_removed", _("file removed")
    TEAM_MEMBER_ADDED = "team_member_added", _("team member added")
    TEAM_MEMBER_REMOVED = "team_member_removed", _("team member removed")
    INDICATOR_ADDED = "indicator_added", _("indicator added")
    INDICATOR_REMOVED = "indicator_removed", _("indicator removed")
    EXPERT_ASSIGNED = "expert_assigned", _("expert assigned")


# The team edits the card's text in these states only.
EDITABLE_STATES = frozenset(
    {InitiativeState.DRAFT, InitiativeState.RETURNED, InitiativeState.REVISION_REQUESTED}
)
# Nothing more happens to an initiative in these states.
FINAL_STATES = frozenset(
    {InitiativeState.REJECTED, InitiativeState.CLOSED, InitiativeState.WITHDRAWN}
)
# The office has a decision or a check to make.
OFFICE_QUEUE_STATES = (InitiativeState.SUBMITTED, InitiativeState.RESUBMITTED)
# The head (or a meeting) decides.
DECISION_STATES = (InitiativeState.RECOMMENDED, InitiativeState.NOT_RECOMMENDED)
