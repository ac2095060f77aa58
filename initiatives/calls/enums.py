"""Codes of the calls (приёмы замыслов): audit actions and reminder kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CallAction(models.TextChoices):
    """Audit action codes of calls (labels shown in histories)."""

    CALL_CREATED = "call_created", _("call created")
    CALL_CHANGED = "call_changed", _("call changed")
    CALL_JOINED = "call_joined", _("initiative joined a call")
    EXTENSION_GRANTED = "call_extension_granted", _("personal extension of the deadline granted")
    SUBMISSION_REGISTERED = "submission_registered", _("submission registered in the call's journal")
    DRAFT_REMINDED = "call_draft_reminded", _("reminder of the call's deadline sent")


# Reminders of the deadline go this many days before it to teams with unfinished drafts.
REMINDER_DAYS = (7, 1)
