from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import audit


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    MINUTES_APPROVED = "minutes_approved", _("minutes approved")
    CANCELLED = "cancelled", _("cancelled")


class OfficeRoleInOffice(models.TextChoices):
    """The place of a person in the office's membership (for the quorum and the minutes)."""

    HEAD = "head", _("head of the office")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", _("member")


class AgendaKind(models.TextChoices):
    NEW_INITIATIVE = "new_initiative", _("review of a new initiative")
    INTERIM_RESULTS = "interim_results", _("interim results of a project")
    FINAL_RESULTS = "final_results", _("final results")
    RESOURCE_CENTRES = "resource_centres", _("results of resource centres")
    OFFICE_PLAN = "office_plan", _("the office's work plan or annual report")
    OTHER = "other", _("other")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    ABSENT = "absent", _("absent")
    EXCUSED = "excused", _("absent for a good reason")


class DecisionKind(models.TextChoices):
    APPROVE = "approve", _("approve the initiative")
    REJECT = "reject", _("reject the initiative")
    REVISE = "revise", _("send the initiative for revision")
    CLOSE = "close", _("close the project")
    APPROVE_PLAN = "approve_plan", _("approve the work plan")
    APPROVE_PASSPORT = "approve_passport", _("approve the project's passport")
    APPROVE_CHANGE = "approve_change", _("approve the project's change requests")
    OTHER = "other", _("other (a task with an owner and a due date)")


# The lifecycle transition each decision on an initiative fires (initiatives.lifecycle).
TRANSITION_OF = {
    DecisionKind.APPROVE: "approve",
    DecisionKind.REJECT: "reject",
    DecisionKind.REVISE: "request_revision",
    DecisionKind.CLOSE: "close",
}


class WorkPlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")


class ActivityKind(models.TextChoices):
    MEETING = "meeting", _("meeting of the office")
    ACTIVITY = "activity", _("other activity")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    DONE = "done", _("done")
    MOVED = "moved", _("moved")
    DROPPED = "dropped", _("dropped")


class MeetingAction(models.TextChoices):
    """Audit action codes of the meetings app."""

    MEETING_CREATED = "meeting_created", _("meeting scheduled")
    MEETING_UPDATED = "meeting_updated", _("meeting details changed")
    MEETING_STATUS = "meeting_status", _("meeting status changed")
    AGENDA_CHANGED = "agenda_changed", _("agenda changed")
    ATTENDANCE_RECORDED = "attendance_recorded", _("attendance recorded")
    MINUTES_EDITED = "minutes_edited", _("minutes edited")
    DECISION_ADDED = "decision_added", _("decision recorded")
    DECISION_REMOVED = "decision_removed", _("decision removed")
    DECISION_EXECUTED = "decision_executed", _("decision carried out")
    MINUTES_APPROVED = "minutes_approved", _("minutes approved")
    INVITATIONS_SENT = "invitations_sent", _("invitations sent")
    TASK_DONE = "task_done", _("task done")
    PLAN_APPROVED = "plan_approved", _("work plan approved")
    ACTIVITY_CHANGED = "activity_changed", _("planned activity changed")
    NEWS_PUBLISHED = "news_published", _("results published")
    CALENDAR_RENEWED = "calendar_renewed", _("calendar link renewed")
    FORMAT_SAVED = "meeting_format_saved", _("meeting format saved")
    FORMAT_ARCHIVED = "meeting_format_archived", _("meeting format archived")
    FORMAT_RESTORED = "meeting_format_restored", _("meeting format taken back into use")
    FORMAT_DELETED = "meeting_format_deleted", _("meeting format deleted")


audit.register_actions(MeetingAction)
audit.register_values(MeetingStatus)
audit.register_values(ActivityStatus)
audit.register_values(WorkPlanStatus)
# the decisions of the project committee and the plan's, whose codes no other registry uses (the
# other kinds share their codes — «approve», «other» — with other choices)
audit.register_values([DecisionKind.APPROVE_PLAN, DecisionKind.APPROVE_PASSPORT,
                       DecisionKind.APPROVE_CHANGE])
