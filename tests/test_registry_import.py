"""The registry comes in from a file (issue 19, item 3): preview, confirm, idempotence, history,
search, the dashboard and the annual report, bad input."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from accounts.models import AuditRecord
from initiatives import queries
from initiatives.enums import InitiativeAction
from initiatives.enums import InitiativeState as S
from initiatives.models import IndicatorActual, Initiative, RegistryImport, TeamMember
from initiatives.registry_import.preview import ERROR, MATCHED, NEW, Table, build_preview
from initiatives.registry_import.services import import_registry
from reports import annual, metrics
from tests.factories import DirectionFactory, InitiativeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

HEADERS = ["Название", "Организация", "Направление", "Учебный год", "Состояние",
           "Руководитель проекта", "Дата начала", "Дата окончания"]


@pytest.fixture
def refs(db):
    org = OrganisationFactory(short_name="МБОУ СОШ № 7", full_name="Муниципальное бюджетное "
                              "общеобразовательное учреждение «Средняя школа № 7»")
    direction = DirectionFactory(name="Методическое сопровождение")
    return org, direction


def table(*rows, headers=HEADERS):
    return Table(headers=list(headers), rows=[(n, list(r)) for n, r in enumerate(rows, 2)])


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


def test_missing_columns_refuse_the_file_and_extra_columns_are_named(refs):
    preview = build_preview(Table(headers=["Название", "Примечание"], rows=[]), file_name="f")
    assert preview.refused
    assert preview.missing == ["Организация", "Учебный год", "Состояние"]
    assert preview.unknown_columns == ["Примечание"]


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
