"""Actions over many initiatives: the registry of actions (the registry page's buttons), the
handlers that act on one card, and the run of a job card by card.

Each card goes through its own handler call, which calls the app's domain function (in its own
transaction, with its audit record and its notifications): a card refused does not undo the
others. Up to :data:`SYNC_LIMIT` cards run in the request; more run in a Celery task
(``initiatives.tasks.run_bulk_job_task``) while the job's page shows the progress."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from initiatives.enums import BulkJobStatus, InitiativeAction
from initiatives.models import BulkJob, Initiative

log = logging.getLogger(__name__)

SYNC_LIMIT = 200
PROGRESS_EVERY = 20


@dataclass(frozen=True)
class Action:
    """A button of the registry's selection bar."""

    key: str
    label: str
    url_name: str
    permission: str
    icon: str = "bi-check2-square"


ACTIONS: dict[str, Action] = {}
# kind → handler(initiative, *, params, by) -> (done: bool, note: str); raises DomainError to refuse
HANDLERS: dict[str, Callable] = {}
# kind → batch handler(initiatives, *, params, by) -> {id: (done, note)}: the per-card work folded
# (the checks read once, the writes and the notifications in bulk) for a batch of cards in one
# transaction; raises DomainError to refuse the whole batch
BATCH_HANDLERS: dict[str, Callable] = {}
BATCH = 100


def register_action(action: Action):
    ACTIONS[action.key] = action
    return action


def register(kind, handler, *, batch=None):
    HANDLERS[kind] = handler
    if batch is not None:
        BATCH_HANDLERS[kind] = batch
    return handler


def actions_for(user):
    return [a for a in ACTIONS.values() if user.has_perm(a.permission)]


def refusal(initiative_id, title, reason):
    return {"id": initiative_id, "title": title, "ok": False, "reason": str(reason)}


@transaction.atomic
def start(kind, *, label, ids, params, by, refused=()) -> BulkJob:
    """Record a confirmed action over the cards ``ids``; ``refused`` are the rows refused
    before it starts (with their reasons). The caller runs it (:func:`run`) or queues it."""
    if kind not in HANDLERS:
        raise DomainError(_("There is no such action for many initiatives."))
    refused = list(refused)
    job = BulkJob.objects.create(
        kind=kind, label=str(label)[:300], params=params, initiative_ids=list(ids),
        total=len(ids) + len(refused), processed=len(refused), results=refused, created_by=by)
    audit.record(job, actor=by, action=InitiativeAction.BULK_ACTION, to_value=kind,
                 comment=str(label), data={"kind": kind, "rows": len(ids),
                                            "refused": len(refused), "params": params})
    return job


def _act(job, ids, *, by):
    """The result rows of the cards ``ids``: by the kind's batch handler (one transaction for
    the batch) or card by card (a transaction each)."""
    cards = Initiative.objects.select_related("organisation", "leader", "call").in_bulk(ids)
    batch = BATCH_HANDLERS.get(job.kind)
    outcome = {}
    if batch is not None and cards:
        try:
            outcome = batch(list(cards.values()), params=job.params, by=by)
        except DomainError as e:
            outcome = {pk: (False, str(e)) for pk in cards}
    rows = []
    for pk in ids:
        initiative = cards.get(pk)
        if initiative is None:
            rows.append(refusal(pk, "", _("The initiative is no longer in the registry.")))
            continue
        if batch is not None:
            ok, note = outcome.get(pk, (False, _("The initiative is no longer in the registry.")))
        else:
            try:
                ok, note = HANDLERS[job.kind](initiative, params=job.params, by=by)
            except DomainError as e:
                ok, note = False, str(e)
        rows.append({"id": pk, "title": initiative.title, "ok": ok, "reason": note})
    return rows


def runs_in_request(job):
    return len(job.initiative_ids) <= SYNC_LIMIT


def run(job_id) -> BulkJob:
    """Act on each card of a queued job, keeping the progress and the result of each card."""
    claimed = BulkJob.objects.filter(pk=job_id, status=BulkJobStatus.QUEUED).update(
        status=BulkJobStatus.RUNNING)
    job = BulkJob.objects.select_related("created_by").get(pk=job_id)
    if not claimed:
        return job
    by, ids = job.created_by, list(job.initiative_ids)
    results, processed, done = list(job.results), job.processed, job.done
    try:
        step = BATCH if job.kind in BATCH_HANDLERS else PROGRESS_EVERY
        for start in range(0, len(ids), step):
            chunk = ids[start:start + step]
            for row in _act(job, chunk, by=by):
                results.append(row)
                done += row["ok"]
                processed += 1
            BulkJob.objects.filter(pk=job.pk).update(processed=processed, done=done,
                                                      results=results)
    except Exception as e:  # a fault of the code or the database: the job says so, the rest stays
        log.exception("bulk job %s failed", job.pk)
        BulkJob.objects.filter(pk=job.pk).update(
            status=BulkJobStatus.FAILED, processed=processed, done=done, results=results,
            error=str(e)[:1000], finished_at=timezone.now())
        raise
    BulkJob.objects.filter(pk=job.pk).update(
        status=BulkJobStatus.DONE, processed=processed, done=done, results=results,
        finished_at=timezone.now())
    job.refresh_from_db()
    return job
