"""Calls for initiatives (issue 24, item 1): the call, its deadline over the first submission,
personal extensions, the journal, receipts, reminders, the public page and feeds."""

import datetime
import json
import threading
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.audit import history_for
from accounts.errors import DomainError
from accounts.models import Notification
from initiatives import lifecycle, services
from initiatives.calls import questions as qa
from initiatives.calls import services as calls
from initiatives.enums import InitiativeState as S
from initiatives.forms import DraftForm
from initiatives.models import Call, CallReminder, Initiative, SubmissionReceipt
from tests.conftest import make_world
from tests.factories import (
    CallFactory,
    DirectionFactory,
    complete_initiative,
    person_with_roles,
    team_member,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 9, 30, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _no_feed_cache():
    cache.clear()
    yield
    cache.clear()


def _call_form(**over):
    data = {"title": "Приём замыслов на 2027/28 учебный год", "academic_year": "2027/2028",
            "opens_on": "2027-09-01", "opens_time": "", "closes_on": "2027-10-01",
            "closes_time": "", "description": "Принимаются проектные замыслы."}
    return {**data, **over}


def test_staff_create_a_call_closing_at_the_end_of_the_given_day(world, client):
    direction = DirectionFactory()
    client.force_login(world.staff)
    response = client.post(reverse("calls:create"), _call_form(directions=[direction.pk]))
    call = Call.objects.get()
    assert response.status_code == 302 and response["Location"] == call.get_absolute_url()
    local_close = timezone.localtime(call.closes_at)
    assert (local_close.date(), local_close.hour, local_close.minute, local_close.second) == (
        datetime.date(2027, 10, 1), 23, 59, 59)
    assert timezone.localtime(call.opens_at).time() == datetime.time(0, 0)
    assert [d.pk for d in call.directions.all()] == [direction.pk]
    assert history_for(call).first().action == "call_created"


def test_a_deadline_before_the_opening_is_refused_next_to_the_field_and_nothing_is_lost(
        world, client):
    client.force_login(world.staff)
    response = client.post(reverse("calls:create"),
                           _call_form(closes_on="2027-08-01", title="Весенний приём"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["closes_on"] == ["Приём должен заканчиваться позже, чем начинается."]
    assert form["title"].value() == "Весенний приём"
    assert Call.objects.count() == 0


def test_a_wrong_academic_year_is_refused_in_russian(world, client):
    client.force_login(world.staff)
    response = client.post(reverse("calls:create"), _call_form(academic_year="2027/2029"))
    assert response.context["form"].errors["academic_year"] == [
        "Укажите учебный год двумя соседними годами, например 2027/2028."]


def test_a_new_draft_joins_the_only_open_call_without_asking(world):
    call = CallFactory()
    draft = services.create_initiative(organisation=world.own_org, title="Новый", by=world.team_own)
    assert draft.call == call
    CallFactory()
    second = services.create_initiative(organisation=world.own_org, title="Ещё", by=world.team_own)
    assert second.call is None  # two fit: the team chooses


def test_the_direction_decides_which_call_fits(world):
    d1, d2 = DirectionFactory(), DirectionFactory()
    call1, call2 = CallFactory(), CallFactory()
    call1.directions.set([d1])
    call2.directions.set([d2])
    draft = services.create_initiative(organisation=world.own_org, title="Новый", by=world.team_own)
    assert draft.call is None
    services.save_draft(draft, by=world.team_own, revision=draft.revision, values={"direction": d2})
    assert Initiative.objects.get(pk=draft.pk).call == call2
    with pytest.raises(DomainError) as e:
        calls.join_call(draft, call=call1, by=world.team_own)
    assert str(e.value) == "Этот приём не принимает замыслы направления карточки."


def test_the_team_chooses_a_call_on_its_draft(world, client):
    call, _other = CallFactory(), CallFactory()
    client.force_login(world.team_own)
    response = client.post(reverse("calls:join", kwargs={"pk": world.initiative.pk}),
                           {"call": call.pk})
    assert response.status_code == 302
    assert Initiative.objects.get(pk=world.initiative.pk).call == call
    page = client.get(reverse("initiatives:edit", kwargs={"pk": world.initiative.pk}))
    assert "осталось" in page.content.decode()


def test_a_tampered_call_choice_is_refused(world, client):
    closed = CallFactory(opens_at=timezone.now() - timedelta(days=20),
                         closes_at=timezone.now() - timedelta(days=1))
    client.force_login(world.team_own)
    response = client.post(reverse("calls:join", kwargs={"pk": world.initiative.pk}),
                           {"call": closed.pk}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Выберите один из предложенных приёмов."]
    assert Initiative.objects.get(pk=world.initiative.pk).call is None


def _draft_in(call, world):
    card = complete_initiative(world.own_org, leader=world.team_own, call=call)
    return card


def test_a_submission_one_second_after_the_deadline_is_refused_and_the_autosaved_draft_kept(
        world, client):
    deadline = NOW
    call = CallFactory(opens_at=NOW - timedelta(days=30), closes_at=deadline)
    card = _draft_in(call, world)
    with time_machine.travel(deadline + timedelta(seconds=1), tick=False):
        client.force_login(world.team_own)
        data = {**DraftForm.initial_for(card), "goal": "Цель после срока"}
        data = {k: v for k, v in data.items() if v is not None}
        saved = client.post(reverse("initiatives:autosave", kwargs={"pk": card.pk}), data)
        assert saved.status_code == 200
        with pytest.raises(DomainError) as e:
            lifecycle.fire(card, "submit", by=world.team_own)
    assert str(e.value).startswith("Приём «" + call.title + "» закрылся 30.09.2027 17:00 "
                                   "(по времени проектного офиса): первая подача больше не "
                                   "принимается. Черновик сохранён")
    card.refresh_from_db()
    assert (card.state, card.goal, card.receipts.count()) == (S.DRAFT, "Цель после срока", 0)


def test_at_the_deadline_exactly_the_card_is_accepted_with_a_receipt(
        world, mailoutbox, django_capture_on_commit_callbacks):
    call = CallFactory(opens_at=NOW - timedelta(days=30), closes_at=NOW)
    card = _draft_in(call, world)
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        lifecycle.fire(card, "submit", by=world.team_own)
    receipt = SubmissionReceipt.objects.get()
    assert (receipt.number, receipt.received_at, receipt.extended) == (1, NOW, False)
    assert receipt.version == card.versions.get()
    note = Notification.objects.get(recipient=world.team_own, kind="submission_received")
    assert note.title == f"Расписка: подача № 1 в приём «{call.title}»"
    letters = [m for m in mailoutbox if world.team_own.email in m.to]
    assert len(letters) == 1 and "Номер в журнале приёма: 1" in letters[0].body
    assert "30.09.2027 17:00" in letters[0].body  # the office's time (Yekaterinburg)


def test_a_card_returned_by_the_office_comes_back_after_the_deadline(world):
    call = CallFactory(opens_at=NOW - timedelta(days=30), closes_at=NOW)
    card = _draft_in(call, world)
    with time_machine.travel(NOW - timedelta(hours=1), tick=False):
        lifecycle.fire(card, "submit", by=world.team_own)
    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        lifecycle.fire(card, "return", by=world.staff, comment="Дополните показатели")
        lifecycle.fire(card, "submit_completed", by=world.team_own)
    assert Initiative.objects.get(pk=card.pk).state == S.SUBMITTED
    assert list(card.receipts.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_a_personal_extension_lets_one_team_submit_until_it_expires(world, client):
    call = CallFactory(opens_at=NOW - timedelta(days=30), closes_at=NOW)
    card = _draft_in(call, world)
    other = complete_initiative(world.other_org, leader=world.team_other, call=call)
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        client.force_login(world.staff)
        response = client.post(reverse("calls:extend", kwargs={"pk": call.pk}), {
            "initiative": card.pk, "until_on": "2027-10-02", "until_time": "",
            "reason": "Болезнь руководителя проекта"})
        assert response.status_code == 302
        line = history_for(card).first()
        assert (line.action, line.actor, line.comment) == (
            "call_extension_granted", world.staff, "Болезнь руководителя проекта")
        with pytest.raises(DomainError):
            lifecycle.fire(other, "submit", by=world.team_other)
        lifecycle.fire(card, "submit", by=world.team_own)
    assert SubmissionReceipt.objects.get(initiative=card).extended is True


def test_an_expired_extension_no_longer_opens_the_call(world):
    call = CallFactory(opens_at=NOW - timedelta(days=30), closes_at=NOW)
    card = _draft_in(call, world)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        calls.grant_extension(card, until=NOW + timedelta(hours=5), reason="Сбой сети",
                              by=world.staff)
    with time_machine.travel(NOW + timedelta(hours=6), tick=False), pytest.raises(DomainError):
        lifecycle.fire(card, "submit", by=world.team_own)


def test_an_extension_needs_a_reason_and_a_moment_after_the_deadline(world, client):
    call = CallFactory(opens_at=NOW - timedelta(days=30), closes_at=NOW)
    card = _draft_in(call, world)
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        client.force_login(world.staff)
        response = client.post(reverse("calls:extend", kwargs={"pk": call.pk}), {
            "initiative": card.pk, "until_on": "2027-09-01", "reason": "Просьба команды"})
    errors = response.context["extension_form"].errors
    assert errors["until_on"] == ["Продление должно заканчиваться в будущем."]
    assert response.context["extension_form"]["reason"].value() == "Просьба команды"


def test_old_cards_without_a_call_keep_working(world):
    CallFactory(opens_at=NOW - timedelta(days=30), closes_at=NOW)
    with time_machine.travel(NOW + timedelta(days=5), tick=False):
        lifecycle.fire(world.initiative, "submit", by=world.team_own)
    assert (Initiative.objects.get(pk=world.initiative.pk).state,
            SubmissionReceipt.objects.count()) == (S.SUBMITTED, 0)


def test_reminders_go_seven_days_and_one_day_before_once_each(world, mailoutbox):
    call = CallFactory(opens_at=NOW - timedelta(days=30), closes_at=NOW)
    card = _draft_in(call, world)
    submitted = _draft_in(call, world)
    with time_machine.travel(NOW - timedelta(days=20), tick=False):
        assert calls.send_deadline_reminders() == 0
    with time_machine.travel(NOW - timedelta(days=6, hours=23), tick=False):
        lifecycle.fire(submitted, "submit", by=world.team_own)
        assert calls.send_deadline_reminders() == 1
        assert calls.send_deadline_reminders() == 0  # idempotent
    with time_machine.travel(NOW - timedelta(days=3), tick=False):
        assert calls.send_deadline_reminders() == 0
    with time_machine.travel(NOW - timedelta(hours=20), tick=False):
        assert calls.send_deadline_reminders() == 1
        assert calls.send_deadline_reminders() == 0
    assert sorted(CallReminder.objects.filter(initiative=card).values_list(
        "days_before", flat=True)) == [1, 7]
    titles = list(Notification.objects.filter(recipient=world.team_own, kind="call_deadline")
                  .order_by("pk").values_list("title", flat=True))
    assert titles == [f"Приём «{call.title}» закрывается через 7 дней",
                      f"Приём «{call.title}» закрывается через 1 день"]


def test_the_public_feed_carries_no_personal_data_and_is_cached(world, client):
    call = CallFactory(created_by=world.staff)
    card = _draft_in(call, world)
    lifecycle.fire(card, "submit", by=world.team_own)
    body = client.get(reverse("calls:feed_json")).content.decode()
    data = json.loads(body)
    assert [c["title"] for c in data["calls"]] == [call.title]
    assert set(data["calls"][0]) == {"id", "title", "academic_year", "opens_at", "closes_at",
                                     "is_open", "directions", "description", "url"}
    atom = client.get(reverse("calls:feed_atom"))
    assert atom["Content-Type"].startswith("application/atom+xml")
    for text in (body, atom.content.decode()):
        for person in (world.staff, world.team_own):
            assert person.last_name not in text and person.email not in text
        assert card.title not in text and world.own_org.short_name not in text
    CallFactory(title="Новый приём")
    assert "Новый приём" not in client.get(reverse("calls:feed_json")).content.decode()


def test_guests_see_open_calls_and_teams_see_the_time_left_at_home(world, client):
    call = CallFactory()
    assert call.title in client.get(reverse("calls:public")).content.decode()
    client.force_login(world.team_own)
    home = client.get(reverse("home")).content.decode()
    assert call.title in home and "осталось" in home


def test_the_registry_filters_by_call(world, client):
    call = CallFactory()
    card = _draft_in(call, world)
    client.force_login(world.staff)
    response = client.get(reverse("initiatives:list"), {"call": call.pk})
    assert [i.pk for i in response.context["initiatives"]] == [card.pk]


@pytest.mark.parametrize("n", [1, 3])
def test_call_pages_make_a_constant_number_of_queries(n, world, client,
                                                      django_assert_num_queries):
    direction = DirectionFactory()
    call = CallFactory()
    for _i in range(n):
        CallFactory().directions.set([direction])
        lifecycle.fire(_draft_in(call, world), "submit", by=world.team_own)
        draft = _draft_in(call, world)
        calls.grant_extension(draft, until=call.closes_at + timedelta(days=1), reason="Просьба",
                              by=world.staff)
        qa.add_question(call, by=world.staff, kind="choice", label=f"Вопрос {_i}",
                        options=["да", "нет"], directions=[direction])
    client.force_login(world.staff)
    client.get(reverse("calls:list"))  # warm the session and the menu
    with django_assert_num_queries(4):
        assert client.get(reverse("calls:list")).status_code == 200
    with django_assert_num_queries(13):  # … and its questions, their forms
        page = client.get(call.get_absolute_url())
    assert (len(page.context["journal"]), len(page.context["drafts"])) == (n, n)
    client.logout()
    with django_assert_num_queries(2):
        assert client.get(reverse("calls:public")).status_code == 200
    with django_assert_num_queries(2):
        assert client.get(reverse("calls:feed_json")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_journal_numbers_are_unique_and_ordered_under_concurrent_submissions():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    world = make_world()
    call = CallFactory()
    cards = [_draft_in(call, world) for _i in range(8)]
    submitter = world.team_own
    barrier = threading.Barrier(len(cards))
    errors = []

    def submit(card):
        try:
            barrier.wait()
            lifecycle.fire(card, "submit", by=submitter)
        except Exception as e:  # noqa: BLE001 — reported below
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(c,)) for c in cards]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = list(SubmissionReceipt.objects.filter(call=call).order_by("number")
                .values_list("number", "received_at"))
    assert [n for n, _at in rows] == list(range(1, 9))
    assert [at for _n, at in rows] == sorted(at for _n, at in rows)
    assert Call.objects.get(pk=call.pk).last_number == 8


def test_only_the_office_manages_calls(world, client):
    call = CallFactory()
    person_with_roles()
    client.force_login(team_member(world.own_org))
    assert client.get(reverse("calls:detail", kwargs={"pk": call.pk})).status_code == 403
