"""accounts.tabular and accounts.imports: reading uploaded tables, the preview and the confirm."""

import io

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from openpyxl import Workbook, load_workbook

from accounts import tabular
from accounts.imports import ImportRefused, TabularImport
from accounts.models import AuditRecord
from accounts.tabular import Column, RowPreview, RowStatus

COLUMNS = (
    Column("surname", "Фамилия"),
    Column("email", "E-mail"),
    Column("note", "Примечание", required=False),
)


def xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(data, name="people.csv", **kwargs):
    return tabular.read_table(data, filename=name, columns=COLUMNS, **kwargs)


def values(table):
    return [(r.number, r.values) for r in table.rows]


def messages(excinfo):
    return excinfo.value.messages


def test_cp1251_semicolon_csv_from_russian_excel():
    data = "Фамилия;E-mail\r\nИванова;a@example.org\r\n".encode("cp1251")
    table = read(data)
    assert table.kind == "csv"
    assert values(table) == [(2, {"surname": "Иванова", "email": "a@example.org", "note": ""})]


def test_utf8_comma_csv_with_and_without_bom():
    text = "E-mail,Фамилия,Примечание\na@example.org,Петров,\"учитель, завуч\"\n"
    for data in (text.encode(), b"\xef\xbb\xbf" + text.encode()):
        assert values(read(data)) == [
            (2, {"surname": "Петров", "email": "a@example.org", "note": "учитель, завуч"})
        ]


def test_columns_in_another_order_matched_by_name_ignoring_case_and_star():
    data = xlsx([["e-mail*", "ФАМИЛИЯ"], ["a@example.org", "Сидорова"]])
    table = read(data, name="list.xlsx")
    assert table.kind == "xlsx"
    assert values(table) == [(2, {"surname": "Сидорова", "email": "a@example.org", "note": ""})]


def test_missing_and_extra_columns_are_named():
    with pytest.raises(ValidationError) as excinfo:
        read("Фамилия,Телефон\nИванов,123\n".encode())
    assert messages(excinfo) == [
        "В файле нет столбцов: «E-mail».",
        "Неизвестные столбцы: «Телефон». Удалите или переименуйте их (ожидаются столбцы: "
        "«Фамилия», «E-mail», «Примечание»).",
    ]


def test_repeated_column_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        read("Фамилия,E-mail,фамилия\nИванов,a@example.org,Петров\n".encode())
    assert messages(excinfo) == ["Столбцы повторяются в файле: «фамилия»."]


def test_empty_rows_are_skipped_and_numbers_kept():
    data = xlsx([[None], ["Фамилия", "E-mail"], [None, None], ["Иванов", "a@x.org"], ["", " "],
                 ["Петров", "b@x.org"]])
    assert [n for n, _ in values(read(data, name="a.xlsx"))] == [4, 6]


def test_formula_looking_cells_stay_text_in_xlsx_and_csv():
    data = xlsx([["Фамилия", "E-mail", "Примечание"], ["=1+1", "@SUM(A1)", "-2+3"],
                 ["+7", "\t=cmd", "=HYPERLINK(\"http://x\")"]])
    table = read(data, name="a.xlsx")
    assert [r.values for r in table.rows] == [
        {"surname": "=1+1", "email": "@SUM(A1)", "note": "-2+3"},
        {"surname": "+7", "email": "=cmd", "note": "=HYPERLINK(\"http://x\")"},
    ]
    csv_table = read("Фамилия,E-mail\n=1+1,@x\n".encode())
    assert csv_table.rows[0].values["surname"] == "=1+1"


def test_numbers_and_dates_from_xlsx_are_text():
    import datetime

    data = xlsx([["Фамилия", "E-mail", "Примечание"], [5902290010, 1.0, datetime.date(2026, 9, 1)]])
    assert read(data, name="a.xlsx").rows[0].values == {
        "surname": "5902290010", "email": "1", "note": "01.09.2026"
    }


def test_over_size_file_is_refused(settings):
    settings.TABULAR_UPLOAD_MAX_MB = 0.001
    data = ("Фамилия,E-mail\n" + "Иванов,a@x.org\n" * 200).encode()
    with pytest.raises(ValidationError) as excinfo:
        tabular.read_upload(SimpleUploadedFile("a.csv", data), columns=COLUMNS)
    assert messages(excinfo) == ["Размер файла — 0,0 МБ; принимаются таблицы не больше 0,001 МБ."]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.xlsx", b"%PDF-1.4 not a workbook", "Файл «a.xlsx» по содержимому не является книгой XLSX."),
        ("a.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3", "Файл «a.csv» по содержимому не является таблицей CSV."),
        ("a.csv", b"\x00\x01\x02binary", "Файл «a.csv» по содержимому не является таблицей CSV."),
        ("a.xls", b"\xd0\xcf\x11\xe0", "Загрузите таблицу как книгу XLSX или файл CSV "
                                      "(файл «a.xls» — ни то ни другое)."),
        ("a.csv", b"", "Файл пуст."),
        ("a.csv", b"\n\n", "В файле нет строки с названиями столбцов."),
    ],
)
def test_not_a_spreadsheet_by_content(name, data, message):
    with pytest.raises(ValidationError) as excinfo:
        read(data, name=name)
    assert messages(excinfo) == [message]


