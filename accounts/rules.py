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


@rules.predicate
def is_recipient(user, notification):
    return notification is not None and notification.recipient_id == user.pk


rules.add_perm("accounts.give_consent", is_signed_in)
rules.add_perm("accounts.view_notifications", is_signed_in)
rules.add_perm("accounts.change_notification", is_signed_in & is_recipient)
rules.add_perm("accounts.change_notification_settings", is_signed_in)
rules.add_perm("accounts.export_personal_data", is_signed_in)
# Contacts (e-mail, phone) of a person: the person and the office; nobody else, guests never.
rules.add_perm("accounts.view_contacts", is_signed_in & (is_self | is_office))
rules.add_perm("accounts.anonymise_person", is_office & ~is_self)
rules.add_perm("accounts.use_second_factor", is_signed_in)
rules.add_perm("accounts.reset_second_factor", is_office_head & ~is_self)
rules.add_perm("accounts.end_other_sessions", is_signed_in)
# The office's identity (names, contacts, logo, signatories): the head edits it; the logo is
# public, as the header that shows it.
rules.add_perm("accounts.change_identity", is_office_head)
rules.add_perm("accounts.view_identity_logo", rules.always_allow)
rules.add_perm("accounts.set_expert_position", is_office)
# Office roles and switching a person off or on: the office, never on their own account.
rules.add_perm("accounts.manage_roles", is_office & ~is_self)
rules.add_perm("accounts.manage_working_days", is_office)
rules.add_perm("accounts.manage_letters", is_office)
