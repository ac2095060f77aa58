"""The lifecycle declared once: fire() refuses what is not allowed, whatever a view posts."""

import pytest
from django.urls import reverse

from accounts.audit import history_for
from accounts.errors import DomainError
from accounts.models import Notification
from initiatives import lifecycle
from initiatives.enums import InitiativeState as S
from initiatives.models import Initiative
from tests.factories import InitiativeFactory, complete_initiative

pytestmark = pytest.mark.django_db


def test_a_transition_not_allowed_from_the_current_state_is_refused(world):
    card = world.initiative  # a draft
    with pytest.raises(DomainError) as e:
        lifecycle.fire(card, "approve", by=world.head)
    assert str(e.value) == "Действие «Утвердить» невозможно, пока инициатива в состоянии «черновик»."
    card.refresh_from_db()
    assert (card.state, card.versions.count(), history_for(card).count()) == (S.DRAFT, 1, 0)


def test_a_person_the_predicate_refuses_cannot_fire(world):
    with pytest.raises(DomainError) as e:
        lifecycle.fire(world.initiative, "submit", by=world.staff)
    assert str(e.value) == "У вас нет права выполнить действие «Подать в проектный офис» для этой инициативы."
    assert Initiative.objects.get(pk=world.initiative.pk).state == S.DRAFT


def test_an_unknown_transition_is_refused():
    with pytest.raises(DomainError) as e:
        lifecycle.get("publish_everything")
    assert str(e.value) == "Такого действия с инициативой нет."


