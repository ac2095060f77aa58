"""Domain functions of meetings: every change of a meeting, its agenda, minutes and decisions.
(Attendance, reflection and calendars: :mod:`meetings.participation`; the work plan:
:mod:`meetings.plans`.)

Keyword-only arguments, one transaction each, validation with :class:`DomainError`, an audit
record, and notifications after commit. Decisions on initiatives move them only through
``initiatives.lifecycle.fire`` and only in :func:`approve_minutes`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import NotificationKind
from accounts.errors import DomainError
from accounts.models import User
from accounts.notifications import notify
from accounts.rules import is_office, is_office_head
from initiatives import lifecycle
from meetings import ical, letters, queries
from meetings.committee import committee_decision
from meetings.enums import (
    TRANSITION_OF,
    AgendaKind,
    DecisionKind,
    MeetingAction,
    MeetingStatus,
    WorkPlanStatus,
)
from meetings.models import (
    AgendaItem,
    Decision,
    DecisionTask,
    Meeting,
    MeetingFormat,
    NewsItem,
    WorkPlan,
)

OPEN_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.HELD)


TEXT_LIMIT = 20000


def clean_or_refuse(obj):
    try:
        obj.full_clean()
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from e


def require_office(by):
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office may do this."))


def require_open(meeting):
    if meeting.status not in OPEN_STATUSES:
        raise DomainError(_("The meeting is «%(status)s»: its agenda and minutes can no longer "
                            "be changed.") % {"status": meeting.get_status_display()})


def basis_of(meeting) -> str:
    """The ground the initiative's history names: «по решению заседания № N от DD.MM.YYYY»."""
    return f"по решению заседания № {meeting.number} от {meeting.local_date:%d.%m.%Y}"


