import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.enums import OfficeRole
from accounts.models import User
from initiatives.enums import InitiativeState
from initiatives.models import Initiative
from network.models import Membership, Organisation
from tests.factories import (
    ExpertAssignmentFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("actor", "roles"),
    [
        ("team_own", ["school_team"]),
        ("expert_assigned", ["expert"]),
        ("staff", ["office_staff"]),
        ("head", ["office_head"]),
    ],
)
def test_home_shows_a_section_per_role(actor, roles, world, client):
    client.force_login(world.people[actor])
    response = client.get(reverse("home"))
    assert [s.role for s in response.context["sections"]] == roles


@pytest.mark.parametrize("n", [1, 3])
def test_home_query_count_is_constant(n, world, client, django_assert_num_queries):
    for _ in range(n - 1):
        MembershipFactory(person=world.team_own)
        InitiativeFactory(organisation=world.own_org)
    client.force_login(world.team_own)
    # session, user, memberships (predicate), the team's initiatives, the section's
    # memberships, roles (nav)
    with django_assert_num_queries(6):
        response = client.get(reverse("home"))
    section = response.context["sections"][0]
    assert (len(section.items), len(section.links)) == (n, n)


@pytest.mark.parametrize(("actor", "n"), [("staff", 1), ("staff", 3), ("head", 1), ("head", 3),
                                          ("expert_assigned", 1), ("expert_assigned", 3)])
def test_office_and_expert_homes_list_initiatives_in_constant_queries(
    actor, n, world, client, django_assert_num_queries
):
    """Staff see submitted cards waiting, the head recommended ones, experts their assignments."""
    state = {"staff": InitiativeState.SUBMITTED, "head": InitiativeState.RECOMMENDED,
             "expert_assigned": InitiativeState.UNDER_REVIEW}[actor]
    InitiativeFactory(organisation=world.own_org, state=InitiativeState.DRAFT)  # never listed
    Initiative.objects.filter(pk=world.initiative.pk).update(state=state)
    for _ in range(n - 1):
        card = InitiativeFactory(organisation=world.other_org, state=state)
        ExpertAssignmentFactory(initiative=card, expert=world.expert_assigned)
    client.force_login(world.people[actor])
    # session, user, roles, memberships (school-team check), the section's list
    with django_assert_num_queries(5):
        response = client.get(reverse("home"))
    items = response.context["sections"][0].items
    titles = sorted(getattr(i, "initiative", i).title for i in items)
    assert len(titles) == n
    assert "Сетевой проект" in titles


def test_seed_demo_is_idempotent_and_builds_the_sign_ins():
    call_command("seed_demo", verbosity=0)
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count()) == counts
    team = User.objects.get(username="team")
    assert team.check_password("demo")
    assert [m.organisation.short_name for m in team.memberships.all()] == ["МБОУ СОШ № 7"]
    assert User.objects.get(username="team2").memberships.get().organisation.short_name != (
        "МБОУ СОШ № 7"
    )
    assert User.objects.get(username="head").role_codes >= {"office_head"}


def test_seed_demo_scale_multiplies_organisations():
    call_command("seed_demo", verbosity=0)
    base = Organisation.objects.count()
    call_command("seed_demo", scale=3, verbosity=0)
    assert Organisation.objects.count() == base + 20
    call_command("seed_demo", scale=3, verbosity=0)
    assert Organisation.objects.count() == base + 20


@pytest.mark.parametrize("n", [1, 3])
def test_organisation_list_query_count_is_constant(n, client, django_assert_num_queries):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    OrganisationFactory.create_batch(n)
    client.force_login(staff)
    # session, user, roles, count, the page of organisations
    with django_assert_num_queries(5):
        response = client.get(reverse("network:organisation_list"))
    assert len(response.context["organisations"]) == n
