"""Writing and reading the audit trail shared by every app.

Domain functions call :func:`record` inside their transaction. Each app registers the
labels of its own action codes with :func:`register_actions`, so that a history shows a
translated phrase whichever app wrote the line.
"""

from django.contrib.contenttypes.models import ContentType

from accounts.enums import AuditAction, ExpertPositionKind, OfficeRole
from accounts.models import AuditRecord

_ACTION_LABELS = {}
_VALUE_LABELS = {}


def register_actions(choices):
    """Make the labels of a ``TextChoices`` class of actions known to history pages."""
    _ACTION_LABELS.update({c.value: c.label for c in choices})


def register_values(choices):
    """Make the labels of codes written in from/to (states, roles…) known to history pages."""
    _VALUE_LABELS.update({c.value: c.label for c in choices})


register_actions(AuditAction)
register_values(OfficeRole)
register_values(ExpertPositionKind)


def action_label(code):
    return _ACTION_LABELS.get(code, code)


def value_label(code):
    return _VALUE_LABELS.get(code, code)


def record(obj, *, actor, action, from_value="", to_value="", comment="", data=None):
    """Write one audit line about ``obj``. Call it inside the domain function's transaction."""
    return AuditRecord.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=str(action),
        from_value=str(from_value)[:300],
        to_value=str(to_value)[:300],
        comment=comment or "",
        data=data or {},
    )


def record_many(objs, *, actor, action, comment="", data=None):
    """One audit line about each of ``objs`` (of one model), written by one bulk insert."""
    objs = list(objs)
    if not objs:
        return []
    content_type = ContentType.objects.get_for_model(objs[0])
    actor = actor if actor is not None and actor.is_authenticated else None
    return AuditRecord.objects.bulk_create(
        [AuditRecord(actor=actor, content_type=content_type, object_id=str(obj.pk),
                     object_repr=str(obj)[:300], action=str(action), comment=comment or "",
                     data=data or {}) for obj in objs],
        batch_size=1000,
    )


def history_for(obj):
    """The audit lines about one object, newest first, with their actors in one query."""
    # The content type is matched by a join, not by the process-wide cache, so the
    # page costs the same number of queries whether or not the cache is warm.
    meta = obj._meta.concrete_model._meta
    return AuditRecord.objects.filter(
        content_type__app_label=meta.app_label,
        content_type__model=meta.model_name,
        object_id=str(obj.pk),
    ).select_related("actor")


def action_choices():
    """(code, label) of every registered action, for the audit log filter."""
    return sorted(_ACTION_LABELS.items(), key=lambda item: str(item[1]))
