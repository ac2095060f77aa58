"""The registry narrowed to one call (issue 24, item 2): the call's questions as optional
columns (the answer's display value) and as filters (one choice, several choices, yes/no), built
from its current questions; constant SQL with 30 questions; hostile input never a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.calls import questions as qa
from tests.factories import CallFactory, complete_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    call = CallFactory(title="Приём 2027/28")
    add = lambda kind, label, **kw: qa.add_question(call, by=world.staff, kind=kind,  # noqa: E731
                                                     label=label, **kw)
    q = {
        "level": add("choice", "Уровень", options=["школа", "сеть"]),
        "forms": add("choices", "Формы работы", options=["семинар", "практикум", "кейс"]),
        "network": add("yes_no", "Есть сеть?"),
        "people": add("number", "Участников"),
        "since": add("date", "Начало работы"),
        "essay": add("long_text", "Обоснование"),
    }
    school = complete_initiative(world.own_org, leader=world.team_own, call=call,
                                 title="Школьный замысел")
    network = complete_initiative(world.own_org, leader=world.team_own, call=call,
                                  title="Сетевой замысел")
    silent = complete_initiative(world.own_org, leader=world.team_own, call=call,
                                 title="Замысел без ответов")
    complete_initiative(world.own_org, leader=world.team_own, title="Замысел вне приёма")
    answer = lambda card, data: qa.save_answers(  # noqa: E731
        card, by=world.team_own, data={f"q_{q[k].pk}": v for k, v in data.items()})
    answer(school, {"level": "школа", "network": "no", "people": "12", "since": "2027-09-01"})
    qa.save_answers(network, by=world.team_own, data=_multi(q["forms"], ["семинар", "кейс"]))
    answer(network, {"level": "сеть", "network": "yes"})
    return call, q, {"school": school, "network": network, "silent": silent}


def _multi(question, values):
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.setlist(f"q_{question.pk}", values)
    return data


def _titles(response):
    return sorted(i.title for i in response.context["initiatives"])


def test_the_calls_questions_are_columns_with_the_answers_display_value(world, client, setup):
    call, q, _cards = setup
    client.force_login(world.staff)
    page = client.get(reverse("initiatives:list"), {
        "call": call.pk, "columns": [q["level"].pk, q["network"].pk, q["people"].pk,
                                     q["since"].pk, q["forms"].pk], "ordering": "title"})
    html = page.content.decode()
    assert [c.label for c in page.context["answer_columns"]] == [
        "Уровень", "Формы работы", "Есть сеть?", "Участников", "Начало работы"]
    assert '<th scope="col" class="col-compact small answer-column">Есть сеть?</th>' in html
    rows = {i.title: i.answer_cells for i in page.context["initiatives"]}
    assert rows["Школьный замысел"] == ["школа", "", "нет", "12", "01.09.2027"]
    assert rows["Сетевой замысел"] == ["сеть", "семинар; кейс", "да", "", ""]
    assert rows["Замысел без ответов"] == ["", "", "", "", ""]
    # a long text is not offered as a column; without a call there are no answer columns
    offered = dict(page.context["filter"].form.fields["columns"].choices)
    assert str(q["essay"].pk) not in offered and str(q["level"].pk) in offered
    assert "columns" not in client.get(reverse("initiatives:list")).context["filter"].form.fields


def test_filters_by_one_choice_several_choices_and_yes_no(world, client, setup):
    call, q, _cards = setup
    client.force_login(world.staff)
    url = reverse("initiatives:list")
    assert _titles(client.get(url, {"call": call.pk, f"answer_{q['level'].pk}": "школа"})) == [
        "Школьный замысел"]
    assert _titles(client.get(url, {"call": call.pk, f"answer_{q['forms'].pk}": "кейс"})) == [
        "Сетевой замысел"]
    assert _titles(client.get(url, {"call": call.pk,
                                    f"answer_{q['forms'].pk}": "практикум"})) == []
    assert _titles(client.get(url, {"call": call.pk, f"answer_{q['network'].pk}": "no"})) == [
        "Школьный замысел"]
    assert _titles(client.get(url, {"call": call.pk})) == [
        "Замысел без ответов", "Сетевой замысел", "Школьный замысел"]
    # the filter is the registry's: the export of the filtered registry holds the same cards
    export = client.get(reverse("initiatives:export", kwargs={"fmt": "csv"}),
                        {"call": call.pk, f"answer_{q['network'].pk}": "yes"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Сетевой замысел" in text and "Школьный замысел" not in text


def test_an_answer_to_an_earlier_version_of_the_question_is_found(world, client, setup):
    call, q, _cards = setup
    newer = qa.change_question(q["level"], by=world.staff, kind="choice", label="Уровень замысла",
                               options=["школа", "сеть", "муниципалитет"])
    assert newer.pk != q["level"].pk
    client.force_login(world.staff)
    page = client.get(reverse("initiatives:list"), {
        "call": call.pk, f"answer_{newer.pk}": "сеть", "columns": [newer.pk]})
    assert _titles(page) == ["Сетевой замысел"]
    assert [i.answer_cells for i in page.context["initiatives"]] == [["сеть"]]


@pytest.mark.parametrize("params", [
    {"answer_999999": "школа"},                # an unknown question: ignored
    {"columns": ["999999"]},                    # an unknown column: a form error
    {"level": "не вариант"},                    # an option not offered: a form error
    {"forms": "x" * 5000},
    {"network": "maybe"},
    {"columns": ["'; DROP TABLE x"]},
])
def test_hostile_answers_in_the_query_are_ignored_or_refused_in_russian(world, client, setup,
                                                                       params):
    call, q, _cards = setup
    data = {"call": call.pk}
    for key, value in params.items():
        data[f"answer_{q[key].pk}" if key in q else key] = value
    client.force_login(world.staff)
    response = client.get(reverse("initiatives:list"), data)
    assert response.status_code == 200
    errors = response.context["filter"].errors
    if "answer_999999" in data:
        assert not errors and len(response.context["initiatives"]) == 3
    else:
        assert "Выберите корректный вариант" in str(errors)
    assert client.get(reverse("initiatives:export", kwargs={"fmt": "csv"}),
                      data).status_code == 200
    assert client.get(reverse("initiatives:list"),
                      {**data, "call": "abc"}).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_the_page_with_30_answer_columns_costs_the_same_sql(n, world, client, setup):
    call, _q, cards = setup
    questions = [qa.add_question(call, by=world.staff, kind="short_text", label=f"Вопрос {i}")
                 for i in range(30)]
    for card in list(cards.values())[:n]:
        qa.save_answers(card, by=world.team_own,
                        data={f"q_{x.pk}": f"Ответ {x.pk}" for x in questions})
    client.force_login(world.staff)
    url = reverse("initiatives:list")
    with CaptureQueriesContext(connection) as plain:
        client.get(url, {"call": call.pk})
    with CaptureQueriesContext(connection) as wide:
        page = client.get(url, {"call": call.pk, "columns": [x.pk for x in questions]})
    # the questions are read once for the filters and the columns; the answers once a page
    assert len(wide) == len(plain) + 1
    assert len(page.context["answer_columns"]) == 30
    answered = [i for i in page.context["initiatives"] if i.answer_cells[0]]
    assert len(answered) == n
