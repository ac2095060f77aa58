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
    CLOSED = "closed", _("closed: no review expected")


class ReviewFormStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_USE = "in_use", _("in use")
    RETIRED = "retired", _("retired")


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class Recommendation(models.TextChoices):
    """The overall recommendation of a review and of the conclusion."""

    RECOMMEND = "recommend", _("recommend")
    AFTER_REVISION = "after_revision", _("recommend after revision")
    NOT_RECOMMEND = "not_recommend", _("do not recommend")


# The lifecycle transition that issuing a conclusion with each recommendation fires.
CONCLUSION_TRANSITIONS = {
    Recommendation.RECOMMEND: "recommend",
    Recommendation.AFTER_REVISION: "request_revision",
    Recommendation.NOT_RECOMMEND: "not_recommend",
}


class MessageKind(models.TextChoices):
    """Kinds of messages in the accompaniment thread (консультирование и сопровождение)."""

    RECOMMENDATION = "recommendation", _("recommendation")
    QUESTION = "question", _("question")
    ANSWER = "answer", _("answer")
    NOTE = "note", _("note")


class RecommendationState(models.TextChoices):
    OPEN = "open", _("open")
    ADDRESSED = "addressed", _("addressed by the team")
    ACCEPTED = "accepted", _("accepted by the expert")


class ConclusionState(models.TextChoices):
    DRAFT = "draft", _("draft")
    ISSUED = "issued", _("issued")


class InitiativeAction(models.TextChoices):
    """Audit action codes of the initiatives app (labels shown in histories)."""

    INITIATIVE_CREATED = "initiative_created", _("initiative created")
    INITIATIVE_IMPORTED = "initiative_imported", _("brought in from the file")
    REGISTRY_IMPORTED = "registry_imported", _("registry file imported")
    VERSION_FROZEN = "version_frozen", _("version frozen")
    ATTACHMENT_ADDED = "attachment_added", _("file attached")
    ATTACHMENT_REMOVED = "attachment_removed", _("file removed")
    TEAM_MEMBER_ADDED = "team_member_added", _("team member added")
    TEAM_MEMBER_REMOVED = "team_member_removed", _("team member removed")
    INDICATOR_ADDED = "indicator_added", _("indicator added")
    INDICATOR_REMOVED = "indicator_removed", _("indicator removed")
    EXPERT_ASSIGNED = "expert_assigned", _("expert assigned")
    ASSIGNMENT_ACCEPTED = "assignment_accepted", _("assignment accepted by the expert")
    ASSIGNMENT_DECLINED = "assignment_declined", _("assignment declined by the expert")
    EXPERT_DIRECTIONS_SET = "expert_directions_set", _("expert's preferred directions changed")
    CONFLICT_DECLARED = "conflict_declared", _("conflict of interest declared")
    REVIEW_REMINDED = "review_reminded", _("review reminder sent")
    REVIEW_SUBMITTED = "review_submitted", _("review submitted")
    FORM_CREATED = "review_form_created", _("review form created")
    FORM_VERSIONED = "review_form_versioned", _("new version of the review form")
    FORM_STATUS_CHANGED = "review_form_status", _("review form status changed")
    FORM_CHANGED = "review_form_changed", _("review form criteria changed")
    FORM_EDITED = "review_form_edited", _("review form name, description or threshold changed")
    MESSAGE_POSTED = "thread_message_posted", _("message posted in the accompaniment thread")
    RECOMMENDATION_ADDRESSED = "recommendation_addressed", _("recommendation marked addressed")
    RECOMMENDATION_ACCEPTED = "recommendation_accepted", _("recommendation accepted")
    RECOMMENDATION_REOPENED = "recommendation_reopened", _("recommendation reopened")
    CONCLUSION_COMPOSED = "conclusion_composed", _("conclusion composed")
    CONCLUSION_ISSUED = "conclusion_issued", _("conclusion issued")
    WORD_CARD_IMPORTED = "word_card_imported", _("filled from a Word card")
    ASSIGNMENT_CLOSED = "assignment_closed", _("assignment closed: no review expected")
    ASSIGNMENT_REOPENED = "assignment_reopened", _("assignment reopened by the office")
    TEAM_MESSAGE_SENT = "team_message_sent", _("message sent to the team")
    BULK_ACTION = "bulk_action", _("action over many initiatives")


# The team edits the card's text in these states only.
EDITABLE_STATES = frozenset(
    {InitiativeState.DRAFT, InitiativeState.RETURNED, InitiativeState.REVISION_REQUESTED}
)
# Nothing more happens to an initiative in these states.
FINAL_STATES = frozenset(
    {InitiativeState.REJECTED, InitiativeState.CLOSED, InitiativeState.WITHDRAWN}
)
# An expert's review is expected while the card is in one of these states…
REVIEW_STATES = (InitiativeState.SUBMITTED, InitiativeState.UNDER_REVIEW,
                 InitiativeState.RESUBMITTED)
