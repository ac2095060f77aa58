"""Writing and reading the audit trail shared by every app.

Domain functions call :func:`record` inside their transaction; a path that acts on many objects
at once writes its lines with :func:`record_lines` (one insert per batch). Each app registers the
labels of its own action codes with :func:`register_actions`, so that a history shows a
translated phrase whichever app wrote the line.

The labels of the codes written in from/to (states, roles…) are registered with
:func:`register_values`. Two apps may use one code with different meanings (an initiative is
«одобрена», a passport «утверждён»): such labels are registered for the audited object's model
and/or for the actions of their app, and a history looks them up for its line before the
labels shared by every app.
"""

from django.contrib.contenttypes.models import ContentType

from accounts.enums import AuditAction, ExpertPositionKind, OfficeRole
from accounts.models import AuditRecord

_ACTION_LABELS = {}
_VALUE_LABELS = {}  # code → label, shared by every app
_MODEL_VALUE_LABELS = {}  # ("app_label.model", code) → label
_ACTION_VALUE_LABELS = {}  # (action code, code) → label


def _model_key(model):
    return model if isinstance(model, str) else model._meta.label_lower


def register_actions(choices):
    """Make the labels of a ``TextChoices`` class of actions known to history pages."""
    _ACTION_LABELS.update({c.value: c.label for c in choices})


def register_values(choices, *, models=(), actions=()):
    """Make the labels of codes written in from/to (states, roles…) known to history pages.

    Without ``models`` and ``actions`` the labels are shared by every app. With them, the labels
    are the ones of the lines about objects of those ``models`` (classes or «app_label.model»)
    and of the lines written with those ``actions`` (codes or a ``TextChoices`` class), looked up
    before the shared ones: a code another app uses too keeps each app's own label."""
    labels = {c.value: c.label for c in choices}
    if not models and not actions:
        _VALUE_LABELS.update(labels)
        return
    for model in models:
        key = _model_key(model)
        _MODEL_VALUE_LABELS.update({(key, code): label for code, label in labels.items()})
    for action in actions:
        _ACTION_VALUE_LABELS.update({(str(action), code): label for code, label in labels.items()})


register_actions(AuditAction)
register_values(OfficeRole)
register_values(ExpertPositionKind)


def action_label(code):
    return _ACTION_LABELS.get(code, code)


def value_label(code, *, model=None, action=None):
    """The label of a from/to code: the one of the line's ``action``, of the audited ``model``
    («app_label.model»), or the shared one; the code itself when none is registered."""
    if action is not None and (action, code) in _ACTION_VALUE_LABELS:
        return _ACTION_VALUE_LABELS[action, code]
    if model is not None and (model, code) in _MODEL_VALUE_LABELS:
        return _MODEL_VALUE_LABELS[model, code]
    return _VALUE_LABELS.get(code, code)


_CONTENT_TYPE = AuditRecord._meta.get_field("content_type")


def line_value_label(line, code):
    """The label of ``code`` written in one audit line (its action's, its object's model's, or
    the shared one). :func:`history_for` reads the content type with the line; otherwise it comes
    from Django's cache of content types."""
    if not code:
        return code
    model = None
    if _CONTENT_TYPE.is_cached(line) or line.content_type_id is not None:
        content_type = (line.content_type if _CONTENT_TYPE.is_cached(line)
                        else ContentType.objects.get_for_id(line.content_type_id))
        model = f"{content_type.app_label}.{content_type.model}" if content_type else None
    return value_label(code, model=model, action=line.action)


def line(obj, *, actor, action, from_value="", to_value="", comment="", data=None):
    """One audit line about ``obj``, not yet written (:func:`record` writes one,
    :func:`record_lines` many in one insert)."""
    return AuditRecord(
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


def record(obj, *, actor, action, from_value="", to_value="", comment="", data=None):
    """Write one audit line about ``obj``. Call it inside the domain function's transaction."""
    row = line(obj, actor=actor, action=action, from_value=from_value, to_value=to_value,
               comment=comment, data=data)
    row.save(force_insert=True)
    return row


def record_lines(lines, *, batch_size=1000):
    """Write many audit lines (built by :func:`line`) with one insert per ``batch_size``: the
    bulk paths (an action over many cards, an import) call it inside their transaction."""
    return AuditRecord.objects.bulk_create(list(lines), batch_size=batch_size)


def record_many(objs, *, actor, action, comment="", data=None):
    """One audit line about each of ``objs`` (the same action and comment), in one insert."""
    return record_lines(line(obj, actor=actor, action=action, comment=comment, data=data)
                        for obj in objs)


def history_for(obj):
    """The audit lines about one object, newest first, with their actors in one query."""
    # The content type is matched by a join, not by the process-wide cache, so the
    # page costs the same number of queries whether or not the cache is warm; it is read with
    # the line (the labels of from/to depend on the audited model).
    meta = obj._meta.concrete_model._meta
    return AuditRecord.objects.filter(
        content_type__app_label=meta.app_label,
        content_type__model=meta.model_name,
        object_id=str(obj.pk),
    ).select_related("actor", "content_type")


def action_choices():
    """(code, label) of every registered action, for the audit log filter."""
    return sorted(_ACTION_LABELS.items(), key=lambda item: str(item[1]))
