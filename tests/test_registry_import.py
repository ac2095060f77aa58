"""The registry comes in from a file (issue 19, item 3): preview, confirm, idempotence, history,
search, the dashboard and the annual report, bad input."""

import csv
import datetime
import io
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, TestCase
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.enums import OfficeRole
from accounts.models import AuditRecord
from initiatives import queries
from initiatives.enums import InitiativeAction
from initiatives.enums import InitiativeState as S
from initiatives.models import Initiative, RegistryImport, TeamMember
from initiatives.registry_import import reading, views
from initiatives.registry_import.preview import ERROR, MATCHED, NEW, build_preview
from initiatives.registry_import.services import import_registry, run_registry_import
from portfolio.models import IndicatorActual
from reports import annual, metrics
from tests.factories import (
    DirectionFactory,
    InitiativeFactory,
    OrganisationFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db

HEADERS = ["Название", "Организация", "Направление", "Учебный год", "Состояние",
           "Руководитель проекта", "Дата начала", "Дата окончания"]


@pytest.fixture
def refs(db):
    org = OrganisationFactory(short_name="МБОУ СОШ № 7", full_name="Муниципальное бюджетное "
                              "общеобразовательное учреждение «Средняя школа № 7»")
    direction = DirectionFactory(name="Методическое сопровождение")
    return org, direction


def csv_bytes(rows, headers=HEADERS, *, encoding="utf-8-sig", delimiter=";"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def table(*rows, headers=HEADERS):
    """The rows as ``accounts.tabular`` reads them from a CSV file."""
    return reading.read_bytes(csv_bytes(rows, headers), file_name="реестр.csv").table


ROW = ["Образовательный лифт", "МБОУ СОШ № 7", "Методическое сопровождение", "2020/2021",
       "завершена", "Петрова Анна Ивановна", "01.09.2020", "31.05.2021"]


def test_a_new_row_is_previewed_and_nothing_is_written(refs):
    preview = build_preview(table(ROW), file_name="реестр.xlsx")
    assert [(r.line, r.status, r.reasons) for r in preview.rows] == [(2, NEW, [])]
    assert Initiative.objects.count() == 0


def test_confirm_writes_the_initiative_with_its_leader_name_and_history(refs, world):
    org, direction = refs
    record = import_registry(table=table(ROW), file_name="реестр.xlsx", sha256="x",
                             by=world.staff)
    initiative = Initiative.objects.get(title="Образовательный лифт")
    assert (initiative.organisation, initiative.direction, initiative.academic_year,
            initiative.state, initiative.starts_on, initiative.ends_on, initiative.leader) == (
        org, direction, "2020/2021", S.COMPLETED, datetime.date(2020, 9, 1),
        datetime.date(2021, 5, 31), None)
    assert list(TeamMember.objects.filter(initiative=initiative).values_list(
        "outside_name", "is_leader", "person")) == [("Петрова Анна Ивановна", True, None)]
    assert initiative.created_at.date() == datetime.date(2020, 9, 1)
    line = AuditRecord.objects.get(object_id=str(initiative.pk),
                                   action=InitiativeAction.INITIATIVE_IMPORTED)
    assert (line.actor, line.comment) == (world.staff, "реестр.xlsx")
    assert (record.rows_new, record.initiatives_created, record.created_by) == (1, 1, world.staff)
    assert AuditRecord.objects.filter(action=InitiativeAction.REGISTRY_IMPORTED,
                                      object_id=str(record.pk)).count() == 1


def test_the_same_file_twice_changes_nothing(refs, world):
    import_registry(table=table(ROW), file_name="реестр.xlsx", sha256="x", by=world.staff)
    before = list(Initiative.objects.values_list("pk", "title", "state", "updated_at"))
    again = build_preview(table(ROW), file_name="реестр.xlsx")
    assert [r.status for r in again.rows] == [MATCHED]
    record = import_registry(table=table(ROW), file_name="реестр.xlsx", sha256="x", by=world.staff)
    assert (record.rows_new, record.rows_matched, record.initiatives_created) == (0, 1, 0)
    assert list(Initiative.objects.values_list("pk", "title", "state", "updated_at")) == before


def test_match_is_by_title_organisation_and_year_whatever_the_case_and_spaces(refs, world):
    InitiativeFactory(organisation=refs[0], title="Образовательный  ЛИФТ",
                      academic_year="2020/2021")
    other_year = [*ROW[:3], "2021/2022", *ROW[4:6], "01.09.2021", "31.05.2022"]
    preview = build_preview(table(ROW, other_year), file_name="f.csv")
    assert [r.status for r in preview.rows] == [MATCHED, NEW]


def test_unknown_organisation_and_direction_are_errors_never_created(refs):
    row = ["Проект", "МБОУ СОШ № 99", "Новое направление", "2020/2021", "завершена", "", "", ""]
    preview = build_preview(table(row), file_name="f.csv")
    assert preview.rows[0].status == ERROR
    assert preview.rows[0].reasons == [
        "В портале нет организации «МБОУ СОШ № 99»; сначала добавьте её.",
        "В портале нет направления «Новое направление»; сначала добавьте его.",
    ]
    assert (preview.unknown_organisations, preview.unknown_directions) == (
        ["МБОУ СОШ № 99"], ["Новое направление"])


def test_bad_cells_are_explained_row_by_row(refs):
    rows = [
        ["", "МБОУ СОШ № 7", "", "2020/2021", "завершена", "", "", ""],
        ["Проект", "МБОУ СОШ № 7", "", "2020", "завершена", "", "", ""],
        ["Проект", "МБОУ СОШ № 7", "", "2020/2021", "почти готов", "", "", ""],
        ["Проект", "МБОУ СОШ № 7", "", "2020/2021", "завершена", "", "31.02.2021", ""],
        ["Проект", "МБОУ СОШ № 7", "", "2020/2021", "завершена", "", "01.09.2021", "01.09.2020"],
    ]
    preview = build_preview(table(*rows), file_name="f.csv")
    assert [(r.status, r.reasons) for r in preview.rows] == [
        (ERROR, ["Название не заполнено."]),
        (ERROR, ["Учебный год: «2020» — не учебный год; пишите так: 2021/2022."]),
        (ERROR, [preview.rows[2].reasons[0]]),
        (ERROR, ["Дата начала: «31.02.2021» — не дата; пишите дд.мм.гггг."]),
        (ERROR, ["Дата окончания раньше даты начала."]),
    ]
    assert preview.rows[2].reasons[0].startswith("«почти готов» — не состояние замысла.")


def test_duplicate_rows_in_the_file_are_errors_another_indicator_is_not(refs, world):
    headers = [*HEADERS, "Показатель", "Единица измерения", "Плановое значение",
               "Достигнутое значение"]
    first = [*ROW, "Доля педагогов", "%", "40", "45,5"]
    second = [*ROW, "Число семинаров", "шт.", "6", ""]
    preview = build_preview(table(first, second, first, headers=headers), file_name="f.csv")
    assert [(r.status, r.first_line, r.reasons) for r in preview.rows] == [
        (NEW, None, []), (NEW, 2, []), (ERROR, None, ["Повторяет строку 2 файла."])]
    import_registry(table=table(first, second, first, headers=headers), file_name="f.csv",
                    sha256="x", by=world.staff)
    initiative = Initiative.objects.get(title="Образовательный лифт")
    assert list(initiative.indicators.values_list("name", "unit", "target")) == [
        ("Доля педагогов", "%", Decimal("40.00")), ("Число семинаров", "шт.", Decimal("6.00"))]
    assert list(IndicatorActual.objects.filter(indicator__initiative=initiative)
                .values_list("value", "status")) == [(Decimal("45.50"), "accepted")]


def test_missing_and_unknown_columns_refuse_the_file(refs):
    with pytest.raises(ValidationError) as refused:
        table(["Проект", "что-то"], headers=["Название", "Примечание"])
    assert refused.value.messages == [
        "В файле нет столбцов: «Организация», «Учебный год», «Состояние».",
        refused.value.messages[1]]
    assert refused.value.messages[1].startswith("Неизвестные столбцы: «Примечание».")


def test_the_export_headers_in_english_are_read_too(refs):
    headers = ["No.", "Title", "Organisation", "Direction", "Academic year", "State",
               "Project leader", "Starts on", "Ends on", "Link"]
    row = ["1", "Образовательный лифт", "МБОУ СОШ № 7", "", "2020/2021", "completed", "",
           "", "", "http://x"]
    preview = build_preview(table(row, headers=headers), file_name="f.csv")
    assert [(r.status, r.state) for r in preview.rows] == [(NEW, S.COMPLETED)]


def test_formula_looking_cells_stay_text(refs, world):
    row = ["=HYPERLINK(\"http://x\")", *ROW[1:]]
    quoted = ["'+7 идей", *ROW[1:]]
    import_registry(table=table(row, quoted), file_name="f.csv", sha256="x", by=world.staff)
    assert sorted(Initiative.objects.filter(organisation=refs[0])
                  .values_list("title", flat=True)) == ["+7 идей", "=HYPERLINK(\"http://x\")"]


def test_imported_initiatives_count_in_the_dashboard_and_annual_report_of_their_year(
        refs, world):
    submitted = [*ROW[:6], "01.09.2019", "31.05.2020"]
    submitted[3] = "2019/2020"
    headers = [*HEADERS, "Подана"]
    import_registry(table=table([*submitted, "15.05.2019"], headers=headers), file_name="f.csv",
                    sha256="x", by=world.staff)
    imported = Initiative.objects.get(title="Образовательный лифт")
    assert imported.created_at.date() == datetime.date(2019, 5, 15)
    assert list(metrics.METRICS["initiatives"].queryset(metrics.Period(2019))) == [imported]
    assert list(metrics.METRICS["projects"].queryset(metrics.Period(2020))) == [imported]
    section = annual.initiatives_section(2019)
    assert section.tables[0].rows == [["завершена", 1]]
    assert imported in annual.active_in(2020)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Russian search needs PostgreSQL")
def test_imported_initiatives_are_found_by_the_russian_search(refs, world):
    import_registry(table=table(ROW), file_name="f.csv", sha256="x", by=world.staff)
    found = queries.search(Initiative.objects.all(), "лифты")
    assert list(found.values_list("title", flat=True)) == ["Образовательный лифт"]


def test_history_line_is_shown_on_the_card(refs, world, client):
    import_registry(table=table(ROW), file_name="реестр 2020.xlsx", sha256="x", by=world.staff)
    initiative = Initiative.objects.get(title="Образовательный лифт")
    client.force_login(world.staff)
    html = client.get(reverse("initiatives:history", args=[initiative.pk])).content.decode()
    assert "внесена из файла" in html
    assert "реестр 2020.xlsx" in html
    assert RegistryImport.objects.count() == 1


# --- the pages: upload, preview, confirm -------------------------------------------------------


def xlsx_file(rows, headers=HEADERS, name="реестр.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def csv_file(rows, headers=HEADERS, *, encoding="utf-8-sig", delimiter=";", name="реестр.csv"):
    return SimpleUploadedFile(name, csv_bytes(rows, headers, encoding=encoding,
                                              delimiter=delimiter))


def upload(client, f):
    return client.post(reverse("initiatives:registry_import"), {"file": f})


def confirm(client, response):
    """Confirm the preview; the queued task runs (eagerly) when the request's work commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("initiatives:registry_import_confirm"),
                           {"token": response.context["token"]})


def test_upload_shows_the_preview_and_writes_nothing_until_confirmed(refs, world, client):
    client.force_login(world.staff)
    bad = [*ROW[:1], "МБОУ СОШ № 99", *ROW[2:]]
    response = upload(client, xlsx_file([ROW, bad]))
    preview = response.context["preview"]
    assert [(r.line, r.status) for r in preview.rows] == [(2, NEW), (3, ERROR)]
    html = response.content.decode()
    assert "В портале нет организации «МБОУ СОШ № 99»; сначала добавьте её." in html
    assert f'href="{views._create_links()["organisation_create"]}"' in html
    assert not Initiative.objects.filter(organisation=refs[0]).exists()
    done = confirm(client, response)
    record = RegistryImport.objects.get()
    assert done["Location"] == reverse("initiatives:registry_import_detail", args=[record.pk])
    assert list(Initiative.objects.filter(organisation=refs[0]).values_list("title", flat=True)) \
        == ["Образовательный лифт"]
    page = client.get(done["Location"])
    assert [i.title for i in page.context["initiatives"]] == ["Образовательный лифт"]
    # the token is used up: a second confirm writes nothing
    again = confirm(client, response)
    assert again["Location"] == reverse("initiatives:registry_import")
    assert RegistryImport.objects.count() == 1


def test_a_token_of_another_session_is_refused(refs, world, client):
    client.force_login(world.staff)
    response = upload(client, xlsx_file([ROW]))
    other = Client()
    other.force_login(world.head)
    assert confirm(other, response)["Location"] == reverse("initiatives:registry_import")
    assert RegistryImport.objects.count() == 0


@pytest.mark.parametrize(("encoding", "delimiter"), [("cp1251", ";"), ("utf-8", ","),
                                                      ("utf-8-sig", ";")])
def test_csv_in_cp1251_or_utf8_with_either_delimiter(refs, world, client, encoding, delimiter):
    client.force_login(world.staff)
    response = upload(client, csv_file([ROW], encoding=encoding, delimiter=delimiter))
    rows = response.context["preview"].rows
    assert [(r.status, r.title, r.organisation_name, r.state) for r in rows] == [
        (NEW, "Образовательный лифт", "МБОУ СОШ № 7", S.COMPLETED)]


def test_columns_in_another_order(refs, world, client):
    client.force_login(world.staff)
    response = upload(client, xlsx_file([list(reversed(ROW))], headers=list(reversed(HEADERS))))
    assert [(r.status, r.title) for r in response.context["preview"].rows] == [
        (NEW, "Образовательный лифт")]


def test_missing_columns_are_named_and_nothing_is_kept(refs, world, client):
    client.force_login(world.staff)
    response = upload(client, xlsx_file([ROW[:2]], headers=HEADERS[:2]))
    assert response.context["form"].errors["file"] == [
        "В файле нет столбцов: «Учебный год», «Состояние»."]
    assert "preview" not in response.context
    assert list(Path(settings.MEDIA_ROOT).rglob("*.bin")) == []  # nothing kept


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"%PDF-1.4 a pdf renamed", "реестр.xlsx",
     "Файл «реестр.xlsx» по содержимому не является книгой XLSX."),
    (b"MZ\x90\x00 an exe", "реестр.csv",
     "Файл «реестр.csv» по содержимому не является таблицей CSV."),
    (b"PK\x03\x04 not really a zip", "реестр.xlsx",
     "Файл «реестр.xlsx» по содержимому не является книгой XLSX."),
    (b"", "реестр.csv", "Отправленный файл пуст."),
    (b"\n\n;;\n", "реестр.csv", "В файле нет строки с названиями столбцов."),
])
def test_not_a_spreadsheet_by_content(world, client, content, name, message):
    client.force_login(world.staff)
    response = upload(client, SimpleUploadedFile(name, content))
    assert response.context["form"].errors["file"] == [message]
    assert list(Path(settings.MEDIA_ROOT).rglob("*.bin")) == []  # nothing kept


def test_an_over_size_file_is_refused(world, client, settings):
    settings.TABULAR_UPLOAD_MAX_MB = 1
    client.force_login(world.staff)
    response = upload(client, SimpleUploadedFile("реестр.csv", b"a;b\n" * 400_000))
    assert response.context["form"].errors["file"] == [
        "Размер файла — 1,5 МБ; принимаются таблицы не больше 1 МБ."]


def test_a_zip_bomb_workbook_is_refused(world, client):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (210 * 1024 * 1024))
    client.force_login(world.staff)
    response = upload(client, SimpleUploadedFile("реестр.xlsx", out.getvalue()))
    assert response.context["form"].errors["file"] == [
        "Книга Excel после распаковки больше 200 МБ; она отклонена."]


def test_the_portals_export_comes_back_as_the_same_registry(refs, client):
    """Export → import into a portal without initiatives → export again: the same table."""
    org, direction = refs
    other = OrganisationFactory(short_name="МАОУ «Гимназия»")
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    InitiativeFactory(organisation=org, direction=direction, title="=Формула в названии",
                      academic_year="2021/2022", state=S.IN_PROGRESS, leader=staff,
                      starts_on=datetime.date(2021, 9, 1), ends_on=datetime.date(2022, 5, 31),
                      submitted_at=datetime.datetime(2021, 6, 1, 10, tzinfo=datetime.UTC))
    InitiativeFactory(organisation=other, title="Миссия выполнима",
                      academic_year="2020/2021", state=S.CLOSED, starts_on=None, ends_on=None,
                      submitted_at=None)
    InitiativeFactory(organisation=other, title="Образовательный лифт", direction=direction,
                      academic_year="2019/2020", state=S.DRAFT, starts_on=None, ends_on=None,
                      submitted_at=None)
    client.force_login(staff)

    def export(fmt):
        body = client.get(reverse("initiatives:export", args=[fmt])).getvalue()
        if fmt == "csv":
            table = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
        else:
            table = [list(r) for r in load_workbook(io.BytesIO(body)).active.values]
        return body, sorted(row[1:-1] for row in table[1:])  # no № and link

    for fmt in ("xlsx", "csv"):
        content, before = export(fmt)
        Initiative.objects.all().delete()
        response = upload(client, SimpleUploadedFile(f"реестр.{fmt}", content))
        assert response.context["preview"].counts == {NEW: 3, MATCHED: 0, ERROR: 0}
        confirm(client, response)
        assert export(fmt)[1] == before
        # and the same file again changes nothing
        again = upload(client, SimpleUploadedFile(f"реестр.{fmt}", content))
        assert again.context["preview"].counts == {NEW: 0, MATCHED: 3, ERROR: 0}
        confirm(client, again)
        assert export(fmt)[1] == before


@pytest.mark.parametrize("n", [1, 3])
def test_preview_query_count_is_constant(n, refs, world, client, django_assert_num_queries):
    client.force_login(world.staff)
    rows = [[f"Проект {i}", *ROW[1:]] for i in range(n)]
    f = xlsx_file(rows)
    with django_assert_num_queries(9):
        response = upload(client, f)
    assert response.context["preview"].counts[NEW] == n


@pytest.mark.parametrize("n", [1, 3])
def test_confirm_and_detail_query_counts_are_constant(n, refs, world, client,
                                                      django_assert_num_queries):
    client.force_login(world.staff)
    rows = [[f"Проект {i}", *ROW[1:]] for i in range(n)]
    response = upload(client, xlsx_file(rows))
    with django_assert_num_queries(25):  # the request and the task
        done = confirm(client, response)
    with django_assert_num_queries(5):
        page = client.get(done["Location"])
    assert len(page.context["initiatives"]) == n


def test_the_confirm_is_queued_and_its_page_shows_the_progress(refs, world, client):
    client.force_login(world.staff)
    response = upload(client, xlsx_file([ROW]))
    done = client.post(reverse("initiatives:registry_import_confirm"),
                       {"token": response.context["token"]})  # the task is not run yet
    record = RegistryImport.objects.get()
    assert (record.status, len(record.source_rows), Initiative.objects.filter(
        organisation=refs[0]).count()) == ("queued", 1, 0)
    page = client.get(done["Location"]).content.decode()
    assert 'role="progressbar"' in page
    assert "в очереди…" in page
    partial = client.get(done["Location"], headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in partial
    record = run_registry_import(record.pk)
    assert (record.status, record.initiatives_created, record.source_rows) == ("done", 1, [])
    # a task delivered twice writes once
    assert run_registry_import(record.pk).initiatives_created == 1
    assert Initiative.objects.filter(organisation=refs[0]).count() == 1
    partial = client.get(done["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "Записано замыслов: 1." in partial


def test_a_failed_import_says_why_and_writes_nothing(refs, world, client):
    record = RegistryImport.objects.create(file_name="f.xlsx", sha256="x", created_by=world.staff,
                                           source_rows=[[2]])
    with pytest.raises(ValueError, match="not enough values"):
        run_registry_import(record.pk)  # rows kept in a shape the worker cannot read
    record.refresh_from_db()
    assert record.status == "failed"
    assert Initiative.objects.filter(organisation=refs[0]).count() == 0
    client.force_login(world.staff)
    assert "Ничего не записано." in client.get(record.get_absolute_url()).content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_upload_page_query_count_is_constant(n, world, client, django_assert_num_queries):
    for i in range(n):
        RegistryImport.objects.create(file_name=f"реестр {i}.xlsx", sha256="x",
                                      created_by=world.staff, status="done")
    client.force_login(world.staff)
    with django_assert_num_queries(3):
        response = client.get(reverse("initiatives:registry_import"))
    assert len(response.context["recent"]) == n


@pytest.mark.parametrize("token", ["<script>alert(1)</script>", "../../../etc/passwd", "Я" * 5000,
                                   "abc\x00def", ""])
def test_hostile_tokens_are_refused_without_an_error(token, world, client):
    client.force_login(world.staff)
    response = client.post(reverse("initiatives:registry_import_confirm"), {"token": token})
    assert response["Location"] == reverse("initiatives:registry_import")
    assert RegistryImport.objects.count() == 0


@pytest.mark.celery
def test_a_real_worker_writes_the_confirmed_file(celery_worker, client):
    OrganisationFactory(short_name="МБОУ СОШ № 7")
    DirectionFactory(name="Методическое сопровождение")
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    client.force_login(staff)
    response = upload(client, xlsx_file([ROW, [f"{ROW[0]} 2", *ROW[1:]]]))
    client.post(reverse("initiatives:registry_import_confirm"),
                {"token": response.context["token"]})
    record = RegistryImport.objects.get()
    deadline = time.monotonic() + 60
    while record.status not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.5)
        record.refresh_from_db()
    assert (record.status, record.error, record.initiatives_created) == ("done", "", 2)
    assert sorted(Initiative.objects.values_list("title", flat=True)) == [
        "Образовательный лифт", "Образовательный лифт 2"]
