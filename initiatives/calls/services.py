"""Domain functions of calls (приёмы замыслов): the call itself, joining it, its deadline,
personal extensions, the journal of submissions and the reminders before the deadline.

Every function that writes runs in one transaction and leaves an audit record; notifications
are rows in the portal at once and e-mails after the commit (``accounts.notifications``).
"""

import datetime
import re

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import NotificationKind
from accounts.errors import DomainError
from accounts.models import User
from accounts.notifications import notify
from initiatives import letters
from initiatives.calls import queries
from initiatives.calls.enums import REMINDER_DAYS, CallAction
from initiatives.enums import InitiativeState
from initiatives.models import (
    Call,
    CallExtension,
    CallReminder,
    Initiative,
    InitiativeVersion,
    SubmissionReceipt,
)

YEAR = re.compile(r"^(\d{4})/(\d{4})$")


def moment(day: datetime.date, time: datetime.time | None = None, *, closing=False):
    """An aware moment in the office's time zone; a closing given as a date alone is the end
    of that day."""
    if time is None:
        time = datetime.time.max if closing else datetime.time.min
    return timezone.make_aware(datetime.datetime.combine(day, time))


def local(value):
    return formats.date_format(timezone.localtime(value), "d.m.Y H:i")


def _members(organisation_id):
    return list(User.objects.filter(
        is_active=True, memberships__organisation_id=organisation_id, memberships__is_active=True,
    ).distinct().order_by("pk"))


@transaction.atomic
def save_call(*, by: User, title: str, academic_year: str, opens_at, closes_at,
              directions=(), description: str = "", call: Call | None = None) -> Call:
    """Create a call or change one; refuses a closing before the opening."""
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the call a title."), field="title")
    year = YEAR.match((academic_year or "").strip())
    if not year or int(year.group(2)) != int(year.group(1)) + 1:
        raise DomainError(_("Write the academic year as two consecutive years, e.g. 2027/2028."),
                          field="academic_year")
    if closes_at <= opens_at:
        raise DomainError(_("The call must close after it opens."), field="closes_on")
    created = call is None
    if created:
        call = Call(created_by=by)
    else:
        call = Call.objects.select_for_update().get(pk=call.pk)
    before = {"closes_at": call.closes_at, "opens_at": call.opens_at}
    call.title, call.academic_year = title[:300], year.group(0)
    call.opens_at, call.closes_at = opens_at, closes_at
    call.description = (description or "").strip()
    call.save()
    call.directions.set(directions)
    audit.record(
        call, actor=by, action=CallAction.CALL_CREATED if created else CallAction.CALL_CHANGED,
        from_value="" if created else f"{local(before['opens_at'])} — {local(before['closes_at'])}",
        to_value=f"{local(call.opens_at)} — {local(call.closes_at)}",
        data={"directions": sorted(d.pk for d in directions)},
    )
    return call


def accepts_direction(call: Call, direction_id) -> bool:
    accepted = {d.pk for d in call.directions.all()}
    return not accepted or direction_id is None or direction_id in accepted


@transaction.atomic
def join_call(initiative: Initiative, *, call: Call | None, by: User | None,
              automatic: bool = False) -> Initiative:
    """The draft answers ``call`` (or none). Only a draft changes its call: after the first
    submission the card stays in the journal it was registered in."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.state != InitiativeState.DRAFT:
        raise DomainError(_("The call of a card is chosen before its first submission."))
    if call is not None:
        if call.closes_at < timezone.now():
            raise DomainError(_("This call is closed: choose an open one."), field="call")
        if not accepts_direction(call, locked.direction_id):
            raise DomainError(_("This call does not accept the card's direction."), field="call")
    if locked.call_id == (call.pk if call else None):
        return initiative
    previous = locked.call
    locked.call = call
    locked.save(update_fields=["call", "updated_at"])
    audit.record(locked, actor=by, action=CallAction.CALL_JOINED,
                 from_value=str(previous or ""), to_value=str(call or ""),
                 data={"call": call.pk if call else None, "automatic": automatic})
    initiative.call = call
    return initiative


def join_the_only_call(initiative: Initiative, *, by: User | None) -> Call | None:
    """A draft with no call joins the one open call fitting its direction, without asking;
    with none or several, it waits for the team to choose."""
    if initiative.call_id or initiative.state != InitiativeState.DRAFT:
        return None
    candidates = list(queries.fitting(initiative.direction_id).filter(
        opens_at__lte=timezone.now())[:2])
    if len(candidates) != 1:
        return None
    join_call(initiative, call=candidates[0], by=by, automatic=True)
    return candidates[0]


def follow_direction(initiative: Initiative, *, by: User | None) -> None:
    """After the draft's direction changed: leave a call that does not accept it, and join
    the only open call that does."""
    if initiative.state != InitiativeState.DRAFT:
        return
    if initiative.call_id:
        call = Call.objects.get(pk=initiative.call_id)
        if accepts_direction(call, initiative.direction_id):
            return
        join_call(initiative, call=None, by=by, automatic=True)
    join_the_only_call(initiative, by=by)


def extension_of(initiative: Initiative, call: Call, *, at=None):
    """The team's personal extension still running at ``at``, if any."""
    at = at or timezone.now()
    return CallExtension.objects.filter(call=call, initiative=initiative, until__gte=at).first()


def deadline_of(initiative: Initiative, call: Call, *, at=None):
    """The last moment this card is accepted: the call's, or the team's extension."""
    extension = extension_of(initiative, call, at=at)
    return max(call.closes_at, extension.until) if extension else call.closes_at


