"""The kinds of letter of the meetings app: the invitation to a meeting and the news that its
minutes are approved. Their text is the notification's title and text (in the portal and in the
e-mail, which the notification's own letter wraps). Registered from ``MeetingsConfig.ready()``."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import letters
from meetings.models import Meeting

GROUP = _("Meetings of the office")
INVITATION, MINUTES = "meeting_invitation", "meeting_minutes"

INVITATION_PLACEHOLDERS = {
    "number": _("the meeting's number"),
    "format": _("the meeting's format"),
    "date": _("the meeting's date"),
    "when": _("the meeting's date and time"),
    "place": _("where it takes place"),
    "online": _("the link to join online"),
    "topic": _("the meeting's topic"),
    "agenda": _("the agenda, one item a line"),
}
MINUTES_PLACEHOLDERS = {
    "number": _("the meeting's number"),
    "date": _("the meeting's date"),
}


def values(meeting, items=()):
    """The placeholders' values of a meeting's letters (``items``: its agenda)."""
    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return {
        "number": str(meeting.number),
        "format": meeting.format.name if meeting.format_id else "",
        "date": f"{meeting.local_date:%d.%m.%Y}",
        "when": f"{starts:%d.%m.%Y %H:%M}–{ends:%H:%M}",
        "place": meeting.place,
        "online": meeting.online_link,
        "topic": meeting.topic,
        "agenda": "\n".join(f"{n}. {item.title}" for n, item in enumerate(items, 1)),
    }


def _sample():
    meeting = Meeting.objects.select_related("format").order_by("-starts_at", "-pk").first()
    if meeting is None:
        return None
    return values(meeting, list(meeting.items.order_by("order", "pk")))


def compose(key, meeting, items=()):
    """(title, text) of a meeting's notification in the office's wording or the default."""
    filled = values(meeting, items)
    subject, body, _html = letters.render(key, values=filled, context=filled)
    return subject, body.strip()


def register_kinds():
    letters.register(letters.LetterKind(
        key=INVITATION, label=_("An invitation to a meeting: what it says"), group=GROUP,
        subject_template="meetings/email/invitation_subject.txt",
        body_template="meetings/email/invitation.txt",
        placeholders=INVITATION_PLACEHOLDERS, required=("when",), sample=_sample))
    letters.register(letters.LetterKind(
        key=MINUTES, label=_("The minutes of a meeting are approved: what it says"), group=GROUP,
        subject_template="meetings/email/minutes_subject.txt",
        body_template="meetings/email/minutes.txt",
        placeholders=MINUTES_PLACEHOLDERS, required=("number",), sample=_sample))
