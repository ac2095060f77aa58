"""The expertise of a call (issue 24): each call may use its own review form (several in use at
once) and draw on some experts only; the link lives in ``expertise``, pointing at the call."""

import pytest
from django.urls import reverse

from accounts.errors import DomainError
from expertise import calls as call_expertise
from expertise import services as expertise
from expertise.queries import suggest_experts
from initiatives.enums import ExpertAssignmentStatus
from initiatives.enums import InitiativeState as S
from tests.factories import (
    CallFactory,
    ExpertAssignmentFactory,
    complete_initiative,
    person_with_roles,
    review_form_with,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    call = CallFactory()
    card = complete_initiative(world.own_org, leader=world.team_own, call=call,
                               state=S.SUBMITTED)
    return call, card


def test_the_calls_own_form_is_used_while_another_form_is_in_use(world, setup, client):
    call, card = setup
    call_form = review_form_with(1, name="Форма приёма 2027/28")
    office_form = review_form_with(1, 2)  # the newest in use: the office's form of the others
    client.force_login(world.staff)
    response = client.post(reverse("initiatives:call_expertise", kwargs={"pk": call.pk}),
                           {"review_form": call_form.pk,
                            "experts": [world.expert_assigned.pk]})
    assert response.status_code == 302
    assignment = ExpertAssignmentFactory(initiative=card, expert=world.expert_assigned,
                                         status=ExpertAssignmentStatus.ACCEPTED)
    review = expertise.open_review(assignment, by=world.expert_assigned)
    assert review.form == call_form
    other = complete_initiative(world.own_org, leader=world.team_own, state=S.SUBMITTED)
    other_assignment = ExpertAssignmentFactory(initiative=other, expert=world.expert_assigned,
                                               status=ExpertAssignmentStatus.ACCEPTED)
    assert expertise.open_review(other_assignment, by=world.expert_assigned).form == office_form


def test_a_call_drawing_on_some_experts_refuses_the_others(world, setup):
    call, card = setup
    outsider = person_with_roles("expert")
    call_expertise.set_call_expertise(call, by=world.staff, review_form=None,
                                      experts=[world.expert_other])
    assert [e.pk for e in suggest_experts(card)] == [world.expert_other.pk]
    with pytest.raises(DomainError) as e:
        expertise.assign_expert(card, expert=outsider, by=world.staff)
    assert str(e.value) == "Этот эксперт не входит в круг экспертов приёма, к которому относится замысел."
    assert expertise.assign_expert(card, expert=world.expert_other, by=world.staff).expert == \
        world.expert_other


def test_a_call_without_named_experts_draws_on_every_expert(world, setup):
    call, card = setup
    call_expertise.set_call_expertise(call, by=world.staff, review_form=None, experts=[])
    assert world.expert_other.pk in {e.pk for e in suggest_experts(card)}


def test_the_calls_experts_are_typed_and_the_chosen_ones_written(world, setup, client):
    """The page writes only the call's experts; the others are found by name as one types."""
    call, _card = setup
    call_expertise.set_call_expertise(call, by=world.staff, review_form=None,
                                      experts=[world.expert_other])
    client.force_login(world.staff)
    html = client.get(reverse("initiatives:call_expertise", kwargs={"pk": call.pk})
                      ).content.decode()
    assert 'data-autocomplete-url="/initiatives/calls/expertise/choices/experts/"' in html
    assert f'<option value="{world.expert_other.pk}" selected>' in html
    assert f'<option value="{world.expert_assigned.pk}"' not in html
    assert "tom-select" in html  # the search box's script and styles
    url = reverse("initiatives:call_expertise_choices", kwargs={"field": "experts"})
    found = client.get(url, {"q": world.expert_assigned.last_name}).json()["results"]
    assert {"value": str(world.expert_assigned.pk),
            "text": str(world.expert_assigned)} in found
    client.force_login(world.team_own)
    assert client.get(url, {"q": "а"}).status_code == 403