# …and waits (neither due nor overdue) while the card is back with its team. In every other
# state no review is expected: the open assignments are closed (``initiatives.assignments``).
WAITING_STATES = (InitiativeState.RETURNED, InitiativeState.REVISION_REQUESTED)
# The office has a decision or a check to make.
OFFICE_QUEUE_STATES = (InitiativeState.SUBMITTED, InitiativeState.RESUBMITTED)
# The head (or a meeting) decides.
DECISION_STATES = (InitiativeState.RECOMMENDED, InitiativeState.NOT_RECOMMENDED)


# --- monitoring of projects in progress (issue 6) ----------------------------------------


class ReviewStatus(models.TextChoices):
    """An indicator's actual value or a progress report, as the office sees it."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("accepted")
    RETURNED = "returned", _("returned")


class Level(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ChangeKind(models.TextChoices):
    DEADLINE = "deadline", _("deadline")
    SCOPE = "scope", _("scope (main product)")
    INDICATOR_TARGET = "indicator_target", _("indicator target")
    TEAM = "team", _("team (project leader)")
    POINT_DATE = "point_date", _("date of a control point")


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("awaiting the office's decision")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class Health(models.TextChoices):
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    OFF_TRACK = "off_track", _("off track")


class IncentiveKind(models.TextChoices):
    MATERIAL = "material", _("material incentives")
    MORAL = "moral", _("moral incentives")


class PublicationChannel(models.TextChoices):
    SITE = "site", _("the organisation's site")
    VK = "vk", _("VKontakte")
    MEDIA = "media", _("mass media")


class MonitoringAction(models.TextChoices):
    """Audit action codes of project monitoring."""

    PLAN_SET = "indicator_plan_set", _("indicator plan set")
    ACTUAL_ENTERED = "indicator_actual_entered", _("indicator actual value entered")
    ACTUAL_ACCEPTED = "indicator_actual_accepted", _("indicator actual value accepted")
    ACTUAL_RETURNED = "indicator_actual_returned", _("indicator actual value returned")
    PERIOD_ADDED = "reporting_period_added", _("reporting period added")
    REPORT_SAVED = "progress_report_saved", _("progress report saved")
    REPORT_SUBMITTED = "progress_report_submitted", _("progress report submitted")
    REPORT_ACCEPTED = "progress_report_accepted", _("progress report accepted")
    REPORT_RETURNED = "progress_report_returned", _("progress report returned")
    REPORT_OVERDUE = "progress_report_overdue", _("progress report overdue")
    RISK_ADDED = "risk_added", _("risk added")
    RISK_STATUS = "risk_status_changed", _("risk status changed")
    PROBLEM_ADDED = "problem_added", _("problem added")
    PROBLEM_STATUS = "problem_status_changed", _("problem status changed")
    CHANGE_REQUESTED = "change_requested", _("change requested")
    CHANGE_APPROVED = "change_approved", _("change approved and applied")
    CHANGE_REJECTED = "change_rejected", _("change rejected")
    FINAL_REPORT = "final_report", _("final report written, results evaluated")
    PORTFOLIO_SAVED = "portfolio_saved", _("portfolio saved")
    DIRECTION_SAVED = "direction_saved", _("direction saved")
    PORTFOLIO_ARCHIVED = "portfolio_archived", _("portfolio archived")
    PORTFOLIO_RESTORED = "portfolio_restored", _("portfolio taken back into use")
    PORTFOLIO_DELETED = "portfolio_deleted", _("portfolio deleted")
    DIRECTION_ARCHIVED = "direction_archived", _("direction archived")
    DIRECTION_RESTORED = "direction_restored", _("direction taken back into use")
    DIRECTION_DELETED = "direction_deleted", _("direction deleted")
    STRATEGY_GOAL_SAVED = "strategy_goal_saved", _("strategy goal saved")
    STRATEGY_GOAL_ARCHIVED = "strategy_goal_archived", _("strategy goal archived")
    STRATEGY_GOAL_RESTORED = "strategy_goal_restored", _("strategy goal taken back into use")
    RECORD_ADDED = "organisation_record_added", _("organisation record added")


class RegistryImportStatus(models.TextChoices):
    """A confirmed registry file on its way into the registry (issue 19)."""

    QUEUED = "queued", _("queued")
    RUNNING = "running", _("being written")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class BulkJobStatus(models.TextChoices):
    """An action over many initiatives at once (issue 24)."""

    QUEUED = "queued", _("queued")
    RUNNING = "running", _("in progress")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
