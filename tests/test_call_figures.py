"""The dashboard and the consolidated reports narrowed to one call (issue 24, item 1): a figure
counts only that call's cards, every number's list keeps the call, the cached figures are kept
per call, and a report's scope carries the call to its title page."""

import datetime
import shutil
import subprocess

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.enums import OfficeRole
from initiatives.enums import InitiativeState as S
from reports import annual
from reports.models import GeneratedReport
from reports.period import Period
from reports.scope import Scope, title_of
from tests.conftest import ARTIFACTS
from tests.factories import CallFactory, InitiativeFactory, RiskFactory, person_with_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def head(client):
    person = person_with_roles(OfficeRole.OFFICE_HEAD)
    client.force_login(person)
    return person


@pytest.fixture
def two_calls():
    spring, autumn = CallFactory(title="Весенний приём"), CallFactory(title="Осенний приём")
    for state in (S.SUBMITTED, S.DRAFT):
        InitiativeFactory(call=spring, state=state)
    InitiativeFactory(call=autumn, state=S.SUBMITTED)
    InitiativeFactory(state=S.SUBMITTED)  # from before the calls
    return spring, autumn


def _funnel(response):
    return {g.value: g.n for g in response.context["funnel"] if g.n}


def test_a_figure_narrowed_to_a_call_counts_only_its_cards(head, client, two_calls):
    spring, _autumn = two_calls
    whole = client.get(reverse("dashboard"), {"year": "all"})
    assert _funnel(whole) == {"draft": 1, "submitted": 3}
    narrowed = client.get(reverse("dashboard"), {"year": "all", "call": spring.pk})
    assert _funnel(narrowed) == {"draft": 1, "submitted": 1}
    html = narrowed.content.decode()
    assert "Только карточки приёма «Весенний приём»" in html
    assert f'<option value="{spring.pk}" selected>Весенний приём</option>' in html
    # the number's list keeps the call and lists as many rows as the figure says
    link = f'/dashboard/initiatives/?year=all&amp;call={spring.pk}&amp;value=submitted'
    assert link in html
    listed = client.get(reverse("metric", args=["initiatives"]),
                        {"year": "all", "call": spring.pk, "value": "submitted"})
    assert listed.context["paginator"].count == 1
    assert listed.context["table"][0][1][0] == spring.initiatives.get(state=S.SUBMITTED).title


def test_the_queues_and_the_head_numbers_follow_the_call(head, client, two_calls):
    spring, autumn = two_calls
    RiskFactory(initiative=InitiativeFactory(call=autumn, state=S.IN_PROGRESS))
    listed = client.get(reverse("metric", args=["unassigned"]), {"call": autumn.pk})
    assert listed.context["paginator"].count == 1
    assert client.get(reverse("metric", args=["open_risks"]),
                      {"call": spring.pk}).context["paginator"].count == 0
    assert client.get(reverse("metric", args=["open_risks"]),
                      {"call": autumn.pk}).context["paginator"].count == 1


@pytest.mark.parametrize("raw", ["999999", "abc", "-1", "1" * 30, "' OR 1=1"])
def test_a_call_that_is_not_one_is_ignored(head, client, two_calls, raw):
    response = client.get(reverse("dashboard"), {"year": "all", "call": raw})
    assert response.status_code == 200
    assert response.context["period"].call is None
    assert _funnel(response) == {"draft": 1, "submitted": 3}


def test_the_cached_figures_are_kept_per_call(head, client, two_calls, settings):
    spring, autumn = two_calls
    settings.DASHBOARD_CACHE_SECONDS = 300
    cache.clear()
    assert _funnel(client.get(reverse("dashboard"), {"year": "all", "call": spring.pk})) == {
        "draft": 1, "submitted": 1}
    assert _funnel(client.get(reverse("dashboard"), {"year": "all", "call": autumn.pk})) == {
        "submitted": 1}
    assert sum(_funnel(client.get(reverse("dashboard"), {"year": "all"})).values()) == 4
    cache.clear()


@pytest.mark.parametrize("n", [1, 3])
def test_a_narrowed_dashboard_makes_constant_queries(n, head, client,
                                                     django_assert_num_queries):
    call = CallFactory()
    for _ in range(n):
        InitiativeFactory(call=call, state=S.IN_PROGRESS)
        CallFactory()
    # the unnarrowed page's queries, the list of calls, and the chosen call's title
    with django_assert_num_queries(12):
        response = client.get(reverse("dashboard"), {"year": "all", "call": call.pk})
    assert sum(g.n for g in response.context["directions"]) == n


def test_period_params_keep_the_call():
    assert Period(None).params == "year=all"
    assert Period(2022, call=5, call_title="x").params == "year=2022&call=5"


def test_a_report_of_one_call_counts_its_cards_and_names_it_on_the_title_page(
        client, django_capture_on_commit_callbacks):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    client.force_login(staff)
    year = datetime.date.today().year
    spring, other = CallFactory(title="Весенний приём"), CallFactory(title="Другой приём")
    InitiativeFactory(call=spring, title="Замысел весеннего приёма")
    InitiativeFactory(call=other, title="Замысел другого приёма")
    InitiativeFactory(title="Замысел без приёма")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:request"), {
            "start": f"{year}-01-01", "end": datetime.date.today().isoformat(),
            "call": spring.pk})
    report = GeneratedReport.objects.get()
    assert response.status_code == 302
    assert report.params["call"] == spring.pk and report.params["call_name"] == "Весенний приём"
    scope = Scope.from_params(report.params)
    assert scope.call_id == spring.pk and scope.has_filters
    total = sum(row[1] for row in annual.initiatives_section(scope).tables[0].rows)
    assert total == 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(report.pdf.path, ARTIFACTS / "report-of-one-call.pdf")
    text = " ".join(subprocess.run(["pdftotext", "-layout", report.pdf.path, "-"],
                                   capture_output=True, text=True, check=True).stdout.split())
    assert "Приём: Весенний приём" in text


def test_the_annual_report_of_one_call(client, django_capture_on_commit_callbacks):
    staff = person_with_roles(OfficeRole.OFFICE_HEAD)
    client.force_login(staff)
    year = datetime.date.today().year - 1
    spring = CallFactory(title="Весенний приём")
    with django_capture_on_commit_callbacks():  # queued; the build is the test above's
        client.post(reverse("reports:list"), {"year": year, "call": spring.pk})
    report = GeneratedReport.objects.get()
    assert report.params == {"year": year, "call": spring.pk, "call_name": "Весенний приём"}
    scope = Scope.from_params(report.params)
    assert title_of(scope) == (f"Аналитический отчёт проектного офиса за {year} год: "
                               "приём «Весенний приём»")
    assert ("Приём", "Весенний приём") in scope.describe()
    assert Scope.from_params(scope.to_params()) == scope
