"""Domain functions of a project's calendar plan: activities and control points.

The administrator (or the office) keeps the plan; the team keeps forecasts and marks points
done with their evidence; the office accepts or returns them. Each function runs in one
transaction, refuses bad input with ``DomainError`` naming the field, writes an audit line and
notifies after commit.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import FileKind, NotificationKind
from accounts.errors import DomainError
from accounts.files import check_upload
from accounts.models import User
from accounts.notifications import notify
from accounts.rules import is_office_staff
from initiatives.enums import InitiativeState
from initiatives.models import Initiative
from portfolio.models import PlanItem
from portfolio.plan.enums import REACHED, PlanAction, PlanItemKind, PlanItemStatus

audit.register_actions(PlanAction)

# Files that may prove a control point: documents, spreadsheets, scans and photos.
EVIDENCE_KINDS = (FileKind.PDF, FileKind.DOCX, FileKind.ODT, FileKind.XLSX, FileKind.ODS,
                  FileKind.JPEG, FileKind.PNG)
# The team is reminded of a control point this many days before its date.
REMIND_DAYS_BEFORE = 7
PLANNED_STATES = (InitiativeState.APPROVED, InitiativeState.IN_PROGRESS)


def _d(value):
    return value.strftime("%d.%m.%Y") if value else "—"


def _clean(obj, exclude=()):
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from e


def _planned(initiative):
    if initiative.state not in PLANNED_STATES:
        raise DomainError(_("The calendar plan is kept only while the project is approved or in "
                            "progress."))


def check_within_project(initiative, *, start, end, field="planned_end"):
    """A plan date outside the project's dates is refused."""
    for value, name in ((start, "planned_start"), (end, field)):
        if value is None:
            continue
        if initiative.starts_on and value < initiative.starts_on or \
                initiative.ends_on and value > initiative.ends_on:
            raise DomainError(
                _("The date %(date)s is outside the project's dates %(start)s – %(end)s.")
                % {"date": _d(value), "start": _d(initiative.starts_on),
                   "end": _d(initiative.ends_on)}, field=name)
    if start and end and end < start:
        raise DomainError(_("The end cannot be before the start."), field=field)


# A forecast may run past the project's end (a deviation), but not beyond this many years.
FORECAST_YEARS_AFTER_END = 5


def check_forecast_range(initiative, *dates):
    """A forecast before the project starts, or years after it ends, is a typing error."""
    start = initiative.starts_on
    end = initiative.ends_on or timezone.localdate()
    latest = end.replace(year=end.year + FORECAST_YEARS_AFTER_END, day=min(end.day, 28))
    for value in dates:
        if value is None:
            continue
        if start and value < start:
            raise DomainError(_("The forecast %(date)s is before the project starts (%(start)s).")
                              % {"date": _d(value), "start": _d(start)}, field="forecast_end")
        if value > latest:
            raise DomainError(_("The forecast %(date)s is more than %(n)s years after the "
                                "project's end: check the year.")
                              % {"date": _d(value), "n": FORECAST_YEARS_AFTER_END},
                              field="forecast_end")


def _responsible_name(responsible, responsible_name):
    return (responsible_name or "").strip()[:300] if responsible is None else ""


def plan_fields(item):
    return {"number": item.number, "title": item.title, "kind": item.kind,
            "planned_start": _d(item.planned_start), "planned_end": _d(item.planned_end),
            "responsible": item.responsible_display}


@transaction.atomic
def add_plan_item(initiative: Initiative, *, by: User | None, kind: str, title: str,
                  planned_end: datetime.date, planned_start: datetime.date | None = None,
                  number: str = "", result: str = "", evidence_document: str = "",
                  responsible: User | None = None, responsible_name: str = "",
                  audit_it: bool = True) -> PlanItem:
    """A new activity or control point at the end of the plan."""
    _planned(initiative)
    if kind == PlanItemKind.POINT:
        planned_start = None
        if not (result or "").strip():
            raise DomainError(_("Write the checkable result of the control point."),
                              field="result")
    check_within_project(initiative, start=planned_start, end=planned_end)
    last = PlanItem.objects.filter(initiative=initiative).aggregate(n=Max("order"))["n"] or 0
    item = PlanItem(initiative=initiative, kind=kind, title=(title or "").strip()[:500],
                    number=(number or "").strip()[:20], result=(result or "").strip(),
                    evidence_document=(evidence_document or "").strip()[:500],
                    responsible=responsible,
                    responsible_name=_responsible_name(responsible, responsible_name),
                    planned_start=planned_start, planned_end=planned_end, order=last + 1)
    _clean(item, exclude=["initiative", "evidence_file", "responsible"])
    item.save()
    if audit_it:
        audit.record(initiative, actor=by, action=PlanAction.PLAN_ITEM_ADDED,
                     to_value=str(item), data={"plan_item": item.pk, **plan_fields(item)})
    return item


