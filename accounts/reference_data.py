"""What the domain functions of the office's reference data share (portfolios and directions,
review forms, meeting formats): who may keep them, validation turned into a refusal beside the
field, and archiving instead of deleting."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.rules import is_office


def check_office(by):
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office keeps the reference data."))


def text(value, limit=20000):
    """Typed text as stored: without NUL characters and surrounding spaces, cut to ``limit``."""
    return (value or "").replace("\x00", "").strip()[:limit]


def full_clean_or_refuse(obj, exclude=()):
    """``full_clean()``; the first invalid field becomes a ``DomainError`` for that field."""
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from e


def set_active(obj, *, by, active, action):
    """Archive (``active=False``) or take back into use a reference row with ``is_active`` and
    ``name``, with its audit record; call it inside the domain function's transaction."""
    check_office(by)
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    if obj.is_active == active:
        raise DomainError(_("It is already in use.") if active else _("It is already archived."))
    obj.is_active = active
    obj.save(update_fields=["is_active"])
    audit.record(obj, actor=by, action=action, to_value=obj.name)
    return obj


def delete_unless_referenced(obj, *, by, referenced, refusal, action):
    """Delete a reference row nothing refers to (``referenced(obj)`` is false), with its audit
    record; otherwise refuse with ``refusal`` (the row is to be archived instead)."""
    check_office(by)
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    if referenced(obj):
        raise DomainError(refusal)
    audit.record(obj, actor=by, action=action, from_value=obj.name)
    obj.delete()
