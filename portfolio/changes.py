"""Change requests (запросы на изменение): the team asks, the curator agrees, then the office
decides — or, for a project with an approved passport, the project committee's decision when
the change touches the goal and indicator values, dates or funding. An approved change applies
here and only here, and makes the next version of an approved passport.

A change request against a passport that exists but is not approved is refused; a project
without a passport (kept before passports) changes as it did.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.models import User
from accounts.rules import is_office
from initiatives.enums import ChangeKind, ChangeStatus, MonitoringAction
from initiatives.models import Indicator, Initiative
from portfolio import agreement
from portfolio.models import ChangeRequest, Passport, PlanItem
from portfolio.passport import services as passports
from portfolio.passport.enums import COMMITTEE_SECTIONS, PassportSection, PassportStatus
from portfolio.services import _monitored, _text, number_text

# Kinds of change the project committee decides once the passport is approved.
COMMITTEE_KINDS = frozenset({ChangeKind.DEADLINE, ChangeKind.INDICATOR_TARGET,
                             ChangeKind.POINT_DATE})
# The section of the passport each kind changes, when the requester names none.
SECTION_OF = {
    ChangeKind.DEADLINE: PassportSection.MAIN,
    ChangeKind.SCOPE: PassportSection.RESULTS,
    ChangeKind.INDICATOR_TARGET: PassportSection.GOAL,
    ChangeKind.TEAM: PassportSection.MAIN,
    ChangeKind.POINT_DATE: PassportSection.PLAN,
}


def needs_committee(change):
    """Decided by the project committee: the project has an approved passport and the change
    touches the goal and indicator values, dates or funding."""
    if change.kind not in COMMITTEE_KINDS and change.passport_section not in COMMITTEE_SECTIONS:
        return False
    return Passport.objects.filter(initiative_id=change.initiative_id,
                                   status=PassportStatus.APPROVED).exists()


@transaction.atomic
def request_change(initiative: Initiative, *, by: User, kind: str, justification: str,
                   new_ends_on: datetime.date | None = None, new_scope: str = "",
                   indicator: Indicator | None = None, new_target: Decimal | None = None,
                   new_leader: User | None = None, plan_item: PlanItem | None = None,
                   new_point_date: datetime.date | None = None,
                   passport_section: str = "") -> ChangeRequest:
    """Ask for a change of the project's plan; each kind needs its own new value."""
    _monitored(initiative)
    passport = Passport.objects.filter(initiative=initiative).first()
    if passport is not None and passport.status != PassportStatus.APPROVED:
        raise DomainError(_("The passport of the project is not approved yet: change its draft "
                            "instead of requesting a change."))
    justification = _text(justification)
    if kind not in ChangeKind.values:
        raise DomainError(_("Choose the kind of change."), field="kind")
    if passport_section and passport_section not in PassportSection.values:
        raise DomainError(_("Choose the section of the passport."), field="passport_section")
    if not justification:
        raise DomainError(_("Explain why the change is needed."), field="justification")
    change = ChangeRequest(initiative=initiative, kind=kind, justification=justification,
                           requested_by=by)
    if passport is not None:
        change.passport_section = passport_section or SECTION_OF[kind]
    if kind == ChangeKind.DEADLINE:
        if new_ends_on is None:
            raise DomainError(_("Give the new end date."), field="new_ends_on")
        if initiative.starts_on and new_ends_on < initiative.starts_on:
            raise DomainError(_("The project cannot end before it starts."), field="new_ends_on")
        change.new_ends_on = new_ends_on
    elif kind == ChangeKind.SCOPE:
        if not _text(new_scope):
            raise DomainError(_("Describe the new main product."), field="new_scope")
        change.new_scope = _text(new_scope)
    elif kind == ChangeKind.INDICATOR_TARGET:
        if indicator is None or indicator.initiative_id != initiative.pk:
            raise DomainError(_("Choose an indicator of this project."), field="indicator")
        if new_target is None:
            raise DomainError(_("Give the new target value."), field="new_target")
        change.indicator, change.new_target = indicator, new_target
    elif kind == ChangeKind.POINT_DATE:
        if plan_item is None or plan_item.initiative_id != initiative.pk:
            raise DomainError(_("Choose a line of this project's plan."), field="plan_item")
        if new_point_date is None:
            raise DomainError(_("Give the new date."), field="new_point_date")
        if plan_item.planned_start and new_point_date < plan_item.planned_start:
            raise DomainError(_("The new date cannot come before the line starts (%(d)s).")
                              % {"d": plan_item.planned_start.strftime("%d.%m.%Y")},
                              field="new_point_date")
        for bound, wrong in ((initiative.starts_on, lambda b: new_point_date < b),
                             (initiative.ends_on, lambda b: new_point_date > b)):
            if bound and wrong(bound):
                raise DomainError(_("The new date must fall within the project's dates."),
                                  field="new_point_date")
        change.plan_item, change.new_point_date = plan_item, new_point_date
    else:
        if new_leader is None:
            raise DomainError(_("Choose the new project leader."), field="new_leader")
        change.new_leader = new_leader
    change.save()
    audit.record(initiative, actor=by, action=MonitoringAction.CHANGE_REQUESTED,
                 to_value=change.get_kind_display(), comment=justification,
                 data={"change": change.pk, "section": change.passport_section})
    return change


