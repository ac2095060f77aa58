"""Figures of the annual report from the portfolio records (issue 6), on hand-made numbers."""

import datetime
from decimal import Decimal

import pytest

from initiatives.enums import IncentiveKind, InitiativeState, PublicationChannel, ReviewStatus
from portfolio import queries as pq
from reports import annual
from tests.factories import (
    IncentiveFactory,
    IndicatorActualFactory,
    IndicatorFactory,
    IndicatorPlanFactory,
    OrganisationFactory,
    PlannedProductFactory,
    ProjectFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db


def _running_2022(name, **kwargs):
    org = OrganisationFactory(short_name=name)
    ProjectFactory(organisation=org, starts_on=datetime.date(2021, 9, 1),
                   ends_on=datetime.date(2022, 5, 31), **kwargs)
    return org


@pytest.fixture
def four_orgs():
    """Four organisations run projects in 2022; one more only drafts (not counted)."""
    a, b, c, d = (_running_2022(n) for n in ("МБУ № 41", "МБУ № 88", "МБОУ СОШ № 1",
                                             "МБОУ СОШ № 10"))
    drafting = OrganisationFactory(short_name="МБОУ СОШ № 7")
    ProjectFactory(organisation=drafting, state=InitiativeState.DRAFT)
    IncentiveFactory(organisation=drafting, kind=IncentiveKind.MATERIAL)
    return a, b, c, d


def test_the_incentive_share_counts_organisations_with_both_kinds(four_orgs):
    a, b, c, _d = four_orgs
    for org in (a, b):
        IncentiveFactory(organisation=org, kind=IncentiveKind.MATERIAL)
        IncentiveFactory(organisation=org, kind=IncentiveKind.MORAL)
    IncentiveFactory(organisation=c, kind=IncentiveKind.MORAL)  # one kind only
    # a document of 2023 does not count for 2022
    IncentiveFactory(organisation=c, kind=IncentiveKind.MATERIAL,
                     document_date=datetime.date(2023, 1, 10))
    share = pq.incentive_share(2022)
    # by hand: both kinds in 2 of 4 organisations = 50 %; either kind in 3
    assert (share.part, share.total, share.percent, share.either) == (2, 4, 50, 3)
    assert share.names_without == ["МБОУ СОШ № 1", "МБОУ СОШ № 10"]


def test_informing_shares_per_channel_in_the_year(four_orgs):
    a, b, c, _d = four_orgs
    PublicationFactory(organisation=a, channel=PublicationChannel.SITE)
    PublicationFactory(organisation=a, channel=PublicationChannel.SITE)  # same org twice
    PublicationFactory(organisation=b, channel=PublicationChannel.SITE)
    PublicationFactory(organisation=c, channel=PublicationChannel.SITE,
                       published_on=datetime.date(2021, 12, 1))  # another year
    PublicationFactory(organisation=b, channel=PublicationChannel.VK)
    shares = pq.informing_shares(2022)
    assert {c: (s.part, s.total, s.percent) for c, s in shares.items()} == {
        "site": (2, 4, 50), "vk": (1, 4, 25), "media": (0, 4, 0)}


def test_planned_products_of_the_year_with_their_published_state(four_orgs):
    a, b, _c, _d = four_orgs
    PlannedProductFactory(organisation=a, title="ВСОКО в детском саду",
                          published_title="ВСОКО в детском саду",
                          published_url="https://lab.example.org/1")
    PlannedProductFactory(organisation=b, title="Клубный час")
    PlannedProductFactory(organisation=b, title="На 2023 год", year=2023)
    assert [(p["organisation"], p["title"], p["published"]) for p in pq.planned_products(2022)] \
        == [("МБУ № 41", "ВСОКО в детском саду", True), ("МБУ № 88", "Клубный час", False)]


def test_indicators_plan_and_fact_per_project_and_overall():
    org = OrganisationFactory(short_name="МБУ № 41")
    project = ProjectFactory(organisation=org, title="PROкачество+",
                             starts_on=datetime.date(2021, 9, 1),
                             ends_on=datetime.date(2022, 12, 31))
    share = IndicatorFactory(initiative=project)
    count = IndicatorFactory(initiative=project, name="Разработки", baseline=Decimal("0"),
                             target=Decimal("3"))
    spring = {"period_start": datetime.date(2022, 1, 1), "period_end": datetime.date(2022, 5, 31)}
    IndicatorActualFactory(plan=IndicatorPlanFactory(indicator=share, planned=60, **spring),
                           value=Decimal("65"), status=ReviewStatus.ACCEPTED)
    IndicatorActualFactory(plan=IndicatorPlanFactory(indicator=count, planned=2, **spring),
                           value=Decimal("1"), status=ReviewStatus.ACCEPTED)
    IndicatorPlanFactory(indicator=count, planned=3, period_start=datetime.date(2022, 6, 1),
                         period_end=datetime.date(2022, 12, 31))  # no fact
    IndicatorPlanFactory(indicator=share, planned=50)  # ends in 2021: not this year
    figures = pq.indicators_of_year(2022)
    assert figures == {
        "projects": [{"project": "PROкачество+", "organisation": "МБУ № 41", "planned": 3,
                      "reached": 1, "without_fact": 1}],
        "plans": 3, "reached": 1, "projects_all_reached": 0,
    }


def test_the_annual_sections_state_the_figures_in_russian(four_orgs):
    a, b, c, d = four_orgs
    for org in (a, b, c):
        IncentiveFactory(organisation=org, kind=IncentiveKind.MATERIAL)
        IncentiveFactory(organisation=org, kind=IncentiveKind.MORAL)
    for org in (a, b, c, d):
        PublicationFactory(organisation=org, channel=PublicationChannel.SITE)
    PublicationFactory(organisation=a, channel=PublicationChannel.VK)
    for org, title in ((a, "ВСОКО"), (b, "Клубный час")):
        PlannedProductFactory(organisation=org, title=title, published_title=title)
    section = annual.organisations_section(2022)
    assert section.paragraphs == [
        "В 75% организаций, реализующих управленческие проекты (3 из 4), созданы механизмы "
        "материального и морального стимулирования; хотя бы один из них — в 3.",
        "Пока не созданы в: МБОУ СОШ № 10.",
        "Информирование общественности о деятельности проектных команд ведётся на сайтах "
        "организаций (100% организаций) и в социальной сети ВКонтакте (25%).",
        "Запланированные за отчётный период 2 методические разработки (МБУ № 41, МБУ № 88) "
        "размещены на площадке «Виртуальная сетевая лаборатория идей».",
    ]
    assert annual.organisations_section in annual.SECTIONS
    assert annual.results_section in annual.SECTIONS


def test_the_demo_portfolio_gives_the_2022_report_its_figures(demo):
    from django.core.management import call_command

    from initiatives.enums import Health
    from portfolio.models import ChangeRequest, ReportingPeriod

    counts = (ReportingPeriod.objects.count(), ChangeRequest.objects.count())
    call_command("seed_demo", verbosity=0)  # over the demo: nothing twice
    assert (ReportingPeriod.objects.count(), ChangeRequest.objects.count()) == counts
    top = annual.portfolio_section(2022).tables[0].rows[:2]
    assert top == [["Повышение качества образования в ОУ", 5],
                   ["Методическое сопровождение деятельности педагогических работников", 4]]
    share = pq.incentive_share(2022)
    assert (share.part, share.total, share.names_without) == (6, 7, ["МБОУ СОШ № 10"])
    assert sorted(p["organisation"] for p in pq.planned_products(2022)) == [
        "МБОУ ДО «Свежий ветер»", "МБУ № 41", "МБУ № 88"]
    assert all(p["published"] for p in pq.planned_products(2022))
    from initiatives.models import Initiative

    registry = list(pq.with_health(Initiative.objects.filter(state="in_progress")))
    overdue = [p.title for p in registry if p.n_overdue]
    behind = [p.title for p in registry if p.n_behind]
    assert sorted(overdue) == [  # the history's and the current year's (portfolio.demo.today)
        "Сетевое наставничество молодых педагогов",
        "Смысловое чтение в основной школе: сетевые читательские мастерские для "
        "учителей-предметников и обучающихся 5–7 классов"]
    assert behind == [t for t in behind if "(МБОУ СОШ № 7)" in t]
    assert len(behind) == 1
    assert {p.health for p in registry if "(МБОУ СОШ № 7)" in p.title} == {Health.OFF_TRACK}
    assert ChangeRequest.objects.filter(status="approved").count() == 1


def test_a_planned_product_linked_to_the_library_is_published_when_the_item_is(four_orgs):
    from accounts.enums import OfficeRole
    from accounts.errors import DomainError
    from network.enums import ProductStatus
    from portfolio import services as monitoring
    from tests.factories import MethodicalProductFactory, person_with_roles

    a, b, _c, _d = four_orgs
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    item = MethodicalProductFactory(organisation=a, title="Клубный час: сборник сценариев")
    waiting = MethodicalProductFactory(organisation=b, status=ProductStatus.SUBMITTED)
    monitoring.add_planned_product(a, by=staff, year=2022, title="Клубный час",
                                   library_product=item)
    monitoring.add_planned_product(b, by=staff, year=2022, title="ВСОКО",
                                   library_product=waiting)
    with pytest.raises(DomainError) as refused:
        monitoring.add_planned_product(b, by=staff, year=2022, title="Чужой", library_product=item)
    assert refused.value.field == "library_product"
    assert [(p["organisation"], p["published"], p["published_title"], p["published_url"])
            for p in pq.planned_products(2022)] == [
        ("МБУ № 41", True, "Клубный час: сборник сценариев", f"/network/library/{item.pk}/"),
        ("МБУ № 88", False, waiting.title, f"/network/library/{waiting.pk}/"),
    ]
