import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.enums import OfficeRole
from accounts.models import User
from network.models import Membership, Organisation
from tests.factories import MembershipFactory, OrganisationFactory, person_with_roles

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
    client.force_login(world.team_own)
    # session, user, memberships (predicate), the section's memberships, roles (nav)
    with django_assert_num_queries(5):
        response = client.get(reverse("home"))
    assert len(response.context["sections"][0].items) == n


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