@transaction.atomic
def change_plan_item(item: PlanItem, *, by: User, title: str, planned_end: datetime.date,
                     planned_start: datetime.date | None = None, number: str = "",
                     result: str = "", evidence_document: str = "",
                     responsible: User | None = None, responsible_name: str = "") -> PlanItem:
    """The administrator corrects a line of the plan (its dates, its responsible person)."""
    item = PlanItem.objects.select_for_update().select_related("initiative").get(pk=item.pk)
    initiative = item.initiative
    _planned(initiative)
    if item.kind == PlanItemKind.POINT:
        planned_start = None
        if not (result or "").strip():
            raise DomainError(_("Write the checkable result of the control point."),
                              field="result")
    check_within_project(initiative, start=planned_start, end=planned_end)
    before = plan_fields(item)
    item.title, item.number = (title or "").strip()[:500], (number or "").strip()[:20]
    item.result, item.evidence_document = (result or "").strip(), \
        (evidence_document or "").strip()[:500]
    item.responsible = responsible
    item.responsible_name = _responsible_name(responsible, responsible_name)
    item.planned_start, item.planned_end = planned_start, planned_end
    _clean(item, exclude=["initiative", "evidence_file", "responsible"])
    item.save()
    after = plan_fields(item)
    audit.record(initiative, actor=by, action=PlanAction.PLAN_ITEM_CHANGED, to_value=str(item),
                 data={"plan_item": item.pk, "before": before, "after": after})
    return item


def is_past_project_end(item):
    ends_on = item.initiative.ends_on
    return bool(ends_on and item.forecast_end and item.forecast_end > ends_on)


def deviation_days(item):
    """Days the forecast (or the actual date) lies after the plan; 0 when on time."""
    expected = item.actual_on or item.forecast_end
    if not expected:
        return 0
    return max((expected - item.planned_end).days, 0)


@transaction.atomic
def set_forecast(item: PlanItem, *, by: User, forecast_end: datetime.date,
                 forecast_start: datetime.date | None = None) -> PlanItem:
    """The team's forecast of when the item ends. A forecast past the project's end is allowed
    (it is a forecast) and is flagged as a deviation until a change request moves the end."""
    item = PlanItem.objects.select_for_update().select_related("initiative").get(pk=item.pk)
    _planned(item.initiative)
    if item.status in REACHED:
        raise DomainError(_("The item is done: its forecast is not kept any more."),
                          field="forecast_end")
    if item.kind == PlanItemKind.POINT:
        forecast_start = None
    if forecast_start and forecast_end < forecast_start:
        raise DomainError(_("The end cannot be before the start."), field="forecast_end")
    check_forecast_range(item.initiative, forecast_start, forecast_end)
    before = _d(item.forecast_end)
    item.forecast_start, item.forecast_end = forecast_start, forecast_end
    item.save(update_fields=["forecast_start", "forecast_end"])
    comment = ""
    if is_past_project_end(item):
        comment = _("past the project's end %(date)s: a deviation until a change request moves "
                    "it") % {"date": _d(item.initiative.ends_on)}
    audit.record(item.initiative, actor=by, action=PlanAction.FORECAST_SET, from_value=before,
                 to_value=_d(forecast_end), comment=f"{item}. {comment}".strip(". "),
                 data={"plan_item": item.pk})
    return item


@transaction.atomic
def mark_point_done(item: PlanItem, *, by: User, actual_on: datetime.date,
                    evidence) -> PlanItem:
    """The team marks a control point done on ``actual_on`` with the file that proves it; the
    office is told and accepts or returns it."""
    item = PlanItem.objects.select_for_update().select_related("initiative").get(pk=item.pk)
    _planned(item.initiative)
    if item.kind != PlanItemKind.POINT:
        raise DomainError(_("Only a control point is marked done with its evidence."))
    if item.status in REACHED:
        raise DomainError(_("The control point is already marked done."))
    if actual_on > timezone.localdate():
        raise DomainError(_("The actual date cannot be in the future."), field="actual_on")
    if item.initiative.starts_on and actual_on < item.initiative.starts_on:
        raise DomainError(_("The actual date %(date)s is before the project starts (%(start)s).")
                          % {"date": _d(actual_on), "start": _d(item.initiative.starts_on)},
                          field="actual_on")
    if evidence is None:
        raise DomainError(_("Attach the document that proves the result."), field="evidence")
    try:
        checked = check_upload(evidence, allowed=EVIDENCE_KINDS)
    except ValidationError as e:
        raise DomainError(" ".join(e.messages), field="evidence") from e
    source = item.status
    item.evidence_name, item.evidence_kind = checked.original_name, checked.kind
    evidence.seek(0)
    item.evidence_file.save(checked.stored_name, evidence, save=False)
    item.actual_on, item.status = actual_on, PlanItemStatus.DONE
    item.office_comment = ""
    item.save()
    audit.record(item.initiative, actor=by, action=PlanAction.POINT_DONE, from_value=source,
                 to_value=item.status, comment=f"{item}: {_d(actual_on)}",
                 data={"plan_item": item.pk, "evidence": checked.original_name})
    initiative, url = item.initiative, item.get_absolute_url()
    title = _("A control point is done: «%(point)s» (%(project)s)") % {
        "point": item.title, "project": initiative.title}
    transaction.on_commit(lambda: notify(_office(), kind=NotificationKind.CONTROL_POINT,
                                         title=title, url=url, actor=by))
    return item