def _d(value):
    return value.strftime("%d.%m.%Y") if value else ""


def _apply(change, initiative):
    """Change the plan; returns (before, after) as data and as text."""
    kind = change.kind
    if kind == ChangeKind.DEADLINE:
        before, after = initiative.ends_on, change.new_ends_on
        Initiative.objects.filter(pk=initiative.pk).update(ends_on=after)
        initiative.ends_on = after
        return ({"ends_on": before.isoformat() if before else None},
                {"ends_on": after.isoformat()}, _d(before), _d(after))
    if kind == ChangeKind.SCOPE:
        before, after = initiative.main_product, change.new_scope
        Initiative.objects.filter(pk=initiative.pk).update(main_product=after)
        initiative.main_product = after
        return {"main_product": before}, {"main_product": after}, before, after
    if kind == ChangeKind.INDICATOR_TARGET:
        indicator = Indicator.objects.select_for_update().get(pk=change.indicator_id)
        before, after = indicator.target, change.new_target
        indicator.target = after
        indicator.save(update_fields=["target"])
        return ({"indicator": indicator.pk, "target": str(before)},
                {"indicator": indicator.pk, "target": str(after)},
                f"{indicator.name}: {number_text(before)}",
                f"{indicator.name}: {number_text(after)}")
    if kind == ChangeKind.POINT_DATE:
        item = PlanItem.objects.select_for_update().get(pk=change.plan_item_id)
        before, after = item.planned_end, change.new_point_date
        item.planned_end = after
        if item.forecast_end and item.forecast_end < after:
            item.forecast_end = None
        item.save(update_fields=["planned_end", "forecast_end"])
        return ({"plan_item": item.pk, "planned_end": before.isoformat()},
                {"plan_item": item.pk, "planned_end": after.isoformat()},
                f"{item}: {_d(before)}", f"{item}: {_d(after)}")
    before = initiative.leader
    after = change.new_leader
    Initiative.objects.filter(pk=initiative.pk).update(leader=after)
    initiative.leader = after
    initiative.team.filter(is_leader=True).update(is_leader=False)
    member = initiative.team.filter(person=after).first()
    if member:
        member.is_leader = True
        member.save(update_fields=["is_leader"])
    else:
        initiative.team.create(person=after, position=_("project leader"), is_leader=True)
    return ({"leader": before.pk if before else None}, {"leader": after.pk},
            before.full_name if before else "", after.full_name)


@transaction.atomic
def decide_change(change: ChangeRequest, *, by: User, approve: bool, comment: str = "",
                  committee_basis: str = "", protocol_number="",
                  protocol_date: datetime.date | None = None) -> ChangeRequest:
    """The office decides a change request (the committee's decision passes
    ``committee_basis``); an approved one changes the plan here and only here, the project's
    history keeps the value before and after, and an approved passport gets its next version."""
    locked = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office decides change requests."))
    if locked.status != ChangeStatus.PENDING:
        raise DomainError(_("This change request has already been decided."))
    comment = _text(comment)
    if not approve and not comment:
        raise DomainError(_("Write why the change is rejected."), field="comment")
    if approve and not committee_basis and needs_committee(locked):
        raise DomainError(_("This change touches the goal, indicator values, dates or funding "
                            "of an approved passport: the project committee decides it. Put it "
                            "on the agenda of the committee's meeting."))
    if approve:
        agreement.check_agreed(locked)
    initiative = Initiative.objects.select_for_update().get(pk=locked.initiative_id)
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.decision_comment = "\n".join(p for p in (committee_basis, comment) if p)
    if approve:
        before, after, before_text, after_text = _apply(locked, initiative)
        locked.status, locked.before, locked.after = ChangeStatus.APPROVED, before, after
        audit.record(initiative, actor=by, action=MonitoringAction.CHANGE_APPROVED,
                     from_value=before_text, to_value=after_text,
                     comment="\n".join(p for p in (locked.get_kind_display(),
                                                   locked.justification, comment) if p),
                     data={"change": locked.pk, "kind": locked.kind, "before": before,
                           "after": after})
    else:
        locked.status = ChangeStatus.REJECTED
        audit.record(initiative, actor=by, action=MonitoringAction.CHANGE_REJECTED,
                     to_value=locked.get_kind_display(), comment=comment,
                     data={"change": locked.pk, "kind": locked.kind})
    locked.save()
    if approve:
        basis = committee_basis or _(
            "change request approved by the project office on %(date)s"
        ) % {"date": timezone.localdate().strftime("%d.%m.%Y")}
        passports.next_version(initiative, by=by, change=locked, basis=basis,
                               protocol_number=protocol_number, protocol_date=protocol_date)
    change.status = locked.status
    return locked


def pending_committee_changes(initiative):
    """The pending change requests of the project the committee decides."""
    return [c for c in initiative.change_requests.filter(status=ChangeStatus.PENDING)
            .order_by("requested_at", "pk") if needs_committee(c)]
