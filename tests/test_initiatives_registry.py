"""The registry: who sees what, filters, Russian search, export, constant query counts."""

import csv
import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from initiatives import queries
from initiatives.enums import InitiativeState as S
from initiatives.models import Initiative
from tests.factories import (
    DirectionFactory,
    ExpertAssignmentFactory,
    InitiativeFactory,
    InitiativeVersionFactory,
    TeamMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Russian full-text search needs PostgreSQL; SQLite uses the icontains fallback",
)


def _titles(response):
    return sorted(i.title for i in response.context["initiatives"])


@pytest.mark.parametrize(("actor", "expected"), [
    ("team_own", ["Своя школа", "Сетевой проект"]),
    ("team_other", ["Чужая школа"]),
    ("expert_assigned", ["Сетевой проект"]),
    ("expert_other", []),
    ("staff", ["Своя школа", "Сетевой проект", "Чужая школа"]),
    ("head", ["Своя школа", "Сетевой проект", "Чужая школа"]),
])
def test_each_actor_sees_only_their_initiatives(actor, expected, world, client):
    InitiativeFactory(organisation=world.own_org, title="Своя школа")
    InitiativeFactory(organisation=world.other_org, title="Чужая школа")
    client.force_login(world.people[actor])
    assert _titles(client.get(reverse("initiatives:list"))) == expected


def test_a_guest_is_sent_to_sign_in(client):
    response = client.get(reverse("initiatives:list"))
    assert response["Location"] == "/accounts/login/?next=/initiatives/"


def test_filters_by_state_organisation_direction_year_leader_and_expert(world, client):
    direction = DirectionFactory(name="Методическое сопровождение")
    leader = UserFactory()
    match = InitiativeFactory(organisation=world.other_org, title="Подходит", state=S.SUBMITTED,
                              direction=direction, academic_year="2022/2023", leader=leader)
    ExpertAssignmentFactory(initiative=match, expert=world.expert_other)
    InitiativeFactory(organisation=world.other_org, title="Другое состояние", state=S.DRAFT,
                      direction=direction, academic_year="2022/2023", leader=leader)
    client.force_login(world.staff)
    base = {"state": S.SUBMITTED, "organisation": world.other_org.pk,
            "direction": direction.pk, "academic_year": "2022/2023", "leader": leader.pk,
            "expert": world.expert_other.pk}
    assert _titles(client.get(reverse("initiatives:list"), base)) == ["Подходит"]
    other = {**base, "expert": world.expert_assigned.pk}
    assert _titles(client.get(reverse("initiatives:list"), other)) == []


def test_the_expert_filter_is_not_offered_to_teams(world, client):
    client.force_login(world.team_own)
    response = client.get(reverse("initiatives:list"), {"expert": world.expert_assigned.pk})
    assert "expert" not in response.context["filter"].form.fields


def test_sorting(world, client):
    InitiativeFactory(organisation=world.own_org, title="Альфа")
    InitiativeFactory(organisation=world.own_org, title="Ять")
    client.force_login(world.staff)
    response = client.get(reverse("initiatives:list"), {"ordering": "-title"})
    assert [i.title for i in response.context["initiatives"]] == ["Ять", "Сетевой проект", "Альфа"]


def test_fifty_rows_a_page(world, client):
    InitiativeFactory.create_batch(50, organisation=world.own_org)
    client.force_login(world.staff)
    response = client.get(reverse("initiatives:list"))
    assert (len(response.context["initiatives"]), response.context["paginator"].num_pages) == (50, 2)


