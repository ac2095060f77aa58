"""The sections of the consolidated reports, each from data made here: meetings and decisions,
the plan for the next year, expertise and consultations, network health, and the scope's
filters (period, direction, organisation, state)."""

import datetime
from decimal import Decimal

import pytest

from initiatives.enums import InitiativeState as S
from initiatives.enums import MessageKind, RecommendationState, ReviewState
from meetings.enums import ActivityKind, MeetingStatus
from network.enums import HealthStatus
from reports.annual import (
    build_sections,
    expertise_section,
    meetings_section,
    networks_section,
    plan_section,
    portfolio_section,
)
from reports.document import TABLE_LIMIT, with_drawn_charts
from reports.scope import Scope
from tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    DirectionFactory,
    ExpertAssignmentFactory,
    InitiativeFactory,
    MeetingFactory,
    MeetingFormatFactory,
    NetworkFactory,
    NetworkHealthFactory,
    OrganisationFactory,
    PlannedActivityFactory,
    ReviewFactory,
    ThreadMessageFactory,
    UserFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day, hour=9):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


def meeting_on(day, *, status=MeetingStatus.MINUTES_APPROVED, fmt="заседание", topic="Итоги"):
    return MeetingFactory(starts_at=at(day), ends_at=at(day, 11), status=status, topic=topic,
                          format=MeetingFormatFactory(name=fmt))


def test_meetings_section_counts_the_meetings_held_in_the_period_and_lists_their_decisions():
    final = meeting_on(D(2022, 12, 27), topic="Итоги 2022 года")
    session = meeting_on(D(2022, 10, 27), status=MeetingStatus.HELD,
                         fmt="стратегическая сессия", topic="Развитие сети")
    meeting_on(D(2022, 11, 24), status=MeetingStatus.PLANNED)  # not held
    meeting_on(D(2022, 11, 25), status=MeetingStatus.CANCELLED)  # not held
    meeting_on(D(2021, 12, 20))  # another year
    item = AgendaItemFactory(meeting=final, title="Аналитический отчёт", order=1)
    DecisionFactory(item=item, text="Одобрить отчёт.", executed_at=at(D(2022, 12, 28)))
    DecisionFactory(item=AgendaItemFactory(meeting=session, title="Правила сети", order=1),
                    text="Вынести правила на обсуждение.")

    section = meetings_section(Scope.of_year(2022))

    assert section.paragraphs == [
        "В 2022 году проектный офис провёл 2 заседания (стратегическая сессия: 1, заседание: 1).",
        "На заседаниях принято 2 решения; исполнено из них: 1.",
    ]
    assert [row[1:] for row in section.tables[0].rows] == [
        ["27.10.2022", "стратегическая сессия", "Развитие сети", 1, 1],
        ["27.12.2022", "заседание", "Итоги 2022 года", 1, 1],
    ]
    assert [row[1:] for row in section.tables[1].rows] == [
        ["Правила сети", "Вынести правила на обсуждение.", "нет"],
        ["Аналитический отчёт", "Одобрить отчёт.", "28.12.2022"],
    ]
    assert [c["data"] for c in section.charts] == [[("стратегическая сессия", 1),
                                                    ("заседание", 1)]]


def test_meetings_section_with_an_organisation_keeps_the_meetings_that_heard_its_initiatives():
    own, other = OrganisationFactory(), OrganisationFactory()
    heard_own = meeting_on(D(2022, 3, 1), topic="Замыслы школы")
    heard_other = meeting_on(D(2022, 4, 1), topic="Чужие замыслы")
    own_item = AgendaItemFactory(meeting=heard_own, initiative=InitiativeFactory(organisation=own))
    DecisionFactory(item=own_item, text="Утвердить.")
    DecisionFactory(item=AgendaItemFactory(meeting=heard_other,
                                           initiative=InitiativeFactory(organisation=other)),
                    text="Отклонить.")

    section = meetings_section(Scope(D(2022, 1, 1), D(2022, 12, 31), organisation_id=own.pk,
                                     organisation_name=own.short_name))

    assert [row[3] for row in section.tables[0].rows] == ["Замыслы школы"]
    assert [row[2] for row in section.tables[1].rows] == ["Утвердить."]


def test_a_long_list_of_decisions_is_cut_with_a_note_counting_the_rest():
    item = AgendaItemFactory(meeting=meeting_on(D(2022, 5, 5)))
    DecisionFactory.create_batch(TABLE_LIMIT + 2, item=item)
    table = meetings_section(Scope.of_year(2022)).tables[1]
    assert (len(table.rows), table.note) == (
        TABLE_LIMIT, f"Показаны первые {TABLE_LIMIT} из {TABLE_LIMIT + 2}.")