@transaction.atomic
def decide_point(item: PlanItem, *, by: User, accept: bool, comment: str = "") -> PlanItem:
    """The office accepts a point marked done or returns it to the team with a comment."""
    item = PlanItem.objects.select_for_update().select_related("initiative").get(pk=item.pk)
    if not is_office_staff.test(by):
        raise DomainError(_("Only the office staff accept or return control points."))
    if item.status != PlanItemStatus.DONE:
        raise DomainError(_("Only a control point marked done can be accepted or returned."))
    comment = (comment or "").strip()
    if not accept and not comment:
        raise DomainError(_("Write what the team should correct."), field="comment")
    source = item.status
    item.status = PlanItemStatus.ACCEPTED if accept else PlanItemStatus.RETURNED
    item.office_comment, item.decided_by, item.decided_at = comment, by, timezone.now()
    if not accept:
        item.actual_on = None
    item.save(update_fields=["status", "office_comment", "decided_by", "decided_at",
                             "actual_on"])
    audit.record(item.initiative, actor=by,
                 action=PlanAction.POINT_ACCEPTED if accept else PlanAction.POINT_RETURNED,
                 from_value=source, to_value=item.status,
                 comment="\n".join(p for p in (str(item), comment) if p),
                 data={"plan_item": item.pk})
    initiative, url = item.initiative, item.get_absolute_url()
    title = (_("The control point «%(point)s» is accepted") if accept else
             _("The control point «%(point)s» is returned: %(comment)s")) % {
        "point": item.title, "comment": comment}
    transaction.on_commit(lambda: notify(_team(initiative), kind=NotificationKind.CONTROL_POINT,
                                         title=title, url=url, actor=by))
    return item


def _office():
    return list(User.objects.filter(
        is_active=True, role_assignments__role__in=["office_staff", "office_head"]
    ).distinct().order_by("pk"))


def _team(initiative):
    """The active members of the project's organisation and its administrator."""
    return list(User.objects.filter(
        is_active=True, memberships__organisation_id=initiative.organisation_id,
        memberships__is_active=True).distinct().order_by("pk")) + list(
        User.objects.filter(is_active=True, project_roles__initiative=initiative).exclude(
            memberships__organisation_id=initiative.organisation_id,
            memberships__is_active=True).distinct())


def points_to_remind(today, days_before=REMIND_DAYS_BEFORE):
    """Control points of projects in progress due within ``days_before`` days and not reminded
    of for their current date."""
    horizon = today + datetime.timedelta(days=days_before)
    return PlanItem.objects.filter(
        kind=PlanItemKind.POINT, initiative__state=InitiativeState.IN_PROGRESS,
        planned_end__gte=today, planned_end__lte=horizon,
    ).exclude(status__in=REACHED).select_related("initiative")


def remind_control_points(*, today: datetime.date | None = None,
                          days_before: int = REMIND_DAYS_BEFORE) -> int:
    """Remind each team once of each control point due within ``days_before`` days; idempotent:
    a point is reminded again only when its date moved."""
    today = today or timezone.localdate()
    sent = 0
    for item_id in points_to_remind(today, days_before).values_list("pk", flat=True):
        sent += _remind_one(item_id, today=today, days_before=days_before)
    return sent


@transaction.atomic
def _remind_one(item_id, *, today, days_before):
    item = PlanItem.objects.select_for_update(of=("self",)).select_related("initiative").get(
        pk=item_id)
    if item.reminded_for == item.planned_end or item.status in REACHED:
        return 0
    item.reminded_for = item.planned_end
    item.save(update_fields=["reminded_for"])
    audit.record(item.initiative, actor=None, action=PlanAction.POINT_REMINDED,
                 to_value=_d(item.planned_end), comment=str(item), data={"plan_item": item.pk})
    initiative, url = item.initiative, item.get_absolute_url()
    title = _("The control point «%(point)s» of the project «%(project)s» is due on %(date)s") % {
        "point": item.title, "project": initiative.title, "date": _d(item.planned_end)}
    transaction.on_commit(lambda: notify(_team(initiative), kind=NotificationKind.CONTROL_POINT,
                                         title=title, url=url))
    return 1
