"""The national projects (reference data): the office adds and corrects them."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.models import User
from accounts.rules import is_office
from portfolio.models import NationalProject
from portfolio.passport.enums import PassportAction


@transaction.atomic
def save_national_project(*, by: User, instance: NationalProject | None = None, name: str,
                          starts_year: int, ends_year: int | None = None, is_active: bool = True,
                          order: int = 0) -> NationalProject:
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office keeps the reference data."))
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the name."), field="name")
    if ends_year is not None and ends_year < starts_year:
        raise DomainError(_("The last year cannot come before the first."), field="ends_year")
    row = instance or NationalProject()
    if NationalProject.objects.filter(name__iexact=name).exclude(pk=row.pk).exists():
        raise DomainError(_("A national project with this name already exists."), field="name")
    before = row.name
    row.name, row.starts_year, row.ends_year = name[:300], starts_year, ends_year
    row.is_active, row.order = bool(is_active), order or 0
    row.save()
    audit.record(row, actor=by, action=PassportAction.NATIONAL_PROJECT_SAVED, from_value=before,
                 to_value=str(row))
    return row
