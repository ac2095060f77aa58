"""Portfolios, directions and organisation records kept by the office (issue 6)."""

import datetime

import pytest
from django.urls import reverse

from initiatives.enums import IncentiveKind
from initiatives.models import Direction, Portfolio
from portfolio.models import Incentive, PlannedProduct, Publication
from tests.factories import (
    DirectionFactory,
    IncentiveFactory,
    OrganisationFactory,
    PlannedProductFactory,
    ProjectFactory,
    PublicationFactory,
    StrategyGoalFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(person_with_roles("office_staff"))
    return client


@pytest.mark.parametrize("n", [1, 3])
def test_portfolios_page_costs_the_same_for_1_and_3(n, staff_client, django_assert_num_queries):
    for k in range(n):
        portfolio = Portfolio.objects.create(name=f"Портфель {k}")
        DirectionFactory(portfolio=portfolio)
        StrategyGoalFactory()
    with django_assert_num_queries(5):  # portfolios, directions, strategy goals
        response = staff_client.get(reverse("initiatives:portfolios"))
    assert (len(response.context["portfolios"]), len(response.context["goals"])) == (n, n)


@pytest.mark.parametrize("n", [1, 3])
def test_records_pages_cost_the_same_for_1_and_3(n, staff_client, django_assert_num_queries):
    org = OrganisationFactory()
    for _ in range(n):
        IncentiveFactory(organisation=org)
        PublicationFactory(organisation=org, initiative=ProjectFactory(organisation=org))
        PlannedProductFactory(organisation=org)
    for _ in range(n - 1):
        OrganisationFactory()
    # session, user, the count for the pages, fifty organisations with their counts
    with django_assert_num_queries(4):
        response = staff_client.get(reverse("initiatives:records"))
    assert len(response.context["organisations"]) == n
    row = next(o for o in response.context["organisations"] if o.pk == org.pk)
    assert (row.n_incentives, row.n_publications, row.n_products) == (n, n, n)
    with django_assert_num_queries(9):
        response = staff_client.get(reverse("initiatives:organisation_records",
                                            kwargs={"pk": org.pk}))
    assert (len(response.context["incentives"]), len(response.context["publications"]),
            len(response.context["products"])) == (n, n, n)


def test_staff_create_a_portfolio_and_a_direction_and_a_duplicate_is_refused(staff_client):
    staff_client.post(reverse("initiatives:portfolio_create"),
                      {"name": "Новый портфель", "description": "", "order": "1"})
    portfolio = Portfolio.objects.get(name="Новый портфель")
    staff_client.post(reverse("initiatives:direction_create"),
                      {"portfolio": portfolio.pk, "name": "Инклюзия", "order": "0"})
    assert list(portfolio.directions.values_list("name", flat=True)) == ["Инклюзия"]
    response = staff_client.post(reverse("initiatives:direction_create"), {
        "portfolio": portfolio.pk, "name": "Инклюзия", "description": "Описание", "order": "0"})
    form = response.context["form"]
    assert form.errors["name"] == ["В этом портфеле уже есть направление с таким названием."]
    assert form["description"].value() == "Описание"
    assert Direction.objects.filter(name="Инклюзия").count() == 1
    direction = Direction.objects.get(name="Инклюзия")
    staff_client.post(reverse("initiatives:direction_edit", kwargs={"pk": direction.pk}),
                      {"portfolio": portfolio.pk, "name": "Инклюзивное образование",
                       "order": "2"})
    direction.refresh_from_db()
    assert (direction.name, direction.order) == ("Инклюзивное образование", 2)


def test_records_are_added_and_bad_input_is_refused_beside_the_field(staff_client):
    org = OrganisationFactory(short_name="МБУ № 41")
    foreign = ProjectFactory()
    url = reverse("initiatives:record_add", kwargs={"pk": org.pk, "kind": "incentive"})
    response = staff_client.post(url, {"kind": IncentiveKind.MORAL,
                                       "document_title": "Положение о поощрении",
                                       "document_date": "31.02.2022"})
    assert response.context["incentive_form"].errors["document_date"] == ["Введите правильную дату."]
    assert response.context["incentive_form"]["document_title"].value() == "Положение о поощрении"
    staff_client.post(url, {"kind": IncentiveKind.MORAL, "document_title": "Положение о поощрении",
                            "document_date": "2022-02-01"})
    assert Incentive.objects.get().document_date == datetime.date(2022, 2, 1)
    response = staff_client.post(
        reverse("initiatives:record_add", kwargs={"pk": org.pk, "kind": "publication"}),
        {"channel": "vk", "title": "Новость", "published_on": "2022-03-01",
         "url": "javascript:alert(1)", "initiative": foreign.pk})
    assert sorted(response.context["publication_form"].errors) == ["initiative", "url"]
    assert Publication.objects.count() == 0
    response = staff_client.post(
        reverse("initiatives:record_add", kwargs={"pk": org.pk, "kind": "product"}),
        {"year": "двадцать", "title": "Клубный час"})
    assert list(response.context["product_form"].errors) == ["year"]
    assert PlannedProduct.objects.count() == 0
    assert staff_client.post(reverse("initiatives:record_add",
                                     kwargs={"pk": org.pk, "kind": "other"})).status_code == 404


def test_the_records_index_pages_through_the_region_and_finds_by_name(staff_client):
    for k in range(55):
        OrganisationFactory(short_name=f"СОШ № {k + 100}")
    OrganisationFactory(short_name="Гимназия № 2")
    first = staff_client.get(reverse("initiatives:records"))
    assert len(first.context["organisations"]) == 50 and first.context["is_paginated"]
    found = staff_client.get(reverse("initiatives:records"), {"q": "гимназия"})
    assert [o.short_name for o in found.context["organisations"]] == ["Гимназия № 2"]
    assert "Гимназия № 2" in found.content.decode()
