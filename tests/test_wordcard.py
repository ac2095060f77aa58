"""The Word card read into a draft (issue 19): the seed card as typed and its variants, the
matching of headings by their words, and what cannot be placed kept as «не распознано»."""

import datetime

import docx
import pytest

from initiatives.wordcard import mapping
from initiatives.wordcard.mapping import parse_period, parse_person, read_card
from tests import wordcard_docs

TEAM = [
    {"name": "[ФИО удалено]", "position": "методист МБУ ЦРО"},
    {"name": "[ФИО удалено]", "position": "методист МБУ ЦРО"},
    {"name": "[ФИО удалено]", "position": "заместитель директора МБУ ЦРО"},
    {"name": "[ФИО удалено]", "position": "методист МБУ ЦРО"},
    {"name": "[ФИО удалено]", "position": "методист МБУ ЦРО"},
]
ORGANISATION = "Муниципальное бюджетное учреждение «Центр развития образования города Чайковский»"


@pytest.mark.parametrize("variant", list(wordcard_docs.VARIANTS))
def test_every_section_of_the_seed_card_lands_where_it_belongs(variant):
    card = read_card(wordcard_docs.VARIANTS[variant]())
    assert card["organisation_text"] == ORGANISATION
    assert card["title"] == "Проекный офис+. Неформальный подход"
    assert card["leader"]["name"] == "[ФИО руководителя проекта, телефон и e-mail удалены]"
    assert card["team"] == TEAM
    assert card["annotation"].startswith("Проект «Проекный офис+. Неформальный подход» направлен")
    assert card["annotation"].endswith("в зависимости от уровня зрелости.")
    assert "Как только завершается реализация проекта" in card["problem"]
    assert card["problem"].startswith("В системе образования Чайковского городского округа")
    assert card["problem"].endswith("подходы к организации проектного офиса и его роли могут "
                                    "варьироваться.")
    # the functions of the office listed in the problem analysis stay there
    assert "· централизованное планирование проектов" in card["problem"]
    assert card["idea"].startswith("Проектный офис становится органом")
    assert card["idea"].endswith("как по количеству, так и по качеству встреч.")
    assert (card["starts_on"], card["ends_on"]) == ("2021-09-01", "2022-08-31")
    assert card["goal"] == ("выстраивание самоорганизующейся инновационной методической сети через "
                            "расширение функций деятельности Муниципального проектного офиса.")
    assert len(card["tasks"]) == 6
    assert card["tasks"][0].startswith("Наращивание экспертной и рефлексивной позиции")
    assert card["tasks"][5] == ("Анализ эффективности деятельности самоорганизующейся "
                                "инновационной методической сети.")
    assert card["results_people"].startswith("группа педагогов с сильной экспертной позицией")
    assert card["results_process"].startswith("организация пространства выбора")
    assert card["main_product"].startswith("Статья по созданию")
    expected = [] if variant != "with_extra_sections" else [
        {"heading": "Ресурсы проекта",
         "text": "кадровые — методисты МБУ ЦРО; материально-технические — конференц-зал."},
        {"heading": "Риски проекта", "text": "Уход ключевых участников сети."},
    ]
    assert card["unrecognised"] == expected


@pytest.mark.parametrize(("heading", "key"), [
    ("Проблемный анализ ситуации.", "problem"),
    ("Актуальность проекта", "problem"),
    ("3. Цели проекта", "goal"),
    ("Цель", "goal"),
    ("Сроки реализации", "timeframe"),
    ("Период реализации проекта", "timeframe"),
    ("Ожидаемые результаты", "results"),
    ("Изменения в участниках", "results_people"),
    ("Изменения в системе", "results_process"),
    ("Основной продукт проекта", "main_product"),
    ("Идея проекта", "idea"),
    ("Содержание проектного замысла", mapping.CONTAINER),
    ("Краткий план реализации проекта", mapping.CONTAINER),
    ("Наименование проекта", "title"),
    ("Образовательная организация", "organisation"),
    ("Состав проектной группы", "team"),
    ("Целевые показатели", "indicators"),
    ("Были рассмотрены и прошли экспертизу", None),
    ("Ресурсы проекта", None),
])
def test_headings_are_matched_by_their_words(heading, key):
    assert mapping.match(heading) == key


