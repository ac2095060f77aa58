"""The plan page (issue 25): constant SQL for 1, 3 and 200 lines; forms keep what was typed;
the import page reads a file and confirms it."""

import datetime
import io
import re
from datetime import date as D

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from accounts.models import AuditRecord
from portfolio.models import PlanItem
from tests.factories import (
    ActivityFactory,
    PlanItemFactory,
    ProjectFactory,
    ProjectRoleFactory,
    TeamMemberFactory,
    TeamShareFactory,
    UserFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen():
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 11, 18, 10)), tick=False):
        yield


@pytest.fixture
def project():
    p = ProjectFactory(title="Проект с планом", starts_on=D(2026, 9, 1), ends_on=D(2027, 5, 31))
    ProjectRoleFactory(initiative=p)
    TeamShareFactory(member=TeamMemberFactory(initiative=p), percent=40)
    return p


@pytest.fixture
def staff_client(client):
    client.force_login(person_with_roles("office_staff"))
    return client


def _lines(project, n):
    for i in range(n):
        if i % 2:
            PlanItemFactory(initiative=project, planned_end=D(2026, 9, 1) + datetime.timedelta(
                days=i % 250))
        else:
            ActivityFactory(initiative=project, planned_start=D(2026, 9, 1),
                            planned_end=D(2026, 9, 2) + datetime.timedelta(days=i % 250))


@pytest.mark.parametrize("n", [1, 3, 200])
def test_the_plan_page_costs_the_same_for_1_3_and_200_lines(n, project, staff_client, frozen,
                                                            django_assert_num_queries):
    _lines(project, n)
    url = reverse("portfolio:plan", kwargs={"pk": project.pk})
    # session and user, roles of the viewer, the project, its roles, its team, its plan, the
    # people of the responsible-person field
    with django_assert_num_queries(7):
        response = staff_client.get(url)
    html = response.content.decode()
    assert html.count('class="gantt-bar') + html.count('class="gantt-point') == n
    assert len(re.findall(r'<tr id="item-\d+"', html)) == n


def test_the_overdue_list_costs_the_same_for_1_and_3(project, staff_client, frozen,
                                                     django_assert_num_queries):
    for n in (1, 3):
        PlanItem.objects.all().delete()
        for _i in range(n):
            PlanItemFactory(initiative=project, planned_end=D(2026, 10, 1))
        with django_assert_num_queries(4):
            response = staff_client.get(reverse("portfolio:overdue_points"))
        assert response.content.decode().count("Контрольная точка") >= n


def test_a_wrong_line_shows_the_message_and_keeps_what_was_typed(project, staff_client, frozen):
    response = staff_client.post(reverse("portfolio:plan_item_add", kwargs={"pk": project.pk}), {
        "kind": "point", "title": "Сеть создана", "result": "Соглашение подписано",
        "planned_end": "2027-08-01"})
    html = response.content.decode()
    assert "Дата 01.08.2027 вне сроков проекта 01.09.2026 – 31.05.2027." in html
    assert 'value="Сеть создана"' in html
    assert PlanItem.objects.count() == 0


def test_the_plan_import_page_previews_then_confirms(project, staff_client, frozen):
    book = Workbook()
    book.active.append(["Вид", "Мероприятие или контрольная точка", "Проверяемый результат",
                        "Срок"])
    book.active.append(["Контрольная точка", "Положение утверждено", "Приказ", "1 октября 2026 г."])
    out = io.BytesIO()
    book.save(out)
    out.name = "план.xlsx"
    out.seek(0)
    url = reverse("portfolio:plan_import", kwargs={"pk": project.pk})
    response = staff_client.post(url, {"file": out})
    token = response.context["token"]
    assert token and PlanItem.objects.count() == 0
    response = staff_client.post(url, {"token": token})
    assert response.status_code == 302
    assert list(PlanItem.objects.values_list("title", "planned_end")) == [
        ("Положение утверждено", D(2026, 10, 1))]


