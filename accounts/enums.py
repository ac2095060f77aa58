from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeRole(models.TextChoices):
    """Roles the office grants as data. ``school_team`` is not here: it comes from a membership."""

    EXPERT = "expert", _("Expert")
    OFFICE_STAFF = "office_staff", _("Office staff")
    OFFICE_HEAD = "office_head", _("Office head")


class InvitationRole(models.TextChoices):
    """What an invitation brings: an office role, or a place on an organisation's team."""

    OFFICE_HEAD = "office_head", _("Office head")
    OFFICE_STAFF = "office_staff", _("Office staff")
    EXPERT = "expert", _("Expert")
    TEAM_LEAD = "team_lead", _("School team lead")
    TEAM_MEMBER = "team_member", _("School team member")
    PROJECT_CURATOR = "project_curator", _("Project curator")


TEAM_INVITATION_ROLES = frozenset({InvitationRole.TEAM_LEAD, InvitationRole.TEAM_MEMBER})
# Roles an invitation brings that are not office roles: the app that keeps them takes the person
# through an accept hook (``accounts.invitations.register_accept_hook``).
PROJECT_INVITATION_ROLES = frozenset({InvitationRole.PROJECT_CURATOR})


class AuditAction(models.TextChoices):
    CREATED = "created", _("created")
    UPDATED = "updated", _("updated")
    DELETED = "deleted", _("deleted")
    STATE_CHANGED = "state_changed", _("state changed")
    STATE_FORCED = "state_forced", _("state forced by the office head")
    ROLE_GRANTED = "role_granted", _("role granted")
    ROLE_REVOKED = "role_revoked", _("role revoked")
    PROFILE_UPDATED = "profile_updated", _("profile updated")
    PASSWORD_CHANGED = "password_changed", _("password changed")
    MEMBERSHIP_ADDED = "membership_added", _("added to a team")
    MEMBERSHIP_ENDED = "membership_ended", _("left a team")
    DATA_EXPORTED = "data_exported", _("personal data exported")
    ANONYMISED = "anonymised", _("anonymised")
    CONSENT_GIVEN = "consent_given", _("consent to personal data processing given")
    NOTIFICATION_PREFERENCES_CHANGED = "notification_preferences_changed", _(
        "notification settings changed"
    )
    EXPERT_POSITION_SET = "expert_position_set", _("expert position recorded")
    SECOND_FACTOR_ENABLED = "second_factor_enabled", _("second factor switched on")
    SECOND_FACTOR_DISABLED = "second_factor_disabled", _("second factor switched off")
    SECOND_FACTOR_RESET = "second_factor_reset", _("second factor reset by the office head")
    SECOND_FACTOR_LOCKED = "second_factor_locked", _("sign-in paused after wrong codes")
    RECOVERY_CODES_RENEWED = "recovery_codes_renewed", _("recovery codes renewed")
    RECOVERY_CODE_USED = "recovery_code_used", _("signed in with a recovery code")
    SESSIONS_ENDED = "sessions_ended", _("other sessions ended")
    IDENTITY_UPDATED = "identity_updated", _("identity of the office changed")
    DOCUMENT_ISSUED = "document_issued", _("document registered under a number")
    INVITATION_SENT = "invitation_sent", _("invitation sent")
    INVITATION_RESENT = "invitation_resent", _("invitation sent again")
    INVITATION_WITHDRAWN = "invitation_withdrawn", _("invitation withdrawn")
    INVITATION_ACCEPTED = "invitation_accepted", _("invitation accepted")
    INVITATION_REFUSED = "invitation_refused", _("invitation refused: not allowed")
    DEACTIVATED = "deactivated", _("account switched off")
    REACTIVATED = "reactivated", _("account switched on again")


class NotificationKind(models.TextChoices):
    """Events the portal tells people about. Every app calls ``accounts.notifications.notify``."""

    EXPERT_ASSIGNED = "expert_assigned", _("An expert is assigned")
    REVIEW_SUBMITTED = "review_submitted", _("A review is submitted")
    REVISION_REQUESTED = "revision_requested", _("A revision is requested")
    RECOMMENDATION_GIVEN = "recommendation_given", _("A recommendation is given")
    RECOMMENDATION_ADDRESSED = "recommendation_addressed", _("A recommendation is addressed")
    RECOMMENDATION_ACCEPTED = "recommendation_accepted", _("A recommendation is accepted")
    DECISION_MADE = "decision_made", _("A decision is made")
    CONCLUSION_ISSUED = "conclusion_issued", _("A conclusion is issued")
    REPORT_DUE = "report_due", _("A report is due")
    REPORT_OVERDUE = "report_overdue", _("A report is overdue")
    MEETING_INVITATION = "meeting_invitation", _("A meeting invitation")
    MINUTES_PUBLISHED = "minutes_published", _("Minutes are published")
    NETWORK_JOIN_REQUEST = "network_join_request", _("A request to join a network")
    RULE_ADOPTED = "rule_adopted", _("A network rule is adopted")
    EVENT_REMINDER = "event_reminder", _("An event reminder")
    INITIATIVE_STATE_CHANGED = "initiative_state_changed", _("An initiative changes its state")
    REVIEW_DUE = "review_due", _("A review is due soon or overdue")
    THREAD_MESSAGE = "thread_message", _("A question or an answer in an accompaniment thread")
    CONTROL_POINT = "control_point", _("A control point of a project is due, done or decided")


class NotificationChannel(models.TextChoices):
    PORTAL = "portal", _("In the portal only")
    EMAIL = "email", _("In the portal and by e-mail at once")
    DIGEST = "digest", _("In the portal and in a daily e-mail digest")


class OutgoingEmailState(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class FileKind(models.TextChoices):
    """File formats the portal accepts, recognised by content (see ``accounts.files``)."""

    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    PPTX = "pptx", "PPTX"
    ODT = "odt", "ODT"
    ODS = "ods", "ODS"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"


class ExpertPositionKind(models.TextChoices):
    """The expert positions of the concept, from the first to the most developed."""

    CONTENT_EXPERT = "content_expert", _("content expert")
    SYSTEM_METHODOLOGIST = "system_methodologist", _("system expert-methodologist")
    DEVELOPING_EXPERT = "developing_expert", _("developing expert")
    DEVELOPER = "developer", _("developer")


# The growth order of the positions (used to rank experts' fit).
POSITION_RANK = {kind.value: n for n, kind in enumerate(ExpertPositionKind, 1)}