def next_number(school_year: str) -> int:
    last = Meeting.objects.filter(school_year=school_year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


@transaction.atomic
def create_meeting(*, format: MeetingFormat, starts_at: datetime.datetime,
                   ends_at: datetime.datetime, by: User | None, place: str = "",
                   online_link: str = "", topic: str = "", chair: User | None = None,
                   secretary: User | None = None, number: int | None = None,
                   status: str = MeetingStatus.PLANNED) -> Meeting:
    if by is not None:
        require_office(by)
    if ends_at < starts_at:
        raise DomainError(_("The meeting cannot end before it starts."), field="ends_at")
    if not (place or "").strip() and not (online_link or "").strip():
        raise DomainError(_("Give the place or the online link."), field="place")
    school_year = queries.school_year_of(timezone.localtime(starts_at).date())
    number = number or next_number(school_year)
    if Meeting.objects.filter(school_year=school_year, number=number).exists():
        raise DomainError(_("Meeting № %(n)s of the school year %(year)s already exists.")
                          % {"n": number, "year": school_year}, field="number")
    meeting = Meeting(
        number=number, school_year=school_year, starts_at=starts_at, ends_at=ends_at,
        place=(place or "").strip(), online_link=(online_link or "").strip(), format=format,
        topic=(topic or "").strip(), chair=chair, secretary=secretary, status=status,
        created_by=by,
    )
    clean_or_refuse(meeting)
    meeting.save()
    audit.record(meeting, actor=by, action=MeetingAction.MEETING_CREATED, to_value=status)
    return meeting


MEETING_FIELDS = ("format", "starts_at", "ends_at", "place", "online_link", "topic", "chair",
                  "secretary")


@transaction.atomic
def update_meeting(meeting: Meeting, *, by: User, values: dict) -> Meeting:
    require_office(by)
    require_open(meeting)
    for name in MEETING_FIELDS:
        if name in values:
            setattr(meeting, name, values[name])
    if meeting.ends_at < meeting.starts_at:
        raise DomainError(_("The meeting cannot end before it starts."), field="ends_at")
    if not meeting.place.strip() and not meeting.online_link.strip():
        raise DomainError(_("Give the place or the online link."), field="place")
    school_year = queries.school_year_of(meeting.local_date)
    if school_year != meeting.school_year:
        meeting.school_year = school_year
        meeting.number = next_number(school_year)
    clean_or_refuse(meeting)
    meeting.save()
    audit.record(meeting, actor=by, action=MeetingAction.MEETING_UPDATED,
                 data={"fields": sorted(n for n in values if n in MEETING_FIELDS)})
    return meeting


@transaction.atomic
def set_status(meeting: Meeting, *, status: str, by: User) -> Meeting:
    """Planned → held or cancelled. Approving the minutes is :func:`approve_minutes`."""
    require_office(by)
    allowed = {MeetingStatus.PLANNED: {MeetingStatus.HELD, MeetingStatus.CANCELLED},
               MeetingStatus.HELD: {MeetingStatus.PLANNED}}
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if status not in allowed.get(locked.status, set()):
        raise DomainError(_("A meeting that is «%(status)s» cannot become «%(new)s».") % {
            "status": locked.get_status_display(), "new": MeetingStatus(status).label
            if status in MeetingStatus.values else status})
    source = locked.status
    locked.status = status
    locked.save(update_fields=["status"])
    meeting.status = status
    audit.record(meeting, actor=by, action=MeetingAction.MEETING_STATUS, from_value=source,
                 to_value=status)
    return meeting


ITEM_FIELDS = ("kind", "title", "initiative", "work_plan", "presenter", "presenter_name",
               "starts_at", "minutes", "heard", "spoke", "decided")


def _check_item(item):
    if item.kind == AgendaKind.OFFICE_PLAN and item.initiative_id:
        raise DomainError(_("An item about the office's plan does not name an initiative."),
                          field="initiative")
    if item.kind != AgendaKind.OFFICE_PLAN and item.work_plan_id:
        raise DomainError(_("Only an item about the office's plan names a work plan."),
                          field="work_plan")
    if not item.title.strip():
        if item.initiative_id:
            item.title = item.initiative.title[:500]
        elif item.work_plan_id:
            item.title = item.work_plan.title[:500]
        else:
            raise DomainError(_("Give the item a title."), field="title")
    for name in ("heard", "spoke", "decided"):
        if len(getattr(item, name)) > TEXT_LIMIT:
            raise DomainError(_("The text is too long."), field=name)


@transaction.atomic
def add_agenda_item(meeting: Meeting, *, by: User, kind: str, title: str = "",
                    initiative=None, work_plan=None, presenter=None, presenter_name: str = "",
                    starts_at=None, minutes=None) -> AgendaItem:
    require_office(by)
    require_open(meeting)
    last = meeting.items.aggregate(n=Max("order"))["n"]
    item = AgendaItem(
        meeting=meeting, order=(last or 0) + 1, kind=kind, title=(title or "").strip(),
        initiative=initiative, work_plan=work_plan, presenter=presenter,
        presenter_name=(presenter_name or "").strip(), starts_at=starts_at, minutes=minutes,
    )
    _check_item(item)
    clean_or_refuse(item)
    item.save()
    audit.record(meeting, actor=by, action=MeetingAction.AGENDA_CHANGED, to_value=item.title,
                 data={"item": item.pk, "added": True})
    return item


@transaction.atomic
def update_agenda_item(item: AgendaItem, *, by: User, values: dict) -> AgendaItem:
    require_office(by)
    require_open(item.meeting)
    changed = []
    for name in ITEM_FIELDS:
        if name in values:
            value = values[name]
            if isinstance(value, str):
                value = value.strip()
            if getattr(item, name) != value:
                changed.append(name)
                setattr(item, name, value)
    _check_item(item)
    clean_or_refuse(item)
    item.save()
    if changed:
        minutes_fields = {"heard", "spoke", "decided"}
        action = (MeetingAction.MINUTES_EDITED if set(changed) <= minutes_fields
                  else MeetingAction.AGENDA_CHANGED)
        audit.record(item.meeting, actor=by, action=action, to_value=item.title,
                     data={"item": item.pk, "fields": changed})
    return item


@transaction.atomic
def remove_agenda_item(item: AgendaItem, *, by: User):
    require_office(by)
    require_open(item.meeting)
    if item.decisions.filter(executed_at__isnull=False).exists():
        raise DomainError(_("The item has decisions already carried out."))
    meeting = item.meeting
    title = item.title
    _delete(item)
    _renumber(meeting)
    audit.record(meeting, actor=by, action=MeetingAction.AGENDA_CHANGED, from_value=title,
                 data={"removed": True})


def _delete(obj):
    """Delete an item or a decision, refusing when another record relies on it (a report whose
    approval the decision records, for instance)."""
    try:
        obj.delete()
    except ProtectedError as e:
        raise DomainError(_("Other records refer to it (%(what)s), so it cannot be removed.")
                          % {"what": ", ".join(sorted({str(o._meta.verbose_name)
                                                        for o in e.protected_objects}))}) from e


def _renumber(meeting):
    for n, item in enumerate(meeting.items.order_by("order", "pk"), 1):
        if item.order != n:
            AgendaItem.objects.filter(pk=item.pk).update(order=n)


@transaction.atomic
def move_agenda_item(item: AgendaItem, *, direction: str, by: User) -> AgendaItem:
    """Move the item one place up or down the agenda (the orders stay 1, 2, 3…)."""
    require_office(by)
    require_open(item.meeting)
    if direction not in ("up", "down"):
        raise DomainError(_("Move an item up or down."))
    Meeting.objects.select_for_update().get(pk=item.meeting_id)
    items = list(item.meeting.items.order_by("order", "pk"))
    pos = next(i for i, x in enumerate(items) if x.pk == item.pk)
    other = pos - 1 if direction == "up" else pos + 1
    if 0 <= other < len(items):
        items[pos], items[other] = items[other], items[pos]
        for n, x in enumerate(items, 1):
            if x.order != n:
                AgendaItem.objects.filter(pk=x.pk).update(order=n)
                x.order = n
        audit.record(item.meeting, actor=by, action=MeetingAction.AGENDA_CHANGED,
                     to_value=item.title, data={"item": item.pk, "moved": direction})
    item.order = next(x.order for x in items if x.pk == item.pk)
    return item


INITIATIVE_KINDS = frozenset(TRANSITION_OF)
PROJECT_COMMITTEE_KINDS = frozenset({DecisionKind.APPROVE_PASSPORT, DecisionKind.APPROVE_CHANGE})


@transaction.atomic
def add_decision(item: AgendaItem, *, kind: str, text: str, by: User, owner: User | None = None,
                 due_on: datetime.date | None = None) -> Decision:
    require_office(by)
    require_open(item.meeting)
    text = (text or "").strip()
    if kind not in DecisionKind.values:
        raise DomainError(_("Choose the kind of decision."), field="kind")
    if not text:
        raise DomainError(_("Write the text of the decision."), field="text")
    if len(text) > TEXT_LIMIT:
        raise DomainError(_("The text is too long."), field="text")
    if kind in INITIATIVE_KINDS and item.initiative_id is None:
        raise DomainError(_("This decision is about an initiative: the item names none."),
                          field="kind")
    if kind in PROJECT_COMMITTEE_KINDS:
        if item.initiative_id is None:
            raise DomainError(_("This decision is about a project: the item names none."),
                              field="kind")
        if not item.meeting.format.is_project_committee:
            raise DomainError(_("Only a meeting of the project committee's format approves "
                                "passports and their changes (see «Meeting formats»)."),
                              field="kind")
    if kind == DecisionKind.APPROVE_PLAN and item.work_plan_id is None:
        raise DomainError(_("This decision approves a work plan: the item names none."),
                          field="kind")
    if kind == DecisionKind.OTHER:
        if owner is None:
            raise DomainError(_("Name who carries out the decision."), field="owner")
        if due_on is None:
            raise DomainError(_("Give the due date."), field="due_on")
    decision = Decision.objects.create(item=item, kind=kind, text=text)
    if kind == DecisionKind.OTHER:
        DecisionTask.objects.create(decision=decision, owner=owner, due_on=due_on)
    audit.record(item.meeting, actor=by, action=MeetingAction.DECISION_ADDED, to_value=kind,
                 comment=text, data={"item": item.pk, "decision": decision.pk})
    return decision


@transaction.atomic
def remove_decision(decision: Decision, *, by: User):
    require_office(by)
    require_open(decision.item.meeting)
    if decision.executed_at:
        raise DomainError(_("The decision is already carried out."))
    meeting = decision.item.meeting
    audit.record(meeting, actor=by, action=MeetingAction.DECISION_REMOVED,
                 from_value=decision.kind, comment=decision.text)
    _delete(decision)


class ApprovalFailed(DomainError):
    """One decision could not be carried out; nothing of the approval was kept."""


@transaction.atomic
def approve_minutes(meeting: Meeting, *, by: User, notify_people: bool = True) -> Meeting:
    """Approve the minutes and carry out every decision not yet carried out, exactly once.

    Inside one transaction: each decision on an initiative fires its lifecycle transition with
    the basis «по решению заседания № N от DD.MM.YYYY», a decision approving a work plan
    approves it, and each decision is marked carried out. If any of them fails, the whole
    approval rolls back and :class:`ApprovalFailed` names the item and the reason.
    ``notify_people=False`` tells nobody (demo data only).
    """
    if by is None or not is_office_head.test(by):
        raise DomainError(_("Only the office head approves the minutes."))
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status == MeetingStatus.MINUTES_APPROVED:
        raise DomainError(_("The minutes of this meeting are already approved."))
    if locked.status != MeetingStatus.HELD:
        raise DomainError(_("Only the minutes of a held meeting can be approved."))
    q = queries.quorum(locked)
    if q.members and not q.reached:
        raise DomainError(_("There was no quorum: %(present)s of %(members)s members present, "
                            "%(needed)s needed.") % {"present": q.present, "members": q.members,
                                                     "needed": q.needed})
    basis = basis_of(locked)
    now = timezone.now()
    items = list(locked.items.order_by("order", "pk"))
    position = {item.pk: n for n, item in enumerate(items, 1)}
    decisions = list(
        Decision.objects.select_for_update(of=("self",))
        .filter(item__meeting=locked, executed_at__isnull=True)
        .select_related("item__initiative", "item__work_plan")
        .order_by("item__order", "item_id", "pk")
    )
    for decision in decisions:
        try:
            _carry_out(decision, by=by, basis=basis, now=now, notify_people=notify_people)
        except DomainError as e:
            raise ApprovalFailed(
                _("The minutes are not approved, nothing has changed. Item %(n)s «%(item)s», "
                  "decision «%(decision)s»: %(reason)s") % {
                    "n": position[decision.item_id], "item": decision.item.title,
                    "decision": decision.get_kind_display(), "reason": e.message}
            ) from e
        decision.executed_at, decision.executed_by = now, by
        decision.save(update_fields=["executed_at", "executed_by"])
    locked.status = MeetingStatus.MINUTES_APPROVED
    locked.minutes_approved_at = now
    locked.minutes_approved_by = by
    locked.save(update_fields=["status", "minutes_approved_at", "minutes_approved_by"])
    audit.record(locked, actor=by, action=MeetingAction.MINUTES_APPROVED,
                 from_value=MeetingStatus.HELD, to_value=MeetingStatus.MINUTES_APPROVED,
                 comment=basis, data={"decisions": [d.pk for d in decisions]})
    for name in ("status", "minutes_approved_at", "minutes_approved_by"):
        setattr(meeting, name, getattr(locked, name))
    queue_minutes_pdf(locked)
    if notify_people:
        _notify_minutes_published(locked, by=by)
    return meeting


def _carry_out(decision, *, by, basis, now, notify_people):
    item = decision.item
    if decision.kind in INITIATIVE_KINDS:
        lifecycle.fire(item.initiative, TRANSITION_OF[decision.kind], by=by,
                       comment=decision.text, basis=basis, notify=notify_people)
    elif decision.kind in PROJECT_COMMITTEE_KINDS:
        committee_decision(decision, by=by, basis=basis)
    elif decision.kind == DecisionKind.APPROVE_PLAN:
        plan = WorkPlan.objects.select_for_update().get(pk=item.work_plan_id)
        if plan.status == WorkPlanStatus.APPROVED:
            raise DomainError(_("the work plan «%(plan)s» is already approved")
                              % {"plan": plan.title})
        plan.status = WorkPlanStatus.APPROVED
        plan.approved_at = now
        plan.approval_basis = basis
        plan.approved_by_decision = decision
        plan.save(update_fields=["status", "approved_at", "approval_basis",
                                 "approved_by_decision"])
        audit.record(plan, actor=by, action=MeetingAction.PLAN_APPROVED,
                     from_value=WorkPlanStatus.DRAFT, to_value=WorkPlanStatus.APPROVED,
                     comment=basis)


def queue_minutes_pdf(meeting):
    from meetings.tasks import build_minutes_pdf

    transaction.on_commit(lambda: build_minutes_pdf.delay(meeting.pk))


@transaction.atomic
def complete_task(task: DecisionTask, *, by: User, note: str = "") -> DecisionTask:
    if by is None or not (is_office.test(by) or task.owner_id == by.pk):
        raise DomainError(_("Only the owner or the office marks the task done."))
    if task.done_at:
        raise DomainError(_("The task is already done."))
    task.done_at = timezone.now()
    task.note = (note or "").strip()[:TEXT_LIMIT]
    task.save(update_fields=["done_at", "note"])
    audit.record(task.decision.item.meeting, actor=by, action=MeetingAction.TASK_DONE,
                 comment=task.decision.text, data={"task": task.pk})
    return task


@transaction.atomic
def send_invitations(meeting: Meeting, *, by: User) -> int:
    require_office(by)
    if meeting.status != MeetingStatus.PLANNED:
        raise DomainError(_("Invitations go out for a planned meeting only."))
    people = queries.invitees(meeting)
    if not people:
        raise DomainError(_("Nobody to invite: add office members or initiatives to the "
                            "agenda."))
    meeting.invitations_sent_at = timezone.now()
    meeting.save(update_fields=["invitations_sent_at"])
    audit.record(meeting, actor=by, action=MeetingAction.INVITATIONS_SENT,
                 data={"people": [p.pk for p in people]})
    _notify_invitation(meeting, people, by=by)
    return len(people)


def _notify_invitation(meeting, people, *, by):
    title, body = letters.compose(letters.INVITATION, meeting,
                                  list(meeting.items.order_by("order", "pk")))
    notify(
        people, kind=NotificationKind.MEETING_INVITATION, title=title, body=body,
        url=meeting.get_absolute_url(), actor=by,
        attachments=[(f"meeting-{meeting.pk}.ics", ical.meeting_ics(meeting).decode(),
                      "text/calendar")],
    )


def _notify_minutes_published(meeting, *, by):
    title, body = letters.compose(letters.MINUTES, meeting)
    notify(
        queries.invitees(meeting), kind=NotificationKind.MINUTES_PUBLISHED, title=title, body=body,
        url=meeting.get_absolute_url(), actor=by,
    )


@transaction.atomic
def publish_news(*, meeting: Meeting | None, title: str, text: str, by: User | None,
                 published_at: datetime.datetime | None = None) -> NewsItem:
    if by is not None:
        require_office(by)
    title, text = (title or "").strip(), (text or "").strip()
    if not title:
        raise DomainError(_("Give the news a title."), field="title")
    if not text:
        raise DomainError(_("Write the text."), field="text")
    if meeting is not None and meeting.status not in (MeetingStatus.HELD,
                                                      MeetingStatus.MINUTES_APPROVED):
        raise DomainError(_("Publish the results of a held meeting."))
    news = NewsItem(title=title, text=text[:TEXT_LIMIT], meeting=meeting, published_by=by,
                    published_at=published_at or timezone.now())
    clean_or_refuse(news)
    news.save()
    audit.record(news, actor=by, action=MeetingAction.NEWS_PUBLISHED, to_value=title)
    return news