def test_the_administrator_changes_a_line_and_the_history_keeps_before_and_after(project, client,
                                                                                 frozen):
    administrator = UserFactory()
    ProjectRoleFactory(initiative=project, role="administrator", person=administrator)
    item = PlanItemFactory(initiative=project, title="Положение утверждено",
                           planned_end=D(2026, 10, 1))
    client.force_login(administrator)
    url = reverse("portfolio:plan_item_edit", kwargs={"pk": item.pk})
    data = {"kind": "activity", "number": "2", "title": "Положение о сети утверждено",
            "result": "Приказ подписан", "planned_end": "2027-07-01"}
    html = client.post(url, data).content.decode()
    assert "Дата 01.07.2027 вне сроков проекта 01.09.2026 – 31.05.2027." in html
    assert 'value="Положение о сети утверждено"' in html
    response = client.post(url, data | {"planned_end": "2026-10-20"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.kind, item.title, item.planned_end) == ("point", "Положение о сети утверждено",
                                                         D(2026, 10, 20))
    record = AuditRecord.objects.get(action="plan_item_changed")
    assert (record.data["before"]["planned_end"], record.data["after"]["planned_end"]) == (
        "01.10.2026", "20.10.2026")


def test_overdue_points_are_a_number_on_the_dashboard_and_the_staff_home_linking_to_the_list(
        project, staff_client, frozen):
    late = PlanItemFactory(initiative=project, planned_end=D(2026, 10, 1))
    PlanItemFactory(initiative=project, planned_end=D(2026, 12, 1))  # not due yet
    for page in ("dashboard", "home"):
        html = staff_client.get(reverse(page)).content.decode()
        found = re.search(r'href="(/dashboard/overdue_points/[^"]*)" data-metric="overdue_points">'
                          r'\s*<div class="card-body[^"]*">\s*'
                          r'<div class="(?:h4 mb-0|display-6)">(\d+)</div>', html)
        assert found, page
        assert found.group(2) == "1"
        listing = staff_client.get(found.group(1).replace("&amp;", "&"))
        assert listing.context["paginator"].count == 1
        assert late.title in listing.content.decode()


def test_a_refused_forecast_shows_the_message_by_its_line_with_the_typed_date(project,
                                                                               staff_client,
                                                                               frozen):
    item = PlanItemFactory(initiative=project, planned_end=D(2026, 12, 1))
    response = staff_client.post(reverse("portfolio:forecast", kwargs={"pk": item.pk}),
                                 {"forecast_end": "2040-01-01"})
    html = response.content.decode()
    assert "Прогноз 01.01.2040 больше чем на 5 лет позже окончания проекта: проверьте год." in html
    assert 'value="2040-01-01"' in html
    item.refresh_from_db()
    assert item.forecast_end is None


@pytest.mark.parametrize("n", [1, 3])
def test_the_registry_and_its_xlsx_show_the_curator_and_the_administrator(
        n, staff_client, django_assert_num_queries):
    from openpyxl import load_workbook

    for k in range(n):
        p = ProjectFactory(title=f"Проект {k}")
        ProjectRoleFactory(initiative=p, person=UserFactory(
            last_name="Соколова", first_name="Марина", patronymic="Викторовна"))
        ProjectRoleFactory(initiative=p, role="administrator", person=UserFactory(
            last_name="Лебедева", first_name="Ольга", patronymic="Николаевна"))
    # the roles are two subqueries of the registry's one query, not a query per row
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("initiatives:portfolio_registry"))
    html = response.content.decode()
    assert html.count("куратор: Соколова М. В.") == n
    assert html.count("администратор: Лебедева О. Н.") == n
    response = staff_client.get(reverse("initiatives:portfolio_export"))
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    header = rows[0]
    curator, administrator = header.index("Куратор проекта"), header.index(
        "Администратор проекта")
    assert [(r[curator], r[administrator]) for r in rows[1:]] == [
        ("Соколова М. В.", "Лебедева О. Н.")] * n
