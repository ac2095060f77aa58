"""Domain functions of people and roles. Every change writes an audit record."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import AuditAction, OfficeRole
from accounts.errors import DomainError
from accounts.models import RoleAssignment, User, WorkdayCorrection
from accounts.rules import is_office

PROFILE_FIELDS = ("last_name", "first_name", "patronymic", "email", "phone")


@transaction.atomic
def grant_role(user: User, *, role: str, by: User | None) -> RoleAssignment:
    if role not in OfficeRole.values:
        raise DomainError(_("Unknown role."))
    assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role)
    if created:
        audit.record(user, actor=by, action=AuditAction.ROLE_GRANTED, to_value=role)
    user.__dict__.pop("role_codes", None)
    return assignment


@transaction.atomic
def revoke_role(user: User, *, role: str, by: User | None) -> None:
    deleted, _rows = RoleAssignment.objects.filter(user=user, role=role).delete()
    if deleted:
        audit.record(user, actor=by, action=AuditAction.ROLE_REVOKED, from_value=role)
    user.__dict__.pop("role_codes", None)


@transaction.atomic
def update_profile(user: User, *, by: User, **values) -> User:
    """Change a person's own data; the history keeps which fields changed, not their values."""
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed here."))
    changed = sorted(f for f, v in values.items() if getattr(user, f) != v)
    if not changed:
        return user
    for field in changed:
        setattr(user, field, values[field])
    user.full_clean(exclude=["password"])
    user.save(update_fields=changed)
    audit.record(user, actor=by, action=AuditAction.PROFILE_UPDATED, data={"fields": changed})
    return user


def note_password_changed(user: User) -> None:
    """Called by the password change and reset views once Django has stored the new password."""
    audit.record(user, actor=user, action=AuditAction.PASSWORD_CHANGED)


# --- the production calendar's corrections (issue 26) ---------------------------------------


@transaction.atomic
def set_workday_correction(*, day: datetime.date, is_working: bool, note: str = "",
                           by: User) -> WorkdayCorrection:
    """The office marks one day working or not, over what ``holidays.RU`` says of it."""
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office corrects the production calendar."))
    if not datetime.date(2000, 1, 1) <= day <= datetime.date(2100, 12, 31):
        raise DomainError(_("Choose a day between 2000 and 2100."), field="day")
    note = (note or "").replace("\x00", "").strip()[:300]
    row = WorkdayCorrection.objects.filter(day=day).first()
    before = "" if row is None else ("working" if row.is_working else "day_off")
    row = row or WorkdayCorrection(day=day)
    row.is_working, row.note, row.changed_by = is_working, note, by
    row.save()
    audit.record(row, actor=by, action=AuditAction.UPDATED if before else AuditAction.CREATED,
                 from_value=before, to_value="working" if is_working else "day_off",
                 comment=note)
    return row


@transaction.atomic
def remove_workday_correction(row: WorkdayCorrection, *, by: User) -> None:
    """Back to what the library says of the day."""
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office corrects the production calendar."))
    audit.record(row, actor=by, action=AuditAction.DELETED,
                 from_value="working" if row.is_working else "day_off", comment=row.note)
    row.delete()