def test_plan_section_shows_the_approved_plan_of_the_next_year_and_its_scheduled_meetings():
    plan = WorkPlanFactory(year=2023, title="План работы Проектного офиса на 2023 год",
                           approved_at=at(D(2022, 12, 28)),
                           approval_basis="по решению заседания № 3 от 27.12.2022")
    PlannedActivityFactory(plan=plan, month=2, kind=ActivityKind.MEETING,
                           title="Рассмотрение новых замыслов", responsible="Лебедева О. Н.")
    PlannedActivityFactory(plan=plan, month=10, kind=ActivityKind.ACTIVITY,
                           title="Консультационные дни", responsible="")
    WorkPlanFactory(year=2024)  # not the next year
    meeting_on(D(2023, 2, 16), status=MeetingStatus.PLANNED, topic="Новые замыслы")
    meeting_on(D(2023, 3, 16), status=MeetingStatus.HELD, topic="Уже прошло")

    section = plan_section(Scope.of_year(2022))

    assert section.title == "План на 2023 год"
    assert section.paragraphs == [
        "План работы «План работы Проектного офиса на 2023 год» утверждён 28.12.2022 по решению "
        "заседания № 3 от 27.12.2022; мероприятий в плане: 2, из них заседаний проектного "
        "офиса: 1."]
    assert section.tables[0].rows == [
        ["Февраль", "заседание проектного офиса", "Рассмотрение новых замыслов",
         "Лебедева О. Н."],
        ["Октябрь", "иное мероприятие", "Консультационные дни", ""],
    ]
    assert section.tables[1].rows == [["16.02.2023", "заседание", "Новые замыслы"]]


def test_plan_section_says_when_there_is_no_plan_yet():
    section = plan_section(Scope.of_year(2030))
    assert (section.paragraphs, section.tables) == (
        ["План работы проектного офиса на 2031 год ещё не составлен."], [])


def _review(initiative, submitted_on, state=ReviewState.SUBMITTED):
    return ReviewFactory(assignment=ExpertAssignmentFactory(initiative=initiative), state=state,
                         submitted_at=at(submitted_on) if submitted_on else None)


def _message(initiative, kind, on, **kwargs):
    message = ThreadMessageFactory(initiative=initiative, kind=kind, **kwargs)
    type(message).objects.filter(pk=message.pk).update(created_at=at(on))
    return message


def test_expertise_section_counts_reviews_and_consultations_and_lists_open_recommendations():
    org = OrganisationFactory(short_name="МБУ № 41")
    first = InitiativeFactory(organisation=org, title="Клубный час")
    second = InitiativeFactory(organisation=org, title="Сетевое наставничество")
    _review(first, D(2022, 3, 1))
    _review(second, D(2022, 4, 1))
    _review(first, D(2021, 4, 1))  # another year
    _review(first, None, state=ReviewState.DRAFT)  # not submitted
    expert = UserFactory(last_name="Морозов", first_name="Алексей", patronymic="Петрович")
    _message(first, MessageKind.RECOMMENDATION, D(2022, 5, 1), author=expert,
             text="Уточните показатели.")
    # accepted after the period: still open at its end
    _message(second, MessageKind.RECOMMENDATION, D(2022, 6, 1), author=expert,
             text="Опишите риски.", state=RecommendationState.ACCEPTED,
             resolved_at=at(D(2023, 2, 1)))
    # accepted within the period: closed
    _message(second, MessageKind.RECOMMENDATION, D(2022, 6, 2), author=expert,
             text="Добавьте продукт.", state=RecommendationState.ACCEPTED,
             resolved_at=at(D(2022, 9, 1)))
    _message(first, MessageKind.QUESTION, D(2022, 5, 2))
    _message(first, MessageKind.ANSWER, D(2022, 5, 3))
    _message(first, MessageKind.RECOMMENDATION, D(2023, 1, 10))  # given after the period

    section = expertise_section(Scope.of_year(2022))

    assert section.paragraphs == [
        "В 2022 году эксперты представили экспертных отзывов: 2, по проектным замыслам: 2 "
        "(экспертов участвовало: 2); проектный офис выдал экспертных заключений: 0.",
        "Экспертиза — не только проверка: в ветках сопровождения проектных замыслов (2) эксперты "
        "дали рекомендаций: 3; вопросов задано: 1, ответов дано: 1. На конец периода открытых "
        "рекомендаций: 2.",
    ]
    assert section.tables[0].rows == [
        ["Представлено экспертных отзывов", 2], ["Выдано экспертных заключений", 0],
        ["Рекомендация", 3], ["Вопрос", 1], ["Ответ", 1], ["Примечание", 0],
    ]
    assert section.tables[1].rows == [
        ["МБУ № 41", "Клубный час", "Уточните показатели.", "01.05.2022", "Морозов А. П."],
        ["МБУ № 41", "Сетевое наставничество", "Опишите риски.", "01.06.2022", "Морозов А. П."],
    ]


