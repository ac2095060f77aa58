"""Issue 26: no assignment stays open when its initiative leaves expertise; one definition of
«overdue» serves the dashboard, the home queues, the reminders and the reports."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.enums import NotificationKind
from accounts.models import AuditRecord, Notification
from expertise import assignments
from expertise import services as expertise
from expertise.models import ExpertAssignment
from expertise.queries import overdue_reviews
from initiatives import lifecycle
from initiatives.enums import (
    REVIEW_STATES,
    WAITING_STATES,
    ExpertAssignmentStatus,
    InitiativeAction,
)
from initiatives.enums import InitiativeState as S
from initiatives.models import Initiative
from initiatives.queries import expert_home
from reports import metrics
from tests.factories import ExpertAssignmentFactory, ReviewFactory

pytestmark = pytest.mark.django_db

PAST = datetime.date(2020, 1, 10)

# Every way out of expertise: the transitions a person fires from a state of expertise, and the
# head's override to every state where no review is expected.
PLAIN_PATHS = [
    (S.UNDER_REVIEW, "recommend", {"comment": "Заключение."}, "head"),
    (S.UNDER_REVIEW, "not_recommend", {"comment": "Заключение."}, "head"),
    (S.RESUBMITTED, "recommend", {"comment": "Заключение."}, "staff"),
    (S.RESUBMITTED, "not_recommend", {"comment": "Заключение."}, "staff"),
    (S.UNDER_REVIEW, "withdraw", {"reason": "Команда передумала."}, "team_own"),
    (S.SUBMITTED, "withdraw", {"reason": "Команда передумала."}, "team_own"),
    (S.REVISION_REQUESTED, "withdraw", {"reason": "Не успеваем."}, "team_own"),
]
FORCED_TARGETS = sorted({t.target for t in lifecycle.TRANSITIONS
                         if t.target not in REVIEW_STATES and t.target not in WAITING_STATES})


def _expertise_with_two_assignments(world, state):
    Initiative.objects.filter(pk=world.initiative.pk).update(state=state)
    world.initiative.refresh_from_db()
    accepted = world.initiative.expert_assignments.get()
    accepted.status, accepted.due_on, accepted.responded_at = (
        ExpertAssignmentStatus.ACCEPTED, PAST, timezone.now())
    accepted.save()
    ReviewFactory(assignment=accepted)  # a draft the office must still be able to read
    proposed = ExpertAssignmentFactory(initiative=world.initiative, expert=world.expert_other,
                                       due_on=PAST)
    return accepted, proposed


def _queues_hold_nothing(world):
    today = timezone.localdate()
    assert ExpertAssignment.objects.overdue(today).count() == 0
    assert overdue_reviews().count() == 0
    assert metrics.count_all(["overdue_reviews"], metrics.Period(None))["overdue_reviews"] == 0
    assert expertise.remind_reviews(today=today) == 0
    for expert in (world.expert_assigned, world.expert_other):
        assert expert_home(expert) == []


def _check_closed(world, accepted, proposed, by):
    for row in (accepted, proposed):
        row.refresh_from_db()
        assert row.status == ExpertAssignmentStatus.CLOSED
        assert row.closed_at is not None
        assert "экспертиза больше не ожидается" in row.close_reason
    assert accepted.review.pk  # the draft review is kept
    closings = AuditRecord.objects.filter(action=InitiativeAction.ASSIGNMENT_CLOSED)
    assert sorted(closings.values_list("from_value", flat=True)) == ["accepted", "proposed"]
    told = Notification.objects.filter(kind=NotificationKind.EXPERT_ASSIGNED,
                                       title__startswith="Экспертиза замысла")
    assert sorted(told.values_list("recipient__username", flat=True)) == [
        "expert_assigned", "expert_other"]
    _queues_hold_nothing(world)


@pytest.mark.parametrize(("source", "name", "text", "actor"), PLAIN_PATHS)
def test_leaving_expertise_closes_open_assignments(world, source, name, text, actor):
    accepted, proposed = _expertise_with_two_assignments(world, source)
    lifecycle.fire(world.initiative, name, by=world.people[actor], **text)
    _check_closed(world, accepted, proposed, world.people[actor])


@pytest.mark.parametrize("target", FORCED_TARGETS)
def test_the_heads_override_out_of_expertise_closes_them_too(world, target):
    accepted, proposed = _expertise_with_two_assignments(world, S.UNDER_REVIEW)
    transition = next(t for t in lifecycle.TRANSITIONS if t.target == target)
    lifecycle.fire(world.initiative, transition, by=world.head, forced=True,
                   reason="Решение руководителя.")
    _check_closed(world, accepted, proposed, world.head)


@pytest.mark.parametrize("name", ["request_revision", "return"])
def test_assignments_wait_while_the_card_is_back_with_its_team(world, client, name):
    source = S.SUBMITTED if name == "return" else S.UNDER_REVIEW
    accepted, proposed = _expertise_with_two_assignments(world, source)
    lifecycle.fire(world.initiative, name, by=world.staff, comment="Доработайте.")
    accepted.refresh_from_db()
    assert accepted.status == ExpertAssignmentStatus.ACCEPTED  # still open, but waiting
    today = timezone.localdate()
    assert ExpertAssignment.objects.overdue(today).count() == 0
    assert metrics.count_all(["overdue_reviews"], metrics.Period(None))["overdue_reviews"] == 0
    assert expertise.remind_reviews(today=today) == 0
    rows = expert_home(world.expert_assigned)
    assert [(r.pk, r.is_waiting, r.is_overdue) for r in rows] == [(accepted.pk, True, False)]
    client.force_login(world.expert_assigned)
    page = client.get(reverse("home")).content.decode()
    assert "ждёт: карточка у команды" in page
    assert "просрочен" not in page


def test_overdue_is_one_definition_for_every_reader(world):
    accepted, proposed = _expertise_with_two_assignments(world, S.UNDER_REVIEW)
    today = timezone.localdate()
    expected = [accepted.pk, proposed.pk]
    assert sorted(ExpertAssignment.objects.overdue(today).values_list("pk", flat=True)) == expected
    assert sorted(overdue_reviews().values_list("pk", flat=True)) == expected
    assert metrics.count_all(["overdue_reviews"], metrics.Period(None))["overdue_reviews"] == 2
    assert [r.is_overdue for r in expert_home(world.expert_assigned)] == [True]
    assert expertise.remind_reviews(today=today) == 2


def test_the_office_reopens_a_closed_assignment_when_expertise_resumes(world, client):
    accepted, proposed = _expertise_with_two_assignments(world, S.UNDER_REVIEW)
    lifecycle.fire(world.initiative, "recommend", by=world.head, comment="Заключение.")
    client.force_login(world.staff)
    url = reverse("initiatives:experts", args=[world.initiative.pk])
    # not in expertise: the office is told to wait
    client.post(url, {"reopen": accepted.pk})
    accepted.refresh_from_db()
    assert accepted.status == ExpertAssignmentStatus.CLOSED
    lifecycle.fire(world.initiative, "request_revision", by=world.staff, comment="Ещё раз.")
    Initiative.objects.filter(pk=world.initiative.pk).update(state=S.RESUBMITTED)
    page = client.get(url).content.decode()
    assert 'name="reopen"' in page
    unassigned = metrics.METRICS["unassigned"].queryset(metrics.Period(None))
    assert list(unassigned.values_list("pk", flat=True)) == [world.initiative.pk]
    response = client.post(url, {"reopen": accepted.pk})
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert (accepted.status, accepted.close_reason) == (ExpertAssignmentStatus.ACCEPTED, "")
    assert AuditRecord.objects.filter(action=InitiativeAction.ASSIGNMENT_REOPENED).count() == 1
    assert not metrics.METRICS["unassigned"].queryset(metrics.Period(None)).exists()
    for bad in ("x", "99999999999999999999", proposed.pk + 1000):
        assert client.post(url, {"reopen": bad}).status_code == 302


def test_only_the_office_reopens(world):
    accepted, _ = _expertise_with_two_assignments(world, S.UNDER_REVIEW)
    lifecycle.fire(world.initiative, "withdraw", by=world.team_own, reason="Передумали.")
    with pytest.raises(Exception, match="Только проектный офис"):
        assignments.reopen_assignment(accepted, by=world.expert_assigned)


def test_the_expert_cannot_change_a_draft_of_a_closed_assignment(world):
    accepted, _ = _expertise_with_two_assignments(world, S.UNDER_REVIEW)
    lifecycle.fire(world.initiative, "withdraw", by=world.team_own, reason="Передумали.")
    accepted.refresh_from_db()
    with pytest.raises(Exception, match="Назначение закрыто"):
        expertise.save_review(accepted.review, by=world.expert_assigned, scores={})


