"""The registry exported as a table: the same rows for XLSX and CSV, written through the one cell
writer (``accounts.spreadsheets``) so no title ever runs as a formula."""

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import spreadsheets
from accounts.files import CONTENT_TYPES
from initiatives.calls import questions
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
    """Header plus one list per initiative; ``queryset`` comes from ``queries.registry``.
    Dates stay dates (typed cells in XLSX, «дд.мм.гггг» in CSV). The answers to the calls'
    own questions follow as a column per question (two queries for the whole table)."""
    labels, answers = questions.export_columns(queryset.order_by().values("pk"))
    yield [*headers(), *labels]
    queryset = queryset.annotate(outside_leader=_outside_leader())
    for n, i in enumerate(queryset.iterator(chunk_size=500), 1):
        own = answers.get(i.pk, {})
        yield [
            n,
            i.title,
            i.organisation.short_name,
            i.direction.name if i.direction_id else "",
            i.academic_year,
            i.leader.full_name if i.leader_id else (i.outside_leader or ""),
            i.get_state_display(),
            i.starts_on,
            i.ends_on,
            spreadsheets.typed(i.submitted_at).date() if i.submitted_at else None,
            f"{settings.SITE_URL}{i.get_absolute_url()}",
            *(own.get(label, "") for label in labels),
        ]


def csv_lines(table):
    """CSV for Excel in Russian: UTF-8 with BOM, semicolons."""
    return spreadsheets.csv_lines(table)


def xlsx_file(table, *, title=None):
    """The table as XLSX in a temporary file, for ``FileResponse`` (memory flat with rows)."""
    return spreadsheets.xlsx_file(table, title=title or _("Initiatives"))


def download(table, fmt, *, stem="initiatives"):
    """The response of a registry download: CSV streamed line by line as the rows come from the
    database (a server-side cursor), XLSX from a temporary file (memory flat with rows)."""
    name = f"{stem}-{timezone.localtime():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(csv_lines(table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return FileResponse(xlsx_file(table), as_attachment=True, filename=name,
                        content_type=CONTENT_TYPES["xlsx"])
