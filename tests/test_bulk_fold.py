"""Work on many cards at once, the rest of issue 24 item 3: the bulk message's «deadline» comes
from the card's call, and experts assigned to many cards fold the per-card work (the checks read
once, the assignments, audit lines, notifications and e-mails written in bulk) so that the queries
do not grow with the number of cards."""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import OfficeRole
from accounts.models import AuditRecord, Notification
from expertise import bulk as expertise_bulk
from expertise.models import ExpertAssignment
from initiatives.bulk import jobs, messages
from initiatives.calls import services as calls
from initiatives.enums import BulkJobStatus, InitiativeAction
from initiatives.enums import InitiativeState as S
from initiatives.models import Initiative
from tests.factories import (
    CallFactory,
    ConflictOfInterestFactory,
    ExpertAssignmentFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    person_with_roles,
    team_member,
)

pytestmark = pytest.mark.django_db

# 30.09.2027 12:00 UTC is 17:00 in the office's time zone (Asia/Yekaterinburg, UTC+5)
NOW = datetime.datetime(2027, 9, 20, 12, 0, tzinfo=datetime.UTC)
CLOSES = datetime.datetime(2027, 9, 30, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def office():
    return person_with_roles(OfficeRole.OFFICE_STAFF, username="fold_staff")


# --- the message's deadline -----------------------------------------------------------------


def test_the_deadline_is_the_calls_closing_in_the_offices_time(office):
    call = CallFactory(opens_at=NOW - datetime.timedelta(days=5), closes_at=CLOSES)
    card = InitiativeFactory(call=call)
    with time_machine.travel(NOW, tick=False):
        assert messages.values(card)["deadline"] == "30.09.2027 17:00"


def test_a_personal_extension_in_force_is_the_deadline_and_an_expired_one_is_not(office):
    call = CallFactory(opens_at=NOW - datetime.timedelta(days=30), closes_at=NOW)
    card = InitiativeFactory(call=call, state=S.DRAFT)
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        calls.grant_extension(card, until=NOW + datetime.timedelta(days=2, hours=3),
                              reason="Болезнь руководителя", by=office)
        assert messages.values(card)["deadline"] == "22.09.2027 20:00"
    with time_machine.travel(NOW + datetime.timedelta(days=3), tick=False):
        assert messages.values(card)["deadline"] == "20.09.2027 17:00"


def test_a_card_without_a_call_says_so():
    assert messages.values(InitiativeFactory(call=None))["deadline"] == (
        "— (инициатива подана не в рамках приёма замыслов)")


def test_the_bulk_message_fills_the_deadline_of_each_card(
        office, client, django_capture_on_commit_callbacks):
    school, other = OrganisationFactory(), OrganisationFactory()
    team_member(school, email="school@example.org")
    team_member(other, email="other@example.org")
    call = CallFactory(opens_at=NOW - datetime.timedelta(days=5), closes_at=CLOSES)
    with_call = InitiativeFactory(organisation=school, call=call, state=S.SUBMITTED)
    without = InitiativeFactory(organisation=other, call=None, state=S.SUBMITTED)
    with time_machine.travel(NOW, tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        client.force_login(office)  # signed in at the moment travelled to
        client.post(reverse("initiatives:bulk_message"), {
            "ids": [with_call.pk, without.pk], "send": "1", "subject": "Срок",
            "body": "Срок подачи: {deadline}. {link}"})
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Срок подачи: 30.09.2027 17:00." in bodies["school@example.org"]
    assert "Срок подачи: — (инициатива подана не в рамках приёма замыслов)." in \
        bodies["other@example.org"]
    assert "deadline" in messages.MESSAGE.placeholders  # listed beside the field


# --- experts assigned to many cards -----------------------------------------------------------


def _cards(n):
    schools = [OrganisationFactory() for _ in range(3)]
    return [InitiativeFactory(organisation=schools[k % 3], state=S.SUBMITTED) for k in range(n)]


def _run(office, cards, experts, due_on=""):
    job = jobs.start(expertise_bulk.KIND, label="Эксперты", ids=[c.pk for c in cards],
                     by=office, params={"experts": [e.pk for e in experts], "due_on": due_on})
    return jobs.run(job.pk)


@pytest.mark.parametrize("n", [10, 30])
def test_the_assignment_of_many_cards_makes_the_same_queries_for_10_and_30(
        n, office, django_capture_on_commit_callbacks, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    experts = [person_with_roles(OfficeRole.EXPERT) for _ in range(2)]
    cards = _cards(n)
    job = jobs.start(expertise_bulk.KIND, label="Эксперты", ids=[c.pk for c in cards],
                     by=office, params={"experts": [e.pk for e in experts], "due_on": ""})
    ContentType.objects.get_for_model(Initiative)  # Django's cache of content types, warm
    with CaptureQueriesContext(connection) as queries, \
            django_capture_on_commit_callbacks(execute=True):
        jobs.run(job.pk)
    # the job claimed and read (2); the cards; the batch's savepoint (2), the experts with
    # their roles (2), the cards locked, conflicts (3), the existing assignments, one insert of
    # assignments, one of audit lines; the progress, the end and the job read again (3); after
    # commit, in a savepoint (2): the channels, one insert of notifications, the office's
    # wordings (the e-mails go to the broker as one task)
    assert len(queries) == EXPECTED_QUERIES, "\n".join(q["sql"][:150] for q in queries.captured_queries)
    job.refresh_from_db()
    assert (job.status, job.done) == (BulkJobStatus.DONE, n)
    assert ExpertAssignment.objects.count() == 2 * n
    lines = AuditRecord.objects.filter(action=InitiativeAction.EXPERT_ASSIGNED)
    assert lines.count() == 2 * n
    assert set(lines.values_list("object_id", flat=True)) == {str(c.pk) for c in cards}
    for expert in experts:  # each expert told of each card, in the portal and by e-mail
        assert Notification.objects.filter(recipient=expert, kind="expert_assigned").count() == n
        assert sum(expert.email in m.to for m in mail.outbox) == n


EXPECTED_QUERIES = 22


def test_the_folded_assignment_checks_what_the_single_one_checks(office):
    school, other = OrganisationFactory(), OrganisationFactory()
    first = person_with_roles(OfficeRole.EXPERT, last_name="Петров", first_name="Пётр")
    second = person_with_roles(OfficeRole.EXPERT, last_name="Сидорова", first_name="Ольга")
    MembershipFactory(person=second, organisation=other)  # works there
    free, declared, at_other, closed, again = (
        InitiativeFactory(organisation=school, state=S.SUBMITTED),
        InitiativeFactory(organisation=school, state=S.SUBMITTED),
        InitiativeFactory(organisation=other, state=S.SUBMITTED),
        InitiativeFactory(organisation=school, state=S.SUBMITTED),
        InitiativeFactory(organisation=school, state=S.SUBMITTED))
    ConflictOfInterestFactory(expert=first, initiative=declared)
    ExpertAssignmentFactory(initiative=again, expert=first, status="declined")
    ExpertAssignmentFactory(initiative=again, expert=second)
    Initiative.objects.filter(pk=closed.pk).update(state=S.CLOSED)  # moved after the choice
    job = _run(office, [free, declared, at_other, closed, again], [first, second])
    by_card = {r["id"]: r for r in job.results}
    assert by_card[free.pk]["ok"] and by_card[free.pk]["reason"].startswith("Петров П.")
    assert by_card[free.pk]["reason"].count("назначен") == 2
    assert "Конфликт интересов: эксперт заявил" in by_card[declared.pk]["reason"]
    assert "Конфликт интересов: эксперт работает" in by_card[at_other.pk]["reason"]
    assert not by_card[closed.pk]["ok"]
    assert "не назначаются" in by_card[closed.pk]["reason"]
    assert "Этот эксперт уже назначен" in by_card[again.pk]["reason"]
    pairs = set(ExpertAssignment.objects.exclude(status="declined").values_list(
        "initiative_id", "expert_id"))
    assert pairs == {(free.pk, first.pk), (free.pk, second.pk), (declared.pk, second.pk),
                     (at_other.pk, first.pk), (again.pk, first.pk), (again.pk, second.pk)}
    assert ExpertAssignment.objects.get(initiative=again, expert=first).status == "proposed"
    assert job.done == 4


def test_experts_no_longer_in_the_pool_refuse_the_batch_with_the_reason(office):
    card = InitiativeFactory(state=S.SUBMITTED)
    job = _run(office, [card], [])
    assert job.results[0]["ok"] is False and "больше нет" in job.results[0]["reason"]
