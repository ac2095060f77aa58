"""Reports that fill themselves (issue 25, item 4): a period's report opens with what the plan,
the indicators and the risks say; quarterly and annual reports accumulate from the start of the
year; the final report opens against the last approved passport."""

from datetime import date as D
from decimal import Decimal

import pytest
from django.urls import reverse

from initiatives.enums import ReviewStatus
from portfolio import report_facts
from portfolio.models import PassportVersion
from portfolio.plan.enums import PlanItemStatus
from tests.factories import (
    IndicatorActualFactory,
    IndicatorFactory,
    IndicatorPlanFactory,
    PlanItemFactory,
    ProjectFactory,
    ReportingPeriodFactory,
    RiskFactory,
    person_with_roles,
    team_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    p = ProjectFactory(title="Лифт", starts_on=D(2026, 1, 10), ends_on=D(2027, 5, 31))
    PlanItemFactory(initiative=p, number="1", title="Положение утверждено",
                    planned_end=D(2026, 2, 10), status=PlanItemStatus.ACCEPTED,
                    actual_on=D(2026, 2, 12))
    PlanItemFactory(initiative=p, number="2", title="Сеть создана", planned_end=D(2026, 3, 20))
    PlanItemFactory(initiative=p, number="3", title="Семинар проведён",
                    planned_end=D(2026, 4, 15))
    indicator = IndicatorFactory(initiative=p, name="Доля школ", unit="%")
    plan = IndicatorPlanFactory(indicator=indicator, period_label="I квартал 2026",
                                period_start=D(2026, 1, 1), period_end=D(2026, 3, 31),
                                planned=Decimal("25"))
    IndicatorActualFactory(plan=plan, indicator=indicator, value=Decimal("20"),
                           measured_on=D(2026, 3, 30), status=ReviewStatus.ACCEPTED)
    RiskFactory(initiative=p, title="Нет помещения для семинара")
    return p


def test_a_month_reports_on_itself_a_quarter_from_the_start_of_the_year(project):
    march = ReportingPeriodFactory(initiative=project, title="Март", starts_on=D(2026, 3, 1),
                                   ends_on=D(2026, 3, 31), due_on=D(2026, 4, 5))
    quarter = ReportingPeriodFactory(initiative=project, title="II квартал",
                                     starts_on=D(2026, 4, 1), ends_on=D(2026, 6, 30),
                                     due_on=D(2026, 7, 5))
    assert report_facts.span_of(march) == (D(2026, 3, 1), D(2026, 3, 31), False)
    # from the project's start, later than 1 January
    assert report_facts.span_of(quarter) == (D(2026, 1, 10), D(2026, 6, 30), True)
    facts = report_facts.facts_of(march)
    assert [p.number for p in facts.due] == ["2"]
    assert facts.done == []
    assert [(p.number, days) for p, days in facts.deviations] == [("2", 11)]
    assert [p.number for p in facts.upcoming] == ["3"]
    quarter_facts = report_facts.facts_of(quarter)
    assert [p.number for p in quarter_facts.due] == ["1", "2", "3"]
    assert [p.number for p in quarter_facts.done] == ["1"]
    assert quarter_facts.indicators[0]["planned"] == "25"
    assert quarter_facts.indicators[0]["actual"] == "20"


def test_the_report_page_opens_pre_filled(project, client):
    period = ReportingPeriodFactory(initiative=project, title="I квартал",
                                    starts_on=D(2026, 1, 1), ends_on=D(2026, 3, 31),
                                    due_on=D(2026, 4, 5))
    client.force_login(team_member(project.organisation))
    html = client.get(reverse("initiatives:report", kwargs={"pk": period.pk})).content.decode()
    assert "Положение утверждено (12.02.2026)" in html
    assert "Доля школ, I квартал 2026: план 25, факт 20 %" in html
    assert "2 Сеть создана: по плану 20.03.2026, опоздание 11 дн." in html
    assert "Нет помещения для семинара" in html


def test_the_final_report_opens_against_the_last_approved_passport(project):
    from portfolio.models import Passport

    passport = Passport.objects.create(initiative=project, status="approved", version=2)
    indicator = project.indicators.get()
    for n, target in ((1, "60"), (2, "70")):
        PassportVersion.objects.create(
            passport=passport, number=n, approved_at="2026-02-01T10:00:00Z",
            basis=f"по решению заседания № {n} от 01.02.2026",
            snapshot={"indicators": [{"id": indicator.pk, "name": "Доля школ", "unit": "%",
                                      "target": target}]})
    summary = report_facts.final_initial(project)["summary"]
    assert "версия 2" in summary and "цель 70, достигнуто 20 %" in summary
    assert "Достигнуто контрольных точек: 1 из 3." in summary


def test_the_monitoring_page_offers_the_final_report_pre_filled(project, client):
    client.force_login(person_with_roles("office_staff"))
    html = client.get(reverse("initiatives:monitoring", kwargs={"pk": project.pk}))
    assert html.status_code == 200