def check_first_submission(initiative: Initiative, *, at) -> None:
    """Refuse a first submission before the call opens or after its deadline (the team's own
    extension counts); cards without a call are accepted as before calls existed."""
    if not initiative.call_id:
        return
    call = Call.objects.get(pk=initiative.call_id)
    if at < call.opens_at:
        raise DomainError(_("The call «%(call)s» opens on %(when)s; the card can be submitted "
                            "from then on. Your draft is saved.")
                          % {"call": call.title, "when": local(call.opens_at)})
    deadline = deadline_of(initiative, call, at=at)
    if at > deadline:
        raise DomainError(_(
            "The call «%(call)s» closed on %(when)s (the office's time): a first submission is "
            "no longer accepted. Your draft is saved; if you need more time, ask the project "
            "office for a personal extension."
        ) % {"call": call.title, "when": local(deadline)})


@transaction.atomic
def grant_extension(initiative: Initiative, *, until, reason: str, by: User) -> CallExtension:
    """Staff let one team submit after the deadline until ``until`` (audited; expires)."""
    reason = (reason or "").strip()
    if not initiative.call_id:
        raise DomainError(_("The card answers no call: there is no deadline to extend."))
    if initiative.state != InitiativeState.DRAFT:
        raise DomainError(_("The card is already submitted: the deadline no longer binds it."))
    if not reason:
        raise DomainError(_("Write the reason for the extension."), field="reason")
    call = Call.objects.get(pk=initiative.call_id)
    if until <= timezone.now():
        raise DomainError(_("The extension must end in the future."), field="until_on")
    if until <= call.closes_at:
        raise DomainError(_("The extension must end after the call's own deadline (%(when)s).")
                          % {"when": local(call.closes_at)}, field="until_on")
    extension, _created = CallExtension.objects.update_or_create(
        call=call, initiative=initiative,
        defaults={"until": until, "reason": reason[:2000], "granted_by": by},
    )
    audit.record(initiative, actor=by, action=CallAction.EXTENSION_GRANTED,
                 to_value=local(until), comment=reason, data={"call": call.pk})
    title = _("Personal extension: the card «%(title)s» is accepted until %(when)s") % {
        "title": initiative.title, "when": local(until)}
    notify(_members(initiative.organisation_id), kind=NotificationKind.INITIATIVE_STATE_CHANGED,
           title=title, body=reason, url=initiative.get_absolute_url(), actor=by)
    return extension


def register_submission(initiative: Initiative, *, version: InitiativeVersion | None,
                        by: User | None, send: bool = True) -> SubmissionReceipt | None:
    """Write the submission into its call's journal: the next number under a lock of the
    call's row (numbers are unique and follow the order of receipt), and the moment of
    receipt. The team gets the receipt in the portal and by e-mail. Runs inside the
    transition's transaction."""
    if not initiative.call_id:
        return None
    call = Call.objects.select_for_update().get(pk=initiative.call_id)
    received_at = timezone.now()
    call.last_number += 1
    call.save(update_fields=["last_number"])
    receipt = SubmissionReceipt.objects.create(
        call=call, number=call.last_number, initiative=initiative, version=version,
        received_at=received_at,
        submitted_by=by if by is not None and by.is_authenticated else None,
        extended=received_at > call.closes_at,
    )
    audit.record(initiative, actor=by, action=CallAction.SUBMISSION_REGISTERED,
                 to_value=f"№ {receipt.number}", data={"call": call.pk, "number": receipt.number,
                                                      "received_at": received_at.isoformat()})
    if send:
        title, body = letters.compose(letters.RECEIPT, letters.receipt_values(
            receipt, received=local(received_at)))
        notify(
            _members(initiative.organisation_id), kind=NotificationKind.SUBMISSION_RECEIVED,
            title=title, body=body,
            url=initiative.get_absolute_url(),
            actor=None,  # the receipt goes to the one who submitted too
        )
    return receipt


def send_deadline_reminders(*, now=None) -> int:
    """Remind the teams of unfinished drafts of open calls 7 days and 1 day before the
    deadline, once each (a ``CallReminder`` row per draft and day). Returns how many drafts."""
    now = now or timezone.now()
    sent = 0
    for days in sorted(REMINDER_DAYS):
        horizon = now + datetime.timedelta(days=days)
        drafts = (Initiative.objects.filter(
            state=InitiativeState.DRAFT, call__opens_at__lte=now, call__closes_at__gte=now,
            call__closes_at__lte=horizon)
            .exclude(pk__in=CallReminder.objects.filter(days_before__lte=days)
                     .values("initiative_id"))
            .select_related("call").order_by("pk"))
        for initiative in drafts:
            sent += _remind(initiative, days=days)
    return sent


@transaction.atomic
def _remind(initiative, *, days):
    _reminder, created = CallReminder.objects.get_or_create(
        call_id=initiative.call_id, initiative=initiative, days_before=days)
    if not created:
        return 0
    call = initiative.call
    title, body = letters.compose(letters.REMINDER, letters.reminder_values(
        initiative, call=call, deadline=local(call.closes_at), days=days))
    notify(
        _members(initiative.organisation_id), kind=NotificationKind.CALL_DEADLINE,
        title=title, body=body,
        url=initiative.get_absolute_url(),
    )
    audit.record(initiative, actor=None, action=CallAction.DRAFT_REMINDED,
                 to_value=str(days), data={"call": call.pk, "days": days})
    return 1
