"""The office dashboard: numbers that link to the lists that make them, the period selector,
the functions of the Положение on paper and in practice."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.enums import OfficeRole
from accounts.models import User
from initiatives.enums import ExpertAssignmentStatus, Level
from initiatives.enums import InitiativeState as S
from reports import functions, metrics
from tests.factories import (
    ExpertAssignmentFactory,
    InitiativeFactory,
    MeetingFactory,
    NetworkHealthFactory,
    ReflectionFactory,
    RiskFactory,
    ThreadMessageFactory,
    issued_conclusion,
    person_with_roles,
    review_form_with,
    submitted_review,
)

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="(/dashboard/([a-z_]+)/\?year=(\w+)(?:&amp;value=([\w-]+))?)"[^>]*>(\d+)</a>')


@pytest.fixture
def head(client):
    person = person_with_roles(OfficeRole.OFFICE_HEAD)
    client.force_login(person)
    return person


def _links(html):
    return [(url.replace("&amp;", "&"), key, int(n)) for url, key, _y, _v, n in LINK.findall(html)]


def test_every_number_of_the_demo_dashboard_leads_to_that_many_rows(demo, client):
    client.force_login(User.objects.get(username="head"))
    seen = set()
    for year in ("2022", "all"):
        html = client.get(reverse("dashboard"), {"year": year}).content.decode()
        links = _links(html)
        assert len(links) > 20
        for url, key, n in links:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.context["paginator"].count == n, url
            assert len(response.context["table"]) == min(n, 50), url
            seen.add(key)
    # the numbers cover the head's whole dashboard: funnel, directions, indicators, risks,
    # network health, reflections, the overdue queues and the evidence of the functions
    assert {"initiatives", "projects", "indicators", "open_risks", "network_health",
            "reflections", "events_held", "publications"} <= seen


def test_the_funnel_counts_initiatives_of_the_period_by_state(client, head):
    InitiativeFactory.create_batch(3, state=S.SUBMITTED)
    InitiativeFactory(state=S.IN_PROGRESS)
    old = InitiativeFactory(state=S.SUBMITTED)
    type(old).objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2021, 3, 1, tzinfo=datetime.UTC))
    response = client.get(reverse("dashboard"))
    funnel = {g.value: g.n for g in response.context["funnel"]}
    assert funnel[S.SUBMITTED] == 3 and funnel[S.IN_PROGRESS] == 1 and funnel[S.DRAFT] == 0
    response = client.get(reverse("dashboard"), {"year": "2021"})
    assert {g.value: g.n for g in response.context["funnel"]}[S.SUBMITTED] == 1
    response = client.get(reverse("dashboard"), {"year": "all"})
    assert {g.value: g.n for g in response.context["funnel"]}[S.SUBMITTED] == 4
    listed = client.get(reverse("metric", args=["initiatives"]),
                        {"year": "all", "value": S.SUBMITTED})
    assert listed.context["paginator"].count == 4
    assert listed.context["value_label"] == "подана"


def test_open_risks_are_split_by_severity(client, head):
    RiskFactory(probability=Level.HIGH, impact=Level.HIGH)
    RiskFactory(probability=Level.MEDIUM, impact=Level.HIGH)
    RiskFactory(probability=Level.MEDIUM, impact=Level.MEDIUM)
    RiskFactory(probability=Level.LOW, impact=Level.LOW)
    RiskFactory(probability=Level.HIGH, impact=Level.HIGH, status="closed")
    risks = {g.value: g.n for g in client.get(reverse("dashboard")).context["risks"]}
    assert risks == {"high": 2, "medium": 1, "low": 1}


def test_overdue_reviews_are_open_assignments_past_their_date(client, head):
    past = datetime.date.today() - datetime.timedelta(days=3)
    ExpertAssignmentFactory(due_on=past, status=ExpertAssignmentStatus.ACCEPTED,
                            initiative__state=S.UNDER_REVIEW)
    # a card back with its team: the assignment waits, it is not overdue
    ExpertAssignmentFactory(due_on=past, status=ExpertAssignmentStatus.ACCEPTED,
                            initiative__state=S.REVISION_REQUESTED)
    ExpertAssignmentFactory(due_on=past, status=ExpertAssignmentStatus.DECLINED)
    ExpertAssignmentFactory(due_on=datetime.date.today() + datetime.timedelta(days=3))
    done = ExpertAssignmentFactory(due_on=past, status=ExpertAssignmentStatus.ACCEPTED,
                                   initiative__state=S.UNDER_REVIEW)
    submitted_review(done, review_form_with(1), [4])
    numbers = dict((m.key, n) for m, n in client.get(reverse("dashboard")).context["numbers"])
    assert numbers["overdue_reviews"] == 1


def test_a_function_is_performed_partly_or_not_by_its_evidence():
    assert functions.verdict([0, 0]) == functions.Verdict.NOT_PERFORMED
    assert functions.verdict([3, 0]) == functions.Verdict.PARTLY
    assert functions.verdict([1, 2]) == functions.Verdict.PERFORMED
    period = metrics.Period(datetime.date.today().year)

    def review_function():
        return functions.functions_in(period)[0]

    assert review_function().verdict == functions.Verdict.NOT_PERFORMED
    initiative = InitiativeFactory(state=S.RECOMMENDED)
    submitted_review(ExpertAssignmentFactory(initiative=initiative), review_form_with(1), [5])
    assert review_function().verdict == functions.Verdict.PARTLY
    issued_conclusion(initiative)
    row = review_function()
    assert row.verdict == functions.Verdict.PERFORMED
    assert [e.n for e in row.evidence] == [1, 1]
    # and not in another year
    assert functions.functions_in(metrics.Period(2020))[0].verdict == "not_performed"


CURRENT = f"ay{metrics.Period.current_academic()}"


@pytest.mark.parametrize("raw, expected", [
    ("2022", "2022"), ("all", "all"), ("ay2021", "ay2021"), ("", CURRENT), ("1900", CURRENT),
    ("20x2", CURRENT), ("99999999999999999999", CURRENT), ("ay99999999999999", CURRENT),
    ("ay", CURRENT), ("ay1900", CURRENT),
])
def test_the_period_selector_reads_any_input(raw, expected):
    """By default the current academic year; calendar years stay available."""
    assert metrics.Period.from_query({"year": raw}).query == expected


def test_an_academic_year_runs_from_september_to_august():
    period = metrics.Period.from_query({"year": "ay2022"})
    assert (period.start, period.end, str(period.label)) == (
        datetime.date(2022, 9, 1), datetime.date(2023, 8, 31), "2022/2023 учебный год")
    assert metrics.Period.current_academic(datetime.date(2026, 8, 31)) == 2025
    assert metrics.Period.current_academic(datetime.date(2026, 9, 1)) == 2026


def test_a_period_with_no_data_says_what_to_choose(client, head):
    InitiativeFactory()
    response = client.get(reverse("dashboard") + "?year=2019")
    page = response.content.decode()
    assert response.context["empty"] is True
    assert "Выберите другой период" in page
    here = metrics.Period.current_academic()
    assert f'href="?year=ay{here}"' in page and 'id="funnel-title"' not in page


@pytest.mark.parametrize("url", [
    "/dashboard/no-such-number/", "/dashboard/projects/?value=abc",
    "/dashboard/initiatives/?value=nonsense", "/dashboard/overdue_reviews/?value=1",
])
def test_a_bad_drill_down_is_a_404(client, head, url):
    assert client.get(url).status_code == 404


def test_a_group_that_cannot_exist_is_an_empty_list(client, head):
    response = client.get("/dashboard/reflections/?value=99999999999999999999999")
    assert response.status_code == 200 and response.context["paginator"].count == 0


def test_the_list_of_a_group_without_a_direction(client, head):
    InitiativeFactory(state=S.IN_PROGRESS, direction=None, starts_on=None, ends_on=None)
    response = client.get(reverse("metric", args=["projects"]), {"value": "none"})
    assert response.context["paginator"].count == 1
    assert response.context["value_label"] == "не задано"


@pytest.mark.parametrize("n", [1, 3])
def test_dashboard_queries_are_constant(n, client, head, django_assert_num_queries):
    format_meeting = MeetingFactory()
    for _ in range(n):
        InitiativeFactory(state=S.IN_PROGRESS)
        RiskFactory()
        ThreadMessageFactory()
        NetworkHealthFactory()
        ReflectionFactory(meeting=format_meeting)
        soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=9)
        MeetingFactory(starts_at=soon, ends_at=soon + datetime.timedelta(hours=2))
    with django_assert_num_queries(11):  # … and the calls the page may be narrowed to
        response = client.get(reverse("dashboard"), {"year": "all"})
    assert sum(g.n for g in response.context["risks"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_drill_down_queries_are_constant(n, client, head, django_assert_num_queries):
    for _ in range(n):
        RiskFactory(probability=Level.HIGH, impact=Level.HIGH)
    with django_assert_num_queries(4):
        response = client.get(reverse("metric", args=["open_risks"]), {"value": "high"})
    assert len(response.context["table"]) == n


def test_the_functions_section_of_a_report_states_the_verdicts():
    year = datetime.date.today().year
    initiative = InitiativeFactory(state=S.RECOMMENDED)
    submitted_review(ExpertAssignmentFactory(initiative=initiative), review_form_with(1), [5])
    section = functions.report_section(datetime.date(year, 1, 1), datetime.date(year, 12, 31),
                                       filtered=True)
    table = section.tables[0]
    assert len(table.rows) == 13
    assert table.rows[0][3] == "частично" and "Экспертных оценок отправлено: 1" in table.rows[0][2]
    assert section.paragraphs[0].startswith("Из 13 функций")
    assert "не только" in section.paragraphs[-1] or "всего офиса" in section.paragraphs[-1]


def test_the_figures_are_kept_for_a_while_and_the_page_says_as_of_when(client, head, settings):
    from django.core.cache import cache

    settings.DASHBOARD_CACHE_SECONDS = 300
    cache.clear()
    RiskFactory(probability=Level.HIGH, impact=Level.HIGH)
    first = client.get(reverse("dashboard"))
    assert "пересчитываются каждые 5 минут" in first.content.decode()
    RiskFactory(probability=Level.HIGH, impact=Level.HIGH)
    second = client.get(reverse("dashboard"))
    assert {g.value: g.n for g in second.context["risks"]}["high"] == 1  # kept
    # the list behind the number is always current
    listed = client.get(reverse("metric", args=["open_risks"]), {"value": "high"})
    assert listed.context["paginator"].count == 2
    cache.clear()
    assert {g.value: g.n for g in client.get(reverse("dashboard")).context["risks"]}["high"] == 2