def test_damaged_zip_named_xlsx():
    data = b"PK\x03\x04" + b"\x00" * 100
    with pytest.raises(ValidationError) as excinfo:
        read(data, name="a.xlsx")
    assert messages(excinfo) == ["Файл «a.xlsx» по содержимому не является книгой XLSX."]


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    with pytest.raises(ValidationError) as excinfo:
        read(("Фамилия,E-mail\n" + "Иванов,a@x.org\n" * 4).encode())
    assert messages(excinfo) == ["В файле больше 3 строк; разделите его на несколько файлов."]


def test_template_writes_every_cell_as_a_string():
    data = tabular.template_workbook(COLUMNS, rows=[["=1+1", "0012", None]], title="Люди")
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == ["Фамилия*", "E-mail*", "Примечание"]
    assert [(c.value, c.data_type) for c in sheet[2]] == [("=1+1", "s"), ("0012", "s"), (None, "n")]
    assert values(read(data, name="t.xlsx")) == [
        (2, {"surname": "=1+1", "email": "0012", "note": ""})
    ]


class SurnameImport(TabularImport):
    """A test import: writes an audit line per row; a surname «Ошибка» is an error."""

    purpose = "test"
    columns = COLUMNS
    unique_keys = ("email",)

    def preview_rows(self, table):
        rows = []
        for source in table.rows:
            row = RowPreview(number=source.number, values=source.values, title=source.values["surname"])
            if source.values["surname"] == "Ошибка":
                row.fail("Фамилия: ошибка")
            rows.append(row)
        return rows

    def write_rows(self, rows):
        for row in rows:
            AuditRecord.objects.create(
                content_type_id=1, object_id="1", object_repr=row.title, action="created"
            )


def test_preview_marks_repeated_values_and_writes_nothing(db):
    table = read("Фамилия,E-mail\nА,a@x.org\nБ,b@x.org\nВ,A@X.org\n".encode())
    preview = SurnameImport(by=None).preview(table)
    assert [(r.number, r.status, r.reasons) for r in preview.rows] == [
        (2, RowStatus.ERROR, ["E-mail «a@x.org» повторяется в строках 2, 4 файла."]),
        (3, RowStatus.NEW, []),
        (4, RowStatus.ERROR, ["E-mail «A@X.org» повторяется в строках 2, 4 файла."]),
    ]
    assert preview.counts == {"new": 1, "changed": 0, "unchanged": 0, "error": 2}
    assert AuditRecord.objects.count() == 0


def test_apply_refuses_a_file_with_errors_and_writes_nothing(db):
    table = read("Фамилия,E-mail\nА,a@x.org\nОшибка,b@x.org\n".encode())
    with pytest.raises(ImportRefused) as excinfo:
        SurnameImport(by=None).apply(table)
    assert excinfo.value.preview.has_errors
    assert AuditRecord.objects.count() == 0
    ok = read("Фамилия,E-mail\nА,a@x.org\nБ,b@x.org\n".encode())
    SurnameImport(by=None).apply(ok)
    assert list(AuditRecord.objects.order_by("pk").values_list("object_repr", flat=True)) == ["А", "Б"]


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    return request


def test_upload_kept_on_the_server_under_a_token(db):
    request = _request()
    token = tabular.stash_upload(request, purpose="orgs", data=b"abc", filename="a.csv")
    assert tabular.take_upload(request, purpose="orgs", token="wrong") is None
    assert tabular.take_upload(request, purpose="people", token=token) is None
    assert tabular.take_upload(request, purpose="orgs", token=token) == (b"abc", "a.csv")
    assert tabular.take_upload(_request(), purpose="orgs", token=token) is None  # another session
    tabular.drop_upload(request, purpose="orgs")
    assert tabular.take_upload(request, purpose="orgs", token=token) is None


def test_a_new_upload_replaces_the_old_one(db):
    request = _request()
    first = tabular.stash_upload(request, purpose="orgs", data=b"one", filename="a.csv")
    second = tabular.stash_upload(request, purpose="orgs", data=b"two", filename="b.csv")
    assert tabular.take_upload(request, purpose="orgs", token=first) is None
    assert tabular.take_upload(request, purpose="orgs", token=second) == (b"two", "b.csv")


def test_files_nobody_confirmed_are_removed_after_a_day(db, settings):
    import os
    import time

    request = _request()
    tabular.stash_upload(request, purpose="old", data=b"old", filename="a.csv")
    old_name = request.session[tabular.SESSION_KEY]["old"]["name"]
    folder = settings.MEDIA_ROOT / "django-import-export"
    day_ago = time.time() - 25 * 3600
    os.utime(folder / old_name, (day_ago, day_ago))
    tabular.stash_upload(_request(), purpose="new", data=b"new", filename="b.csv")
    assert not (folder / old_name).exists()
    assert len(os.listdir(folder)) == 1
