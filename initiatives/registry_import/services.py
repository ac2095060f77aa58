"""Writing a confirmed registry file.

The confirm keeps the rows read from the file in a :class:`RegistryImport` and queues a Celery
task (``initiatives.tasks.import_registry_task``): confirming 2,000 rows took 2–7 s on the
bench machine (``bench/registry_import.py``), longer than a request should. The task calls
:func:`run_registry_import`, which previews the rows again inside the transaction (the registry
may have changed since the person saw the preview) and writes only the rows the preview calls
new, by bulk inserts, in one transaction; a task delivered twice writes once. Names of project
leaders stay names (a team row without an account); nobody gets an account from a file. Each
initiative gets its history line «brought in from the file», the import one audit record.
"""

import datetime
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Case, DateTimeField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit, tabular
from accounts.models import User
from initiatives.enums import (
    InitiativeAction,
    InitiativeState,
    RegistryImportStatus,
    ReviewStatus,
)
from initiatives.models import Indicator, Initiative, RegistryImport, TeamMember
from initiatives.registry_import.columns import COLUMNS
from initiatives.registry_import.preview import ERROR, MATCHED, build_preview, historic_moment

_LOCK = 1_901_019  # the advisory lock two confirms of registry files take in turn
BATCH = 1000


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


def _year_bounds(academic_year: str):
    start = int(academic_year[:4])
    return datetime.date(start, 9, 1), datetime.date(start + 1, 8, 31)


def queue_registry_import(*, upload, by: User) -> RegistryImport:
    """The confirmed file's rows kept for the worker; the caller queues the task on commit."""
    return RegistryImport.objects.create(
        file_name=upload.file_name[:255], sha256=upload.sha256, created_by=by,
        source_rows=[[row.number, row.values] for row in upload.table.rows],
    )


def run_registry_import(record_id: int) -> RegistryImport:
    """The worker's part: write the kept rows; a failure is recorded on the import."""
    record = RegistryImport.objects.select_related("created_by").get(pk=record_id)
    if record.status == RegistryImportStatus.DONE:
        return record
    RegistryImport.objects.filter(pk=record_id).update(status=RegistryImportStatus.RUNNING,
                                                       progress=30)
    try:
        table = tabular.Table(kind="", columns=COLUMNS, rows=[
            tabular.SourceRow(number=number, values=values)
            for number, values in record.source_rows])
        return import_registry(table=table, file_name=record.file_name, sha256=record.sha256,
                               by=record.created_by, record=record)
    except Exception as e:
        RegistryImport.objects.filter(pk=record_id).update(
            status=RegistryImportStatus.FAILED, error=str(e)[:2000], finished_at=timezone.now())
        raise


@transaction.atomic
def import_registry(*, table, file_name: str, sha256: str, by: User | None,
                    record: RegistryImport | None = None) -> RegistryImport:
    """Write the new rows of a registry file in one transaction; return the import's record
    (``record`` when the rows were queued, else a new one).

    Rows with errors are skipped (the preview showed them); matched rows change nothing.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
    if record is not None:
        record = RegistryImport.objects.select_for_update().get(pk=record.pk)
        if record.status == RegistryImportStatus.DONE:  # another delivery of the task wrote it
            return record
    preview = build_preview(table, file_name=file_name)
    firsts = [r for r in preview.new_rows if r.first_line is None]
    initiatives = Initiative.objects.bulk_create([
        Initiative(
            organisation_id=r.values["organisation_id"], title=r.values["title"],
            direction_id=r.values["direction_id"], academic_year=r.values["academic_year"],
            state=r.values["state"], starts_on=r.values["starts_on"], ends_on=r.values["ends_on"],
            submitted_at=(_noon(r.values["submitted_on"])
                          if r.values["submitted_on"] and r.values["state"] != InitiativeState.DRAFT
                          else None),
            created_by=by, last_edited_by=by,
        ) for r in firsts
    ], batch_size=BATCH)
    by_line, by_moment = {}, defaultdict(list)
    for row, initiative in zip(firsts, initiatives, strict=True):
        by_line[row.line] = initiative
        by_moment[historic_moment(row.values)].append(initiative.pk)
    # The day the initiative came to the office: the dashboard and the annual report count
    # initiatives by it, so an imported one counts in its own year, not on import day. One
    # UPDATE with a branch per distinct day (bulk_update's branch per row took seconds).
    if initiatives:
        Initiative.objects.filter(pk__in=[i.pk for i in initiatives]).update(created_at=Case(
            *[When(pk__in=pks, then=Value(_noon(day))) for day, pks in by_moment.items()],
            output_field=DateTimeField()))
    TeamMember.objects.bulk_create([
        TeamMember(initiative=by_line[r.line], outside_name=r.values["leader_name"],
                   is_leader=True, order=1)
        for r in firsts if r.values["leader_name"]
    ], batch_size=BATCH)
    _write_indicators(preview.new_rows, by_line, by)
    record = record or RegistryImport(file_name=file_name[:255], sha256=sha256, created_by=by)
    record.rows_new, record.rows_matched = len(preview.new_rows), preview.count(MATCHED)
    record.rows_error, record.initiatives_created = preview.count(ERROR), len(initiatives)
    record.status, record.progress, record.error = RegistryImportStatus.DONE, 100, ""
    record.source_rows, record.finished_at = [], timezone.now()
    record.save()
    audit.record_many(initiatives, actor=by, action=InitiativeAction.INITIATIVE_IMPORTED,
                      comment=file_name[:255], data={"import": record.pk})
    audit.record(record, actor=by, action=InitiativeAction.REGISTRY_IMPORTED,
                 to_value=str(len(initiatives)), comment=file_name[:255],
                 data=preview.counts)
    return record


def _write_indicators(rows, by_line, by):
    """Indicators with their plan for the project's span and the achieved value, accepted."""
    with_indicator = [r for r in rows if r.indicator]
    if not with_indicator:
        return
    orders = {}
    indicators, plans = [], []
    # plan and fact belong to the portfolio: reached through the indicator's relations, so the
    # card's import never imports the higher app
    IndicatorPlan = Indicator._meta.get_field("plans").related_model
    IndicatorActual = Indicator._meta.get_field("actuals").related_model
    for r in with_indicator:
        initiative = by_line[r.first_line or r.line]
        orders[initiative.pk] = orders.get(initiative.pk, 0) + 1
        indicators.append(Indicator(initiative=initiative, name=r.indicator.name[:500],
                                    unit=r.indicator.unit, target=r.indicator.planned,
                                    period=initiative.academic_year, order=orders[initiative.pk]))
    Indicator.objects.bulk_create(indicators, batch_size=BATCH)
    for r, indicator in zip(with_indicator, indicators, strict=True):
        initiative = indicator.initiative
        start, end = _year_bounds(initiative.academic_year)
        start = initiative.starts_on or start
        end = max(initiative.ends_on or end, start)
        plans.append(IndicatorPlan(indicator=indicator, period_label=initiative.academic_year,
                                   period_start=start, period_end=end,
                                   planned=r.indicator.planned))
    IndicatorPlan.objects.bulk_create(plans, batch_size=BATCH)
    now = timezone.now()
    IndicatorActual.objects.bulk_create([
        IndicatorActual(indicator=plan.indicator, plan=plan, value=r.indicator.achieved,
                        measured_on=plan.period_end, status=ReviewStatus.ACCEPTED,
                        entered_by=by, decided_by=by, decided_at=now,
                        staff_comment=_("Brought in from a registry file."))
        for r, plan in zip(with_indicator, plans, strict=True) if r.indicator.achieved is not None
    ], batch_size=BATCH)
