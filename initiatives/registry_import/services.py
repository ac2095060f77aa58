"""Writing a confirmed registry file: the one domain function of the registry import.

The file is read and previewed again inside the transaction (the registry may have changed
since the person saw the preview), and only the rows the preview calls new are written, by bulk
inserts: 2,000 rows take about a second (``bench/registry_import.py``), so the confirm runs in
the request. Names of project leaders stay names (a team row without an account); nobody gets
an account from a file. Each initiative gets its history line «brought in from the file», the
import itself one audit record.
"""

import datetime
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Case, DateTimeField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.models import User
from initiatives.enums import InitiativeAction, InitiativeState, ReviewStatus
from initiatives.models import (
    Indicator,
    IndicatorActual,
    IndicatorPlan,
    Initiative,
    RegistryImport,
    TeamMember,
)
from initiatives.registry_import.preview import MATCHED, build_preview, historic_moment

_LOCK = 1_901_019  # the advisory lock two confirms of registry files take in turn
BATCH = 1000


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


def _year_bounds(academic_year: str):
    start = int(academic_year[:4])
    return datetime.date(start, 9, 1), datetime.date(start + 1, 8, 31)


@transaction.atomic
def import_registry(*, table, file_name: str, sha256: str, by: User) -> RegistryImport:
    """Write the new rows of a registry file in one transaction; return the import's record.

    Rows with errors are skipped (the preview showed them); matched rows change nothing.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
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
    record = RegistryImport.objects.create(
        file_name=file_name[:255], sha256=sha256, rows_new=len(preview.new_rows),
        rows_matched=preview.count(MATCHED), rows_error=preview.count("error"),
        initiatives_created=len(initiatives), created_by=by,
    )
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
