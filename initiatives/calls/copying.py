"""A new call made from a previous one: its questions here, and whatever higher apps keep of a
call (the review form and the experts, on the expertise side) through registered hooks, so the
call never imports them. One transaction; each part leaves its audit record."""

from django.db import transaction

from accounts import audit
from accounts.models import User
from initiatives.calls import questions, services
from initiatives.calls.enums import CallAction
from initiatives.models import Call

_HOOKS = []


def register_copy_hook(hook):
    """``hook(*, source, target, by) -> str``: copy what a higher app keeps of ``source`` to
    ``target``; returns a short note of what it copied ("" for nothing)."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)


@transaction.atomic
def copy_call(*, source: Call, target: Call, by: User) -> dict:
    """Copy the questions of ``source`` and what the hooks keep of it (the review form and the
    experts) to ``target``. Returns {"questions": n, "notes": [...]}."""
    count = questions.copy_questions(source=source, target=target, by=by)
    notes = [note for note in (hook(source=source, target=target, by=by) for hook in _HOOKS)
             if note]
    audit.record(target, actor=by, action=CallAction.CALL_COPIED, from_value=str(source),
                 to_value=str(target), data={"source": source.pk, "questions": count})
    return {"questions": count, "notes": notes}


@transaction.atomic
def create_call(*, by: User, copy_from: Call | None = None, **values) -> Call:
    """A new call; with ``copy_from``, the previous call's questions, review form and experts
    come with it in the same transaction."""
    call = services.save_call(by=by, **values)
    if copy_from is not None:
        copy_call(source=copy_from, target=call, by=by)
    return call