def test_a_heading_registered_later_keeps_its_section():
    rule = mapping.register_heading("resources", r"ресурс", before=mapping.CONTAINER)
    try:
        card = read_card(wordcard_docs.with_extra_sections())
    finally:
        mapping.HEADINGS.remove(rule)
    assert card["extra"] == [{"key": "resources", "heading": "Ресурсы проекта", "text":
                              "кадровые — методисты МБУ ЦРО; материально-технические — "
                              "конференц-зал."}]
    assert card["unrecognised"] == [{"heading": "Риски проекта",
                                     "text": "Уход ключевых участников сети."}]


def test_the_leaders_phone_and_email_are_read_from_the_line():
    assert parse_person("Иванова Мария Петровна, заместитель директора, тел. +7 (34241) 3-12-45,"
                        " e-mail: ivanova@example.org") == {
        "name": "Иванова Мария Петровна", "position": "заместитель директора",
        "phone": "+7 (34241) 3-12-45", "email": "ivanova@example.org"}
    assert parse_person("Петров П. П. – учитель физики") == {
        "name": "Петров П. П.", "position": "учитель физики", "phone": "", "email": ""}


@pytest.mark.parametrize(("text", "expected"), [
    ("2021-2022 учебный год", (datetime.date(2021, 9, 1), datetime.date(2022, 8, 31))),
    ("01.09.2021 — 31.05.2022", (datetime.date(2021, 9, 1), datetime.date(2022, 5, 31))),
    ("с сентября 2022 по май 2023 года", (datetime.date(2022, 9, 1), datetime.date(2023, 5, 31))),
    ("два года", (None, None)),
    ("31.05.2022 — 01.09.2021", (None, None)),
])
def test_the_period_is_read_in_the_ways_cards_write_it(text, expected):
    assert parse_period(text) == expected


def test_a_period_that_cannot_be_read_is_kept_as_not_recognised():
    lines = [line.replace("2021-2022 учебный год", "весь учебный год")
             for line in wordcard_docs.seed_lines()]
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    card = read_card(wordcard_docs._bytes(document))
    assert card["starts_on"] is None
    assert {"heading": "Срок реализации проекта", "text": "весь учебный год"} in \
        card["unrecognised"]


def test_heading_styles_and_a_team_table_inside_the_card_table_are_read():
    """Headings in Word's «Heading 2» style; the team as a table nested in the card's table."""
    document = docx.Document()
    document.add_heading("Название проекта", level=2)
    document.add_paragraph("Сеть, которая живёт сама")
    document.add_heading("Цель", level=2)
    document.add_paragraph("Выстроить самоорганизующуюся сеть.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Команда проекта", ""
    team = table.cell(0, 1).add_table(rows=2, cols=2)
    team.cell(0, 0).text, team.cell(0, 1).text = "Иванова Анна Петровна", "методист"
    team.cell(1, 0).text, team.cell(1, 1).text = "Петров Олег Ильич", "учитель физики"
    table.cell(1, 0).text, table.cell(1, 1).text = "Основной продукт", "Сборник практик."
    card = read_card(wordcard_docs._bytes(document))
    assert card["title"] == "Сеть, которая живёт сама"
    assert card["goal"] == "Выстроить самоорганизующуюся сеть."
    assert card["team"] == [{"name": "Иванова Анна Петровна", "position": "методист"},
                            {"name": "Петров Олег Ильич", "position": "учитель физики"}]
    assert card["main_product"] == "Сборник практик."
    assert card["unrecognised"] == []


def test_a_long_organisation_name_is_read_from_the_first_item():
    long_name = ("Муниципальное автономное общеобразовательное учреждение «Средняя "
                 "общеобразовательная школа № 7 с углублённым изучением отдельных предметов»")
    lines = wordcard_docs.seed_lines()
    lines[1] = f"1.{long_name}."
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    card = read_card(wordcard_docs._bytes(document))
    assert card["organisation_text"] == long_name
    assert card["title"] == "Проекный офис+. Неформальный подход"
    assert len(card["tasks"]) == 6
    assert card["unrecognised"] == []
