"""Every spreadsheet the portal writes goes through ``accounts.spreadsheets``: text typed by people
never becomes a formula (XLSX string cells, nothing visible added), CSV cells that begin with
= + - @ tab or CR are quoted as OWASP describes, numbers and dates stay typed."""

import csv
import datetime
import io
import itertools

import openpyxl
import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from openpyxl import Workbook

from accounts import spreadsheets
from reports.build import build_report
from reports.enums import ReportStatus
from reports.services import request_annual_report, request_report_on_request
from tests.factories import person_with_roles

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(1)", "\t=1", "\r=1"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PORTAL_APPS = ("accounts", "network", "initiatives", "meetings", "reports")
# identifiers and machine-read values, not text a person types into a form
NOT_TEXT = {"password", "username", "email", "token", "key", "sha256", "content_type",
            "mime_type", "ip_address", "user_agent", "action", "object_id", "object_repr",
            "school_year", "academic_year"}


def _xlsx_cells(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_no_formula(content, where):
    cells = _xlsx_cells(content)
    formulas = [(c.parent.title, c.coordinate, c.value) for c in cells if c.data_type == "f"]
    assert formulas == [], where
    return {c.value for c in cells if isinstance(c.value, str)}


# --- the writer itself -------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xlsx_writes_text_as_a_string_cell_with_nothing_added(payload):
    for write_only in (True, False):
        book = Workbook(write_only=write_only)
        sheet = book.create_sheet("s")
        spreadsheets.append_xlsx_row(sheet, [payload, 3, -1.5, datetime.date(2022, 9, 1)])
        out = io.BytesIO()
        book.save(out)
        cells = [c for c in _xlsx_cells(out.getvalue()) if c.value is not None]
        assert [(c.value, c.data_type) for c in cells] == [
            (payload, "s"),
            (3, "n"), (-1.5, "n"), (datetime.datetime(2022, 9, 1), "d")]
        assert cells[3].number_format == "DD.MM.YYYY"


def test_an_existing_cell_is_written_as_a_string():
    sheet = Workbook().active
    spreadsheets.set_xlsx_value(sheet.cell(row=1, column=1), "=1+1")
    assert (sheet["A1"].value, sheet["A1"].data_type) == ("=1+1", "s")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_quotes_what_a_spreadsheet_would_run(payload):
    text = spreadsheets.csv_text([[payload, -1, 2.5, datetime.date(2022, 9, 1), None, "школа"]])
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=";"))
    assert rows == [["'" + payload, "-1", "2.5", "01.09.2022", "", "школа"]]


def test_an_aware_moment_is_written_in_local_time(settings):
    settings.TIME_ZONE = "Asia/Yekaterinburg"
    moment = datetime.datetime(2022, 9, 1, 5, 0, tzinfo=datetime.UTC)
    assert spreadsheets.typed(moment) == datetime.datetime(2022, 9, 1, 10, 0)
    assert spreadsheets.csv_cell(moment) == "01.09.2022 10:00"


def test_a_tablib_dataset_goes_through_the_writer():
    import tablib

    data = tablib.Dataset(["=1+1", 2], headers=["@title", "n"], title="Ошибки")
    values = _assert_no_formula(spreadsheets.dataset_xlsx_bytes(data), "dataset")
    assert {"=1+1", "@title"} <= values
    assert spreadsheets.dataset_csv_text(data, bom=False) == "'@title;n\r\n'=1+1;2\r\n"


# --- the sweep: every text field of the portal, every export and report ------------------


def _text_fields(model):
    for field in model._meta.concrete_fields:
        if (isinstance(field, models.CharField | models.TextField) and not field.choices
                and not isinstance(field, models.EmailField | models.URLField | models.SlugField)
                and field.editable and not field.primary_key and field.name not in NOT_TEXT):
            yield field


def _poison_every_text_field():
    """Every text field of every row of the portal's models gets a payload (a unique field the
    payload with the row's id after it). Returns what was written."""
    payloads = itertools.cycle(PAYLOADS)
    written = set()
    for model in apps.get_models():
        if model._meta.app_label not in PORTAL_APPS or model._meta.proxy:
            continue
        for field in _text_fields(model):
            for pk in model._default_manager.values_list("pk", flat=True):
                value = next(payloads)[: field.max_length or None]
                try:
                    with transaction.atomic():
                        model._default_manager.filter(pk=pk).update(**{field.name: value})
                except IntegrityError:
                    suffix = f" {pk}"
                    value = value[: (field.max_length or 1000) - len(suffix)] + suffix
                    model._default_manager.filter(pk=pk).update(**{field.name: value})
                written.add(value)
    return written


def test_no_export_or_report_holds_a_formula(demo, client, settings,
                                             django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    written = _poison_every_text_field()
    assert set(PAYLOADS) <= written
    staff = person_with_roles("office_staff")
    client.force_login(staff)

    found = set()
    for name, kwargs in (("initiatives:export", {"fmt": "xlsx"}),
                         ("initiatives:portfolio_export", {})):
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, name
        found |= _assert_no_formula(response.getvalue(), name)

    response = client.get(reverse("initiatives:export", kwargs={"fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"), newline=""),
                           delimiter=";"))
    cells = [c for row in rows for c in row]
    assert [c for c in cells if c.startswith(TRIGGERS)] == []
    assert {"'" + p for p in PAYLOADS[:4]} <= set(cells)

    with django_capture_on_commit_callbacks(execute=False):
        reports = [request_annual_report(year=2022, by=staff),
                   request_report_on_request(start=datetime.date(2020, 9, 1),
                                             end=datetime.date(2022, 12, 31), by=staff)]
    for report in reports:
        built = build_report(report.pk)
        assert (built.status, built.error) == (ReportStatus.DONE, ""), report.kind
        found |= _assert_no_formula(built.xlsx.read(), report.kind)

    # the payloads arrived in the files as they were typed, and as text
    assert set(PAYLOADS) <= found
    assert any(v.startswith(TRIGGERS) and v in written for v in found)