@pytest.mark.parametrize("name", ["approve", "close", "start", "return", "nonsense"])
def test_the_view_refuses_whatever_it_is_sent(name, world, client):
    client.force_login(world.head)
    response = client.post(reverse("initiatives:transition",
                                   kwargs={"pk": world.initiative.pk, "name": name}), follow=True)
    assert Initiative.objects.get(pk=world.initiative.pk).state == S.DRAFT
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_submit_freezes_a_version_writes_history_and_mails_the_office_after_commit(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        lifecycle.fire(world.initiative, "submit", by=world.team_own)
        assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    card = Initiative.objects.get(pk=world.initiative.pk)
    line = history_for(card).first()
    assert (card.state, card.versions.count()) == (S.SUBMITTED, 2)
    assert (line.action, line.from_value, line.to_value, line.actor) == (
        "state_changed", S.DRAFT, S.SUBMITTED, world.team_own)
    assert card.versions.order_by("-number").first().snapshot["sections"]["title"] == "Сетевой проект"
    assert sorted(m.to[0] for m in mailoutbox) == ["head@example.org", "staff@example.org"]
    assert [n.title for n in Notification.objects.filter(recipient=world.head)] == [
        "«Сетевой проект»: подана"]


def test_submitting_an_incomplete_card_names_the_missing_sections(world):
    card = InitiativeFactory(organisation=world.own_org, annotation="", tasks=[], direction=None)
    with pytest.raises(lifecycle.IncompleteCard) as e:
        lifecycle.fire(card, "submit", by=world.team_own)
    assert sorted(e.value.errors) == ["annotation", "direction", "indicators", "strategy_goals",
                                      "tasks_text", "team"]
    assert Initiative.objects.get(pk=card.pk).state == S.DRAFT


def test_a_comment_is_required_where_declared(world):
    lifecycle.fire(world.initiative, "submit", by=world.team_own)
    with pytest.raises(DomainError) as e:
        lifecycle.fire(world.initiative, "return", by=world.staff, comment="  ")
    assert (str(e.value), e.value.field) == ("Напишите комментарий для команды.", "comment")
    lifecycle.fire(world.initiative, "return", by=world.staff, comment="Добавьте показатели.")
    assert Initiative.objects.get(pk=world.initiative.pk).state == S.RETURNED


def test_the_head_forces_a_transition_with_a_reason_recorded_as_forced(world):
    lifecycle.fire(world.initiative, "approve", by=world.head, forced=True,
                   reason="Решение принято на выездном заседании.")
    card = Initiative.objects.get(pk=world.initiative.pk)
    line = history_for(card).first()
    assert card.state == S.APPROVED
    assert (line.action, line.from_value, line.to_value, line.data["forced"], line.comment) == (
        "state_forced", S.DRAFT, S.APPROVED, True,
        "Причина: Решение принято на выездном заседании.")


def test_forcing_needs_the_head_and_a_reason(world):
    with pytest.raises(DomainError) as e:
        lifecycle.fire(world.initiative, "approve", by=world.staff, forced=True, reason="Надо.")
    assert str(e.value) == "Принудительно менять состояние может только руководитель проектного офиса."
    with pytest.raises(DomainError) as e:
        lifecycle.fire(world.initiative, "approve", by=world.head, forced=True, reason="")
    assert e.value.field == "reason"
    assert Initiative.objects.get(pk=world.initiative.pk).state == S.DRAFT


def test_force_view_records_the_forced_transition(world, client):
    client.force_login(world.head)
    url = reverse("initiatives:force", kwargs={"pk": world.initiative.pk})
    response = client.post(url, {"transition": "approve", "reason": ""})
    assert response.context["form"].errors == {"reason": ["Обязательное поле."]}
    client.post(url, {"transition": "approve", "reason": "Решение заседания № 3."})
    assert history_for(world.initiative).first().action == "state_forced"
    assert Initiative.objects.get(pk=world.initiative.pk).state == S.APPROVED


def test_a_decision_records_its_basis(world):
    card = complete_initiative(world.own_org, leader=world.team_own)
    for name, by in (("submit", world.team_own), ("start_review", world.staff)):
        lifecycle.fire(card, name, by=by)
    lifecycle.fire(card, "recommend", by=world.head, comment="Рекомендован.")
    lifecycle.fire(card, "approve", by=world.head, basis="по решению заседания № 3 от 27.12.2022")
    line = history_for(card).first()
    assert (line.to_value, line.comment, line.data["basis"]) == (
        S.APPROVED, "по решению заседания № 3 от 27.12.2022",
        "по решению заседания № 3 от 27.12.2022")


def test_the_card_buttons_come_from_the_declared_transitions(world, client):
    lifecycle.fire(world.initiative, "submit", by=world.team_own)
    client.force_login(world.staff)
    response = client.get(world.initiative.get_absolute_url())
    assert [t.name for t in response.context["transitions"]] == [
        "return", "start_review"]
    client.force_login(world.team_own)
    response = client.get(world.initiative.get_absolute_url())
    assert [t.name for t in response.context["transitions"]] == ["withdraw"]


def test_the_whole_path_to_closing(world):
    card = world.initiative
    steps = [("submit", world.team_own), ("start_review", world.staff),
             ("request_revision", world.staff), ("resubmit", world.team_own),
             ("recommend", world.head), ("approve", world.head), ("start", world.staff),
             ("complete", world.staff), ("close", world.head)]
    for name, by in steps:
        lifecycle.fire(card, name, by=by, comment="Комментарий.")
    card.refresh_from_db()
    assert (card.state, card.versions.count()) == (S.CLOSED, 3)
    states = [h.to_value for h in history_for(card) if h.action == "state_changed"]
    assert states[::-1] == [
        S.SUBMITTED, S.UNDER_REVIEW, S.REVISION_REQUESTED, S.RESUBMITTED, S.RECOMMENDED,
        S.APPROVED, S.IN_PROGRESS, S.COMPLETED, S.CLOSED]


def test_withdraw_needs_a_reason_and_is_impossible_after_the_decision(world):
    with pytest.raises(DomainError):
        lifecycle.fire(world.initiative, "withdraw", by=world.team_own)
    Initiative.objects.filter(pk=world.initiative.pk).update(state=S.APPROVED)
    world.initiative.refresh_from_db()
    with pytest.raises(DomainError):
        lifecycle.fire(world.initiative, "withdraw", by=world.team_own, reason="Передумали.")
    assert Initiative.objects.get(pk=world.initiative.pk).state == S.APPROVED