def test_networks_section_reads_the_stored_health_of_the_last_quarter_of_the_period():
    metro = NetworkFactory(name="«Чайковское метро»")
    quiet = NetworkFactory(name="Тихая сеть")
    NetworkFactory(name="Сеть без данных")
    for quarter, events in ((D(2022, 1, 1), 3), (D(2022, 4, 1), 2), (D(2022, 7, 1), 4),
                            (D(2022, 10, 1), 1)):
        NetworkHealthFactory(network=metro, quarter=quarter, events_held=events, active_members=9,
                             top_person_share=Decimal("0.3"), organisers_for_80=4,
                             status=HealthStatus.SELF_SUSTAINING, reasons=["Много организаторов."])
    NetworkHealthFactory(network=metro, quarter=D(2023, 1, 1), events_held=50)  # after
    NetworkHealthFactory(network=quiet, quarter=D(2022, 10, 1), events_held=0,
                         status=HealthStatus.FADING, reasons=["Нет событий."])

    section = networks_section(Scope.of_year(2022))

    assert section.tables[0].rows == [
        ["«Чайковское метро» (инновационная методическая сеть)", 10, 9, 30, 4,
         "живёт самостоятельно (4 кв. 2022)"],
        ["Сеть без данных (инновационная методическая сеть)", 0, 0, "—", "—",
         "недостаточно данных"],
        ["Тихая сеть (инновационная методическая сеть)", 0, 0, "—", "—",
         "затухает (4 кв. 2022)"],
    ]
    assert section.tables[1].rows == [["«Чайковское метро»", "Много организаторов."],
                                      ["Тихая сеть", "Нет событий."]]
    assert section.paragraphs[1] == (
        "Живут самостоятельно, не завися от одного человека или одной школы, сетей: 1 из 3.")


def test_a_scope_by_direction_organisation_and_state_narrows_the_projects():
    direction, other_direction = DirectionFactory(name="Качество"), DirectionFactory()
    org = OrganisationFactory()
    during = {"starts_on": D(2022, 1, 10), "ends_on": D(2022, 6, 30)}
    InitiativeFactory(direction=direction, organisation=org, state=S.IN_PROGRESS, **during)
    InitiativeFactory(direction=direction, organisation=org, state=S.COMPLETED, **during)
    InitiativeFactory(direction=direction, state=S.IN_PROGRESS, **during)  # another organisation
    InitiativeFactory(direction=other_direction, organisation=org, state=S.IN_PROGRESS, **during)
    InitiativeFactory(direction=direction, organisation=org, state=S.IN_PROGRESS,
                      starts_on=D(2022, 7, 1), ends_on=D(2022, 12, 31))  # after the period

    scope = Scope(D(2022, 2, 1), D(2022, 6, 30), direction_id=direction.pk,
                  organisation_id=org.pk, state=S.IN_PROGRESS, direction_name="Качество",
                  organisation_name=org.short_name)
    section = portfolio_section(scope)

    assert section.tables[0].rows == [["Качество", 1]]
    assert section.paragraphs[0].startswith(
        "С 01.02.2022 по 30.06.2022 1 из 1 управленческих проектов")
    assert scope.describe() == [("Период", "с 01.02.2022 по 30.06.2022"),
                                ("Направление", "Качество"),
                                ("Организация", org.short_name),
                                ("Состояние проектных замыслов", "в реализации")]
    assert (scope.is_annual, Scope.of_year(2022).is_annual) == (False, True)


def test_every_chart_of_the_sections_is_drawn_as_svg_with_its_title():
    NetworkHealthFactory(network=NetworkFactory(name="Сеть"), quarter=D(2022, 4, 1),
                         events_held=3)
    InitiativeFactory(direction=DirectionFactory(name="Качество"), state=S.IN_PROGRESS,
                      starts_on=D(2022, 1, 1), ends_on=D(2022, 12, 31))
    sections = with_drawn_charts(build_sections(Scope.of_year(2022)))
    charts = [c for s in sections for c in s.charts]
    assert [c["title"] for c in charts] == ["Проекты по направлениям",
                                            "События сетей за период"]
    for c in charts:
        assert str(c["svg"]).startswith('<figure class="chart-figure"><svg class="chart" '
                                        'role="img"')
        assert "<title id=\"chart-t" in str(c["svg"])
        assert c["title"] in str(c["svg"])
