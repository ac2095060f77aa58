"""Decisions of the project committee (the meeting format the office names so): approving a
project's passport, and approving the change requests of an approved passport that touch its
goal, indicator values, dates or funding. Carried out once, when the minutes are approved."""

from django.utils.translation import gettext as _

from accounts.errors import DomainError
from meetings.enums import DecisionKind
from portfolio import changes
from portfolio.passport import services as passports


def committee_decision(decision, *, by, basis):
    """Carry out an «утвердить паспорт» or «утвердить изменения» decision (inside the
    approval's transaction); a refusal names the reason."""
    item = decision.item
    meeting = item.meeting
    if not meeting.format.is_project_committee:
        raise DomainError(_("the meeting is not of the project committee's format"))
    initiative = item.initiative
    if decision.kind == DecisionKind.APPROVE_PASSPORT:
        passports.approve(initiative, by=by, basis=basis, protocol_number=meeting.number,
                          protocol_date=meeting.local_date)
        return
    pending = changes.pending_committee_changes(initiative)
    if not pending:
        raise DomainError(_("no change request of «%(title)s» awaits the committee")
                          % {"title": initiative.title})
    for change in pending:
        changes.decide_change(change, by=by, approve=True, comment=decision.text,
                              committee_basis=basis, protocol_number=meeting.number,
                              protocol_date=meeting.local_date)
