"""The office keeps the directions each expert prefers; they raise the expert's fit."""

import pytest
from django.urls import reverse

from accounts.audit import history_for
from accounts.enums import OfficeRole
from accounts.models import User
from expertise import queries as expertise_queries
from tests.factories import DirectionFactory, person_with_roles

pytestmark = pytest.mark.django_db


def test_setting_directions_puts_the_expert_first_in_suggestions_and_is_recorded(world, client):
    direction = world.initiative.direction
    other = DirectionFactory(portfolio=direction.portfolio, name="Инклюзивное образование")
    newcomer = person_with_roles(OfficeRole.EXPERT, username="newcomer", last_name="Яковлева")
    # among equally fitting experts the name decides; the world's names are random (Faker),
    # and one sorting after «Яковлева» put the newcomer first before it had any direction
    User.objects.exclude(pk=newcomer.pk).update(last_name="Андреева")
    before = [e.username for e in expertise_queries.suggest_experts(world.initiative)]
    client.force_login(world.staff)
    response = client.post(reverse("initiatives:expert_pool"),
                           {"expert": newcomer.pk, "directions": [direction.pk, other.pk]})
    assert response.status_code == 302
    after = [e.username for e in expertise_queries.suggest_experts(world.initiative)]
    assert (before[-1], after[0]) == ("newcomer", "newcomer")
    [line] = history_for(newcomer)
    assert (line.action, line.actor, line.to_value) == (
        "expert_directions_set", world.staff, "; ".join(sorted([direction.name, other.name])))
    client.post(reverse("initiatives:expert_pool"), {"expert": newcomer.pk, "directions": []})
    assert newcomer.preferred_directions.count() == 0


def test_a_person_who_is_not_an_expert_cannot_be_given_directions(world, client):
    client.force_login(world.staff)
    response = client.post(reverse("initiatives:expert_pool"),
                           {"expert": world.team_own.pk, "directions": []})
    assert response.status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_the_expert_pool_makes_the_same_queries_for_1_and_3_experts(n, client,
                                                                     django_assert_num_queries):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    for _ in range(n):
        expert = person_with_roles(OfficeRole.EXPERT)
        expert.preferred_directions.create(direction=DirectionFactory())
    client.force_login(staff)
    # session, the user with their roles, the count of experts, the page of experts, their
    # directions, the list of directions
    with django_assert_num_queries(6):
        response = client.get(reverse("initiatives:expert_pool"))
    assert len(response.context["experts"]) == n


def test_the_expert_pool_shows_fifty_experts_a_page(client):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    for _ in range(51):
        person_with_roles(OfficeRole.EXPERT)
    client.force_login(staff)
    url = reverse("initiatives:expert_pool")
    assert len(client.get(url).context["experts"]) == 50
    assert len(client.get(url, {"page": "2"}).context["experts"]) == 1
    assert client.get(url, {"page": "abc"}).status_code == 200
