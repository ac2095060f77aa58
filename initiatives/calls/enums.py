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
    EXPERTISE_SET = "call_expertise_set", _("review form and experts of the call set")
    CALL_COPIED = "call_copied", _("call made from another call (questions, review form, experts)")


# Reminders of the deadline go this many days before it to teams with unfinished drafts.
REMINDER_DAYS = (7, 1)


class QuestionKind(models.TextChoices):
    """The kinds of a call's own questions."""

    SHORT_TEXT = "short_text", _("short text")
    LONG_TEXT = "long_text", _("long text")
    NUMBER = "number", _("number")
    DATE = "date", _("date")
    YES_NO = "yes_no", _("yes or no")
    CHOICE = "choice", _("one choice")
    CHOICES = "choices", _("several choices")
    FILE = "file", _("file")
    LINK = "link", _("link")


CHOICE_KINDS = (QuestionKind.CHOICE, QuestionKind.CHOICES)


class QuestionAction(models.TextChoices):
    QUESTION_ADDED = "question_added", _("question added to the call")
    QUESTION_CHANGED = "question_changed", _("question changed")
    QUESTION_VERSIONED = "question_versioned", _("new version of a question with answers")
    QUESTION_ARCHIVED = "question_archived", _("question archived")
    QUESTION_DELETED = "question_deleted", _("question deleted")
    QUESTIONS_COPIED = "questions_copied", _("questions copied from another call")
