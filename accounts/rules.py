"""Predicates about people's office roles. Other apps combine them with their own."""

import rules

from accounts.enums import OfficeRole


def _has_role(user, role):
    return bool(user and user.is_authenticated and role in user.role_codes)


@rules.predicate
def is_expert(user):
    return _has_role(user, OfficeRole.EXPERT)


@rules.predicate
def is_office_staff(user):
    return _has_role(user, OfficeRole.OFFICE_STAFF)


@rules.predicate
def is_office_head(user):
    return _has_role(user, OfficeRole.OFFICE_HEAD)


is_office = is_office_staff | is_office_head
is_signed_in = rules.is_authenticated


@rules.predicate
def is_self(user, person):
    return person is not None and user.pk == person.pk


rules.add_perm("accounts.view_profile", is_signed_in)
rules.add_perm("accounts.change_profile", is_signed_in)
rules.add_perm("accounts.view_person", is_signed_in)
rules.add_perm("accounts.view_audit_log", is_office_head)
rules.add_perm("accounts.use_admin", is_office_staff)
