"""The registries' autocomplete filters (organisation, network, leader, expert).

The page writes only the empty option and the chosen one; a JSON view answers what is typed,
from the filter's own queryset and with the page's permission; a pk typed into the URL is still
checked against the whole queryset.
"""

import re

import pytest
from django.urls import reverse

from accounts.enums import OfficeRole
from tests.factories import (
    ExpertAssignmentFactory,
    InitiativeFactory,
    NetworkFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db

EMPTY = ("", "---------", False)
NOTHING_CHOSEN = [("", "---------", True)]
AUTOCOMPLETED = ("organisation", "network", "leader", "expert")


def select(response, name):
    """The attributes of a select of the page and its options as (value, label, selected)."""
    [(attrs, body)] = re.findall(rf'<select name="{name}"([^>]*)>(.*?)</select>',
                                 response.content.decode(), re.S)
    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', body)
    return attrs, [(value, label, bool(chosen)) for value, chosen, label in options]


def choices(client, field, q, view="initiatives:list_choices"):
    response = client.get(reverse(view, kwargs={"field": field}), {"q": q})
    assert (response.status_code, response["Content-Type"]) == (200, "application/json")
    return [r["text"] for r in response.json()["results"]]


@pytest.fixture
def leader():
    return UserFactory(last_name="Кузнецова", first_name="Анна", patronymic="Петровна")


def test_the_registry_writes_only_the_empty_option_until_one_is_chosen(world, client, leader):
    InitiativeFactory(organisation=world.other_org, leader=leader, title="Замысел Кузнецовой")
    client.force_login(world.staff)
    page = client.get(reverse("initiatives:list"))
    assert {name: select(page, name)[1] for name in AUTOCOMPLETED} == {
        name: NOTHING_CHOSEN for name in AUTOCOMPLETED}

    page = client.get(reverse("initiatives:list"), {"leader": leader.pk})
    attrs, options = select(page, "leader")
    assert options == [EMPTY, (str(leader.pk), "Кузнецова Анна Петровна", True)]
    assert [i.title for i in page.context["initiatives"]] == ["Замысел Кузнецовой"]
    assert 'data-autocomplete-url="/initiatives/choices/leader/"' in attrs
    assert 'data-placeholder="Начните вводить…"' in attrs
    assert 'data-no-results="Ничего не найдено"' in attrs


def test_the_page_loads_tom_select_and_its_bootstrap_theme(world, client):
    client.force_login(world.staff)
    html = client.get(reverse("initiatives:list")).content.decode()
    assert re.findall(r'(?:src|href)="(/static/vendor/tom-select/[^"]+|/static/js/autocomplete\.js)"',
                      html) == ["/static/vendor/tom-select/css/tom-select.bootstrap5.min.css",
                                "/static/vendor/tom-select/js/tom-select.complete.min.js",
                                "/static/js/autocomplete.js"]


@pytest.mark.parametrize("value", ["not-a-leader", "abc", "-1", "0", "99999999999999999999999",
                                   "1.5", "１２"])
def test_a_value_in_the_url_is_checked_against_the_whole_queryset(value, world, client):
    """Only the rendering is limited: a person who leads nothing is refused as before, and junk
    gives the field's message (no 500, no option, no query for it)."""
    if value == "not-a-leader":
        value = str(UserFactory().pk)
    client.force_login(world.staff)
    page = client.get(reverse("initiatives:list"), {"leader": value})
    assert page.status_code == 200
    assert list(page.context["filter"].errors) == ["leader"]
    assert select(page, "leader")[1] == [EMPTY]


def test_every_chosen_filter_shows_its_option(world, client):
    network = NetworkFactory(name="Чайковское метро")
    card = InitiativeFactory(organisation=world.other_org, network=network,
                             leader=world.team_other)
    ExpertAssignmentFactory(initiative=card, expert=world.expert_other)
    client.force_login(world.staff)
    chosen = {"organisation": world.other_org, "network": network, "leader": world.team_other,
              "expert": world.expert_other}
    page = client.get(reverse("initiatives:list"), {k: v.pk for k, v in chosen.items()})
    assert [i.pk for i in page.context["initiatives"]] == [card.pk]
    assert {name: select(page, name)[1] for name in chosen} == {
        name: [EMPTY, (str(obj.pk), str(obj), True)] for name, obj in chosen.items()}


@pytest.mark.parametrize("n", [1, 3])
def test_the_registry_with_every_autocomplete_chosen_costs_the_same(n, world, client,
                                                                    django_assert_num_queries):
    network = NetworkFactory()
    for _ in range(n):
        card = InitiativeFactory(organisation=world.other_org, network=network,
                                 leader=world.team_other)
        ExpertAssignmentFactory(initiative=card, expert=world.expert_other)
    client.force_login(world.staff)
    query = {"organisation": world.other_org.pk, "network": network.pk,
             "leader": world.team_other.pk, "expert": world.expert_other.pk, "ordering": "title"}
    # the seven of the page without filters (the calls' choices too), and for each of the four
    # filters the check of the value and its option
    with django_assert_num_queries(7 + 4 * 2):
        page = client.get(reverse("initiatives:list"), query)
    assert len(page.context["initiatives"]) == n


# --- the JSON view ----------------------------------------------------------------------------


def test_leaders_match_every_typed_word_in_any_part_of_the_name(world, client, leader):
    for person in (leader, UserFactory(last_name="Кузнецов", first_name="Пётр",
                                       patronymic="Иванович"),
                   UserFactory(last_name="Смирнова", first_name="Анна", patronymic="Кузьминична")):
        InitiativeFactory(organisation=world.own_org, leader=person)
    UserFactory(last_name="Кузнецова", first_name="Ольга", patronymic="")  # leads nothing
    client.force_login(world.team_own)

    def found(typed, expected):
        """The expected people are offered, and whoever else is (the world's leaders have
        random names, «Иванна» has «анна» in it) has every typed word in the name."""
        names = choices(client, "leader", typed)
        assert set(expected) <= set(names), names
        assert all(all(w in n.lower() for w in typed.lower().split()) for n in names), names
        return names

    found("кузн", ["Кузнецов Пётр Иванович", "Кузнецова Анна Петровна"])
    assert "Кузнецов Пётр Иванович" not in found("  анна   КУЗН ", ["Кузнецова Анна Петровна"])
    found("анна", ["Кузнецова Анна Петровна", "Смирнова Анна Кузьминична"])
    assert "Кузнецова Ольга" not in found("Ольга", [])  # she leads nothing


def test_organisations_match_the_short_or_the_full_name(world, client):
    OrganisationFactory(short_name="Гимназия", full_name="МАОУ «Гимназия» г. Чайковского")
    client.force_login(world.staff)
    assert choices(client, "organisation", "№ 7") == ["МБОУ СОШ № 7 (тест)"]
    assert choices(client, "organisation", "маоу чайковского") == ["Гимназия"]
    assert choices(client, "organisation", "маоу", view="initiatives:portfolio_registry_choices"
                   ) == ["Гимназия"]


def test_networks_and_experts_come_from_the_filters_querysets(world, client):
    NetworkFactory(name="Чайковское метро")
    person_with_roles(OfficeRole.EXPERT, last_name="Экспертова", first_name="Мария",
                      patronymic="")
    UserFactory(last_name="Экспертов", first_name="Не", patronymic="")  # not an expert
    client.force_login(world.staff)
    assert choices(client, "network", "метро") == ["Чайковское метро"]
    assert choices(client, "expert", "эксперт") == ["Экспертова Мария"]


def test_at_most_twenty_answers(world, client):
    for k in range(25):
        InitiativeFactory(organisation=world.own_org,
                          leader=UserFactory(last_name="Однофамилец", first_name=f"Имя{k:02}",
                                            patronymic=""))
    client.force_login(world.staff)
    assert choices(client, "leader", "однофамилец") == [
        f"Однофамилец Имя{k:02}" for k in range(20)]


@pytest.mark.parametrize("q", ["", "   ", "%", "_", "a\x00b", "я" * 101, "'; DROP TABLE x; --",
                               "<script>alert(1)</script>"])
def test_junk_finds_nothing(q, world, client):
    client.force_login(world.staff)
    assert choices(client, "leader", q) == []


def test_a_name_with_markup_comes_back_escaped_in_the_json(world, client):
    person = UserFactory(last_name="<b>Жирный</b>", first_name="&", patronymic="")
    InitiativeFactory(organisation=world.own_org, leader=person)
    client.force_login(world.staff)
    response = client.get(reverse("initiatives:list_choices", kwargs={"field": "leader"}),
                          {"q": "жирный"})
    text = r"\u003cb\u003eЖирный\u003c/b\u003e \u0026"
    assert response.content.decode() == f'{{"results": [{{"value": "{person.pk}", "text": "{text}"}}]}}'
    assert response.json()["results"] == [{"value": str(person.pk), "text": "<b>Жирный</b> &"}]


@pytest.mark.parametrize(("view", "field"), [
    ("initiatives:list_choices", "direction"), ("initiatives:list_choices", "state"),
    ("initiatives:list_choices", "nonsense"), ("initiatives:portfolio_registry_choices", "leader"),
])
def test_a_field_without_autocomplete_is_not_found(view, field, world, client):
    client.force_login(world.staff)
    assert client.get(reverse(view, kwargs={"field": field}), {"q": "а"}).status_code == 404


@pytest.mark.parametrize(("actor", "status"), [("team_own", 403), ("expert_other", 200),
                                               ("staff", 200), ("head", 200)])
def test_experts_are_offered_only_to_those_the_page_offers_the_filter(actor, status, world,
                                                                     client):
    client.force_login(world.people[actor])
    response = client.get(reverse("initiatives:list_choices", kwargs={"field": "expert"}),
                          {"q": "а"})
    assert response.status_code == status
    page = client.get(reverse("initiatives:list"))
    assert ("expert" in page.context["filter"].form.fields) == (status == 200)


def test_a_guest_is_sent_to_sign_in(client):
    url = reverse("initiatives:list_choices", kwargs={"field": "leader"})
    response = client.get(url, {"q": "а"})
    assert response["Location"] == f"/accounts/login/?next={url}%3Fq%3D%25D0%25B0"


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("field", ["leader", "expert"])
def test_the_choices_cost_the_same_for_1_and_3_matches(n, field, world, client,
                                                       django_assert_num_queries):
    for k in range(n):
        person = person_with_roles(OfficeRole.EXPERT, last_name=f"Совпадение{k}")
        InitiativeFactory(organisation=world.own_org, leader=person)
    client.force_login(world.staff)
    # session, the user with their roles (which filters they are offered), the matches
    with django_assert_num_queries(3):
        found = choices(client, field, "совпадение")
    assert len(found) == n


def test_the_registry_of_projects_writes_only_the_chosen_organisation(world, client):
    ProjectFactory(organisation=world.other_org, title="Проект школы № 1")
    ProjectFactory(organisation=world.own_org)
    client.force_login(world.staff)
    page = client.get(reverse("initiatives:portfolio_registry"))
    assert select(page, "organisation")[1] == NOTHING_CHOSEN
    page = client.get(reverse("initiatives:portfolio_registry"),
                      {"organisation": world.other_org.pk})
    attrs, options = select(page, "organisation")
    assert options == [EMPTY, (str(world.other_org.pk), "МБОУ СОШ № 1 (тест)", True)]
    assert 'data-autocomplete-url="/initiatives/projects/choices/organisation/"' in attrs
    assert [p.title for p in page.context["projects"]] == ["Проект школы № 1"]


@pytest.mark.parametrize("choices", [
    [("", "---------"), (1, "МОУ <СОШ> № 1 & «Ё»"), (2, "Гимназия \"Лицей\"")],
    [("Группа <1>", [(1, "a"), (2, "b")]), (3, "c")],
])
@pytest.mark.parametrize("value", [None, 2, "2", [1, 3]])
def test_the_fast_selects_write_the_markup_of_djangos(choices, value):
    from django import forms
    from django.test.html import parse_html

    from accounts.widgets import FastSelect, FastSelectMultiple

    attrs = {"class": "form-select form-select-sm", "id": "id_x", "required": True, "data-x": "<&>"}

    for fast, django_widget in ((FastSelect, forms.Select),
                                (FastSelectMultiple, forms.SelectMultiple)):
        # the same elements, attributes (in any order) and text
        assert (parse_html(fast(attrs=attrs, choices=choices).render("x", value))
                == parse_html(django_widget(attrs=attrs, choices=choices).render("x", value)))


def test_the_registry_filter_selects_are_written_in_python_and_keep_the_choice(world, client):
    from accounts.widgets import FastSelect, MultiChoiceSelect

    client.force_login(world.staff)
    page = client.get(reverse("initiatives:list"), {"state": ["draft", "submitted"]})
    fields = page.context["filter"].form.fields
    # the states: a multi-choice box of tags (Tom Select) over a list box written in Python
    assert type(fields["state"].widget) is MultiChoiceSelect
    assert type(fields["direction"].widget) is FastSelect
    assert fields["state"].widget.attrs["class"] == "form-select form-select-sm"
    html = page.content.decode()
    assert re.search(r'<option value="draft" selected>', html)
    assert re.search(r'<option value="submitted" selected>', html)


def test_the_registry_ordering_select_is_django_filters_own_and_sorts(world, client):
    """The ordering filter's select is django-filter's CSV widget over Django's ``Select``
    (FastCSVSelect saved < 5 % of the registry: bench/results/constructs.md): the chosen order
    marked and applied, the small control of the other filters."""
    from django import forms
    from django_filters.widgets import BaseCSVWidget

    client.force_login(world.staff)
    page = client.get(reverse("initiatives:list"), {"ordering": "title"})
    widget = page.context["filter"].form.fields["ordering"].widget
    assert isinstance(widget, BaseCSVWidget) and isinstance(widget, forms.Select)
    assert widget.attrs["class"] == "form-select form-select-sm"
    assert page.context["filter"].qs.query.order_by == ("title",)
    assert re.search(r'<option value="title" selected>', page.content.decode())


def test_the_filters_model_selects_read_their_options_without_a_server_side_cursor(world,
                                                                                   client):
    """Django's ``ModelChoiceIterator`` reads a select's options through ``QuerySet.iterator()``:
    a server-side cursor on PostgreSQL, four round trips for a few rows. The list filters read
    them with one plain query (``accounts.widgets.OneQueryChoices``), still with the chosen
    option marked."""
    from unittest import mock

    from django.db import connection

    direction = InitiativeFactory(organisation=world.own_org).direction
    client.force_login(world.staff)
    with mock.patch.object(connection, "chunked_cursor",
                           side_effect=AssertionError("a server-side cursor")):
        page = client.get(reverse("initiatives:list"), {"direction": direction.pk})
    assert page.status_code == 200
    _, options = select(page, "direction")
    assert (str(direction.pk), direction.name, True) in options
