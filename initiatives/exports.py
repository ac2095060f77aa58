"""The registry exported as a table: the same rows for XLSX and CSV."""

import io

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from initiatives.models import TeamMember


def headers():
    return [_("No."), _("Title"), _("Organisation"), _("Direction"), _("Academic year"),
            _("Project leader"), _("State"), _("Starts on"), _("Ends on"), _("Submitted"),
            _("Link")]


def _outside_leader():
    """The name of a leader without an account (a registry brought in from a file)."""
    return Subquery(TeamMember.objects.filter(
        initiative=OuterRef("pk"), is_leader=True, person__isnull=True,
    ).order_by("order", "pk").values("outside_name")[:1])


def rows(queryset):
    """Header plus one list per initiative; ``queryset`` comes from ``queries.registry``."""
    from django.conf import settings

    yield headers()
    queryset = queryset.annotate(outside_leader=_outside_leader())
    for n, i in enumerate(queryset.iterator(chunk_size=500), 1):
        yield [
            n,
            i.title,
            i.organisation.short_name,
            i.direction.name if i.direction_id else "",
            i.academic_year,
            i.leader.full_name if i.leader_id else (i.outside_leader or ""),
            i.get_state_display(),
            i.starts_on.strftime("%d.%m.%Y") if i.starts_on else "",
            i.ends_on.strftime("%d.%m.%Y") if i.ends_on else "",
            timezone.localtime(i.submitted_at).strftime("%d.%m.%Y") if i.submitted_at else "",
            f"{settings.SITE_URL}{i.get_absolute_url()}",
        ]


class _Echo:
    def write(self, value):
        return value


def _safe(cell):
    """Cells starting with = + - @ would run as formulas in a spreadsheet: quote them."""
    text = str(cell)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else cell


def csv_lines(table, csv_module):
    """CSV for Excel in Russian: UTF-8 with BOM, semicolons."""
    writer = csv_module.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in table:
        yield writer.writerow([_safe(c) for c in row])


def xlsx_bytes(table):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Initiatives"))
    ws.freeze_panes = "A2"
    for n, row in enumerate(table):
        if n == 0:
            from openpyxl.cell import WriteOnlyCell

            cells = []
            for value in row:
                cell = WriteOnlyCell(ws, value=value)
                cell.font = Font(bold=True)
                cells.append(cell)
            ws.append(cells)
        else:
            ws.append([_safe(c) for c in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
