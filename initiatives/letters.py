"""The kinds of letter of the initiatives app: a card changed its state, the receipt of a
submission to a call, the reminder of a call's deadline. Their text is the notification's title
and text (in the portal and in the e-mail, which the notification's own letter wraps).
Registered from ``InitiativesConfig.ready()``; :func:`compose` gives (title, text)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts import letters
from initiatives.models import Initiative, SubmissionReceipt

GROUP = _("Initiatives and calls")
STATE_CHANGED, RECEIPT, REMINDER = "initiative_state_changed", "submission_receipt", \
    "call_reminder"

STATE_PLACEHOLDERS = {
    "title": _("the initiative's title"),
    "organisation": _("the organisation"),
    "from": _("the state it was in"),
    "to": _("the state it is in now"),
    "by": _("who moved it"),
    "note": _("the comment of the move"),
    "todo": _("what the team does next"),
}
RECEIPT_PLACEHOLDERS = {
    "title": _("the initiative's title"),
    "organisation": _("the organisation"),
    "call": _("the call"),
    "number": _("the number in the call's journal"),
    "received": _("the moment of receipt (the office's time)"),
    "version": _("the number of the card's version"),
}
REMINDER_PLACEHOLDERS = {
    "title": _("the initiative's title"),
    "call": _("the call"),
    "deadline": _("the deadline (the office's time)"),
    "days": _("how many days are left"),
}


def state_values(initiative, *, source, target, by, note, todo):
    return {
        "title": initiative.title, "organisation": str(initiative.organisation),
        "from": source, "to": target, "by": by.full_name if by is not None else "",
        "note": note or "", "todo": todo or "",
    }


def receipt_values(receipt, *, received):
    initiative = receipt.initiative
    return {
        "title": initiative.title, "organisation": str(initiative.organisation),
        "call": receipt.call.title, "number": str(receipt.number), "received": received,
        "version": str(receipt.version.number) if receipt.version_id else "",
    }


def reminder_values(initiative, *, call, deadline, days):
    return {"title": initiative.title, "call": call.title, "deadline": deadline, "days": days}


def compose(key, values):
    """(title, text) of a notification of kind ``key`` in the office's wording or the default."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {name: value if isinstance(value, int) else str(value)
                   for name, value in values.items()}
        subject, body, _html = letters.render(key, values=context, context=context)
    return subject, body.strip()


def _state_sample():
    card = Initiative.objects.select_related("organisation").order_by("-pk").first()
    if card is None:
        return None
    label = card.get_state_display()
    return state_values(card, source=label, target=label, by=None, note="", todo="")


def _receipt_sample():
    receipt = (SubmissionReceipt.objects.select_related("initiative__organisation", "call",
                                                        "version").order_by("-pk").first())
    return receipt_values(receipt, received=f"{receipt.received_at:%d.%m.%Y %H:%M}") \
        if receipt is not None else None


def _reminder_context(tokens):
    return {**tokens, "days": letters.Number(7, tokens["days"])}


def register_kinds():
    letters.register(letters.LetterKind(
        key=STATE_CHANGED, label=_("An initiative changes its state: what it says"), group=GROUP,
        subject_template="initiatives/email/state_changed_subject.txt",
        body_template="initiatives/email/state_changed.txt",
        placeholders=STATE_PLACEHOLDERS, required=("to",), sample=_state_sample))
    letters.register(letters.LetterKind(
        key=RECEIPT, label=_("The receipt of a submission to a call: what it says"), group=GROUP,
        subject_template="initiatives/calls/email/receipt_subject.txt",
        body_template="initiatives/calls/email/receipt.txt",
        placeholders=RECEIPT_PLACEHOLDERS, required=("number", "received"),
        sample=_receipt_sample))
    letters.register(letters.LetterKind(
        key=REMINDER, label=_("A reminder of a call's deadline for a draft: what it says"), group=GROUP,
        subject_template="initiatives/calls/email/reminder_subject.txt",
        body_template="initiatives/calls/email/reminder.txt",
        placeholders=REMINDER_PLACEHOLDERS, required=("deadline",),
        token_context=_reminder_context))