def test_wrong_filter_values_give_a_message_not_a_500(world, client):
    client.force_login(world.staff)
    response = client.get(reverse("initiatives:list"), {"organisation": "abc", "state": "x",
                                                         "q": "я" * 500})
    assert response.status_code == 200
    assert sorted(response.context["filter"].errors) == ["organisation", "q", "state"]


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("actor", ["staff", "team_own", "expert_assigned"])
def test_registry_query_count_is_constant(n, actor, world, client, django_assert_num_queries):
    for _ in range(n - 1):
        card = InitiativeFactory(organisation=world.own_org, leader=UserFactory())
        ExpertAssignmentFactory(initiative=card, expert=world.expert_assigned)
    client.force_login(world.people[actor])
    # session, the user with their roles and teams, count, the filter's choices (directions,
    # years, calls), the page; experts also load their assignments. Organisations, networks,
    # leaders and experts are not listed: nothing is chosen, and the autocomplete asks for the
    # rest.
    expected = {"staff": 7, "team_own": 7, "expert_assigned": 7}[actor]
    with django_assert_num_queries(expected):
        response = client.get(reverse("initiatives:list"), {"ordering": "title"})
    assert len(response.context["initiatives"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_card_query_count_is_constant(n, world, client, django_assert_num_queries):
    for k in range(n - 1):
        TeamMemberFactory(initiative=world.initiative)
        InitiativeVersionFactory(initiative=world.initiative, number=k + 2)
        ExpertAssignmentFactory(initiative=world.initiative, expert=UserFactory())
    client.force_login(world.team_own)
    ContentType.objects.get_for_model(Initiative)  # cached per process: warm it for a fixed count
    # the card, team, indicators, goals, attachments, their uploaders, versions, assignments,
    # session, the user with their roles and teams, history
    with django_assert_num_queries(13):
        response = client.get(world.initiative.get_absolute_url())
    assert len(response.context["initiative"].versions.all()) == n


def _audit_lines(initiative, n):
    from accounts import audit

    for k in range(n):
        audit.record(initiative, actor=None, action="updated", comment=f"строка {k + 1}")


def test_the_card_shows_the_latest_ten_lines_of_history_and_links_to_the_whole(world, client):
    client.force_login(world.team_own)
    url = reverse("initiatives:history", kwargs={"pk": world.initiative.pk})
    _audit_lines(world.initiative, 10)
    html = client.get(world.initiative.get_absolute_url()).content.decode()
    assert "строка 10" in html and "строка 1<" in html and url not in html
    _audit_lines(world.initiative, 2)  # now twelve: «строка 1» … «строка 10», «строка 1», «строка 2»
    response = client.get(world.initiative.get_absolute_url())
    assert len(response.context["history"]) == 10
    assert url in response.content.decode() and "Вся история изменений" in response.content.decode()
    whole = client.get(url)
    assert whole.status_code == 200
    assert len(whole.context["history"]) == 12


@pytest.mark.parametrize("n", [1, 3])
def test_history_page_query_count_is_constant(n, world, client, django_assert_num_queries):
    _audit_lines(world.initiative, n)
    client.force_login(world.team_own)
    # session, the user with their roles and teams, the card, the count, the page of lines
    with django_assert_num_queries(5):
        response = client.get(reverse("initiatives:history", kwargs={"pk": world.initiative.pk}))
    assert len(response.context["history"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_export_query_count_is_constant(n, world, client, django_assert_num_queries):
    InitiativeFactory.create_batch(n - 1, organisation=world.own_org)
    client.force_login(world.staff)
    # session, the user with their roles, the answers to the calls' questions (issue 24), the rows
    with django_assert_num_queries(4):
        response = client.get(reverse("initiatives:export", kwargs={"fmt": "csv"}))
        text = response.getvalue().decode("utf-8-sig")  # streamed: read inside the count
    assert response.streaming
    assert len(text.strip().splitlines()) == n + 1


def test_csv_export_of_the_filtered_list(world, client):
    InitiativeFactory(organisation=world.other_org, title="=HYPERLINK(\"x\")", state=S.SUBMITTED,
                      academic_year="2022/2023", starts_on=None, ends_on=None)
    client.force_login(world.staff)
    response = client.get(reverse("initiatives:export", kwargs={"fmt": "csv"}),
                          {"state": S.SUBMITTED})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:7] == ["№", "Название", "Организация", "Направление", "Учебный год",
                           "Руководитель проекта", "Состояние"]
    assert rows[1][:9] == ["1", "'=HYPERLINK(\"x\")", "МБОУ СОШ № 1 (тест)",
                           rows[1][3], "2022/2023", "", "подана", "", ""]
    assert len(rows) == 2


def test_xlsx_export_of_what_the_person_sees(world, client):
    InitiativeFactory(organisation=world.other_org, title="Чужая школа")
    client.force_login(world.team_own)
    response = client.get(reverse("initiatives:export", kwargs={"fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("№", "Название", "Организация")
    assert [row[1:3] for row in values[1:]] == [("Сетевой проект", "МБОУ СОШ № 7 (тест)")]
    # dates stay dates (typed cells shown as дд.мм.гггг)
    assert values[1][4:10] == ("2021/2022", world.team_own.full_name, "черновик",
                               datetime.datetime(2021, 9, 1), datetime.datetime(2022, 5, 31), None)
    assert sheet["H2"].number_format == "DD.MM.YYYY"


def test_unknown_export_format_is_404(world, client):
    client.force_login(world.staff)
    assert client.get(reverse("initiatives:export", kwargs={"fmt": "exe"})).status_code == 404


def test_search_falls_back_to_icontains_on_sqlite(world, client):
    if connection.vendor != "sqlite":
        pytest.skip("the icontains fallback is for SQLite")
    InitiativeFactory(organisation=world.own_org, title="Клуб", annotation="Про СМЫСЛОВОЕ чтение")
    client.force_login(world.staff)
    assert _titles(client.get(reverse("initiatives:list"), {"q": "смысловое"})) == ["Клуб"]


@postgresql_only
@pytest.mark.parametrize(("text", "query"), [
    ("Проект развивает сетевое взаимодействие школ округа.", "сетевому взаимодействию"),
    ("Методическая сеть учителей физики.", "методической сети"),
])
def test_russian_search_understands_word_forms(text, query, world, client):
    InitiativeFactory(organisation=world.own_org, title="Находка", annotation=text)
    InitiativeFactory(organisation=world.own_org, title="Мимо", annotation="Другое содержание.")
    client.force_login(world.staff)
    assert _titles(client.get(reverse("initiatives:list"), {"q": query})) == ["Находка"]


@postgresql_only
def test_search_uses_the_gin_index(world):
    InitiativeFactory.create_batch(5, organisation=world.own_org)
    # without ordering: on five rows the planner may otherwise walk the index of the registry's
    # default order (last change first) and filter, which says nothing about the search
    qs = queries.search(Initiative.objects.all(), "сетевое взаимодействие").order_by()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = qs.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "initiative_search_ru_gin" in plan


def test_every_row_of_the_registry_shows_its_state_as_a_coloured_badge(world, client):
    InitiativeFactory(organisation=world.own_org, state=S.SUBMITTED, title="Поданный <замысел>")
    client.force_login(world.staff)
    html = client.get(reverse("initiatives:list")).content.decode()
    assert '<span class="badge state-badge state-submitted">подана</span>' in html
    assert '<span class="badge state-badge state-draft">черновик</span>' in html
    assert "Поданный &lt;замысел&gt;" in html


def test_academic_years_are_the_distinct_years_newest_first(django_assert_num_queries):
    """The registry's academic-year filter lists what a plain DISTINCT gives (read with a loose
    index scan): every year once, none empty, newest first; nothing at all with no initiatives."""
    from initiatives.queries import academic_years

    assert academic_years() == []
    for year in ["2021/2022", "2023/2024", "", "2021/2022", "2019/2020", "2023/2024", "2022/2023"]:
        InitiativeFactory(academic_year=year)
    distinct = list(Initiative.objects.exclude(academic_year="").order_by("-academic_year")
                    .values_list("academic_year", flat=True).distinct())
    with django_assert_num_queries(1):
        assert academic_years() == distinct == ["2023/2024", "2022/2023", "2021/2022",
                                                "2019/2020"]


# The template the {% registry_row %} tag replaced, kept here to compare the markup.
REGISTRY_ROW_TEMPLATE = """{% load portal %}<tr>
  <td class="col-title"><a class="clamp-2" href="{{ i.get_absolute_url }}"
    title="{{ i.title }}">{{ i.title }}</a></td>
  <td class="col-org"><span class="clamp-2">{{ i.organisation.short_name }}</span></td>
  <td class="d-none d-md-table-cell col-compact small"><span class="clamp-2"
    >{{ i.direction.name|default:"—" }}</span></td>
  <td class="d-none d-xxl-table-cell col-compact">{{ i.academic_year|default:"—" }}</td>
  <td class="d-none d-xxl-table-cell col-compact">{{ i.leader.short_name|default:"—" }}</td>
  <td class="col-state">{% state_badge i.state i.get_state_display %}</td>
  <td class="col-due">{% if i.next_due %}{% load i18n %}{% translate "due" %}
    {{ i.next_due|date:"d.m.Y" }}{% else %}—{% endif %}</td>
  <td class="d-none d-lg-table-cell col-narrow text-end">{{ i.open_recommendations }}</td>
</tr>"""


@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_registry_row_written_in_python_is_what_its_template_wrote(language):
    from django.template import Context, Template
    from django.test.html import parse_html
    from django.utils import translation

    from tests.factories import ThreadMessageFactory, person_with_roles

    full = InitiativeFactory(title="Школа <будущего> & «Ко»", academic_year="2022/2023",
                             direction=DirectionFactory(), leader=UserFactory(), state=S.SUBMITTED)
    for _ in range(3):
        ThreadMessageFactory(initiative=full)
    bare = InitiativeFactory(academic_year="", direction=None, leader=None)
    rows = {i.pk: i for i in queries.registry_page(person_with_roles("office_staff"))}
    assert rows[full.pk].open_recommendations == 3
    with translation.override(language):
        for row in rows.values():
            old = Template(REGISTRY_ROW_TEMPLATE).render(Context({"i": row}))
            new = Template("{% load registry %}{% registry_row i %}").render(Context({"i": row}))
            assert parse_html(new) == parse_html(old)
    assert "—" in Template("{% load registry %}{% registry_row i %}").render(
        Context({"i": rows[bare.pk]}))
