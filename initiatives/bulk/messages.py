"""A message from the office to the teams of chosen initiatives, in the portal and by e-mail.

The office writes the subject and the text once, with placeholders filled for each card:
{title}, {organisation}, {link}, {leader}, {deadline} (the card's call's closing moment, or the
team's personal extension while it runs, «дд.мм.гггг чч:мм» in the office's time zone).
:func:`send_team_message` is the domain function of one card; it goes through
``accounts.notifications.notify`` (kind «a message from the project office»), so each person gets
it by the channel they chose and the office's wording of that kind of notification wraps it."""

import zoneinfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts import audit, letters
from accounts.enums import NotificationKind
from accounts.errors import DomainError
from accounts.models import User
from accounts.notifications import notify
from accounts.rules import is_office
from initiatives.calls.services import deadline_of
from initiatives.enums import InitiativeAction

KIND = "message"
SUBJECT_MAX = 200
BODY_MAX = 10000

# The placeholders of a message (checked like a letter's: unknown ones are refused).
MESSAGE = letters.LetterKind(
    key="team_message", label=gettext_lazy("A message to the teams"),
    subject_template="", body_template="",
    placeholders={
        "title": gettext_lazy("the initiative's title"),
        "organisation": gettext_lazy("the organisation"),
        "link": gettext_lazy("the link to the initiative's card"),
        "leader": gettext_lazy("the project leader"),
        "deadline": gettext_lazy("the deadline of the card's call (or the team's personal "
                                 "extension), dd.mm.yyyy hh:mm"),
    })


def deadline_text(initiative, *, at=None):
    """The card's deadline for the message: its call's closing moment, or the team's personal
    extension if one is in force, as «дд.мм.гггг чч:мм» in the office's time zone; a clear text
    when the card answers no call."""
    call = initiative.call if initiative.call_id else None
    if call is None:
        return _("— (the initiative answers no call)")
    moment = deadline_of(initiative, call, at=at)
    return timezone.localtime(moment, zoneinfo.ZoneInfo(settings.TIME_ZONE)).strftime(
        "%d.%m.%Y %H:%M")


def values(initiative):
    leader = initiative.leader
    return {
        "title": initiative.title,
        "organisation": initiative.organisation.short_name,
        "link": f"{settings.SITE_URL.rstrip('/')}{initiative.get_absolute_url()}",
        "leader": leader.full_name if leader is not None else "",
        "deadline": deadline_text(initiative),
    }


def team_of(initiative):
    return list(User.objects.filter(
        is_active=True, memberships__organisation_id=initiative.organisation_id,
        memberships__is_active=True).distinct().order_by("pk"))


@transaction.atomic
def send_team_message(initiative, *, subject, body, by: User):
    """Tell the team of one initiative the office's message; returns how many people got it."""
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office writes to the teams."))
    subject, body = (subject or "").strip()[:SUBJECT_MAX], (body or "").strip()[:BODY_MAX]
    if letters.check(MESSAGE, subject=subject, body=body) or not subject or not body:
        raise DomainError(_("Write the subject and the text with valid placeholders."))
    people = team_of(initiative)
    if not people:
        raise DomainError(_("The organisation has no team in the portal to write to."))
    filled = values(initiative)
    rows = notify(people, kind=NotificationKind.OFFICE_MESSAGE,
                  title=" ".join(letters.fill(subject, filled).split()),
                  body=letters.fill(body, filled), url=initiative.get_absolute_url(), actor=by)
    audit.record(initiative, actor=by, action=InitiativeAction.TEAM_MESSAGE_SENT,
                 to_value=subject, comment=body[:2000], data={"people": len(rows)})
    return len(rows)


def send_one(initiative, *, params, by):
    """The handler of one card of a bulk message."""
    count = send_team_message(initiative, subject=params["subject"], body=params["body"], by=by)
    return count > 0, ngettext("Sent to %(count)s person.", "Sent to %(count)s people.",
                               count) % {"count": count}
