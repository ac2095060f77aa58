"""Work on many initiatives at once (issue 24, item 3): the selection, the count before
confirming, each card through its domain function, refusals with the reason, the job page."""

import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from accounts.enums import OfficeRole
from accounts.models import AuditRecord, Notification
from expertise import bulk as expertise_bulk
from expertise.models import ExpertAssignment
from initiatives import lifecycle
from initiatives.bulk import jobs, transitions
from initiatives.enums import BulkJobStatus, InitiativeAction, InitiativeState
from initiatives.models import BulkJob, Initiative
from tests.factories import (
    ConflictOfInterestFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    person_with_roles,
    team_member,
)

pytestmark = pytest.mark.django_db
S = InitiativeState


@pytest.fixture
def office():
    return person_with_roles(OfficeRole.OFFICE_STAFF, username="bulk_staff")


@pytest.fixture
def cards():
    """Four submitted cards of two organisations with teams, one draft, one closed."""
    school, other = OrganisationFactory(short_name="МБОУ СОШ № 7"), OrganisationFactory(
        short_name="МБОУ СОШ № 1")
    lead = team_member(school, first_name="Анна", last_name="Иванова")
    team_member(other)
    submitted = [InitiativeFactory(organisation=org, state=S.SUBMITTED, leader=lead,
                                   title=f"Замысел {n}")
                 for n, org in enumerate((school, school, other, other), 1)]
    draft = InitiativeFactory(organisation=school, state=S.DRAFT, title="Черновик")
    closed = InitiativeFactory(organisation=other, state=S.CLOSED, title="Закрытый")
    return submitted, draft, closed


def ids_of(*initiatives):
    return [i.pk for i in initiatives]


def test_only_transitions_without_a_conclusion_or_a_decision_are_offered(office):
    head = person_with_roles(OfficeRole.OFFICE_HEAD)
    names = {t.name for t in transitions.offered(head)} | {
        t.name for t in transitions.offered(office)}
    assert names == {"return", "start_review", "request_revision", "start", "complete"}
    for t in lifecycle.TRANSITIONS:  # the flag derives from the declaration
        assert t.in_bulk == (t.needs in ("", "comment") and not t.by_decision)
    assert "complete" in {t.name for t in transitions.offered(office)}


def test_the_page_counts_the_rows_before_confirming(office, cards, client,
                                                     django_assert_max_num_queries):
    submitted, draft, closed = cards
    client.force_login(office)
    url = reverse("initiatives:bulk_transition")
    response = client.get(url, {"ids": ids_of(*submitted, draft, closed)})
    page = response.content.decode()
    assert "Принять на экспертизу — 4 из 6" in page  # start_review: only the submitted ones
    assert "Вернуть для дополнения — 4 из 6" in page


@pytest.mark.parametrize("n", [1, 3])
def test_the_transition_page_makes_constant_queries(n, office, client,
                                                    django_assert_num_queries):
    school = OrganisationFactory()
    chosen = [InitiativeFactory(organisation=school, state=S.SUBMITTED) for _ in range(n)]
    client.force_login(office)
    url = reverse("initiatives:bulk_transition")
    client.get(url, {"ids": ids_of(*chosen)})
    with django_assert_num_queries(3):  # session, the user with roles, the counts
        client.get(url, {"ids": ids_of(*chosen)})


def test_each_card_moves_in_its_own_transaction_and_the_others_are_refused_with_the_reason(
        office, cards, client, django_capture_on_commit_callbacks):
    submitted, draft, closed = cards
    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("initiatives:bulk_transition"), {
            "ids": [*ids_of(*submitted, draft, closed), 999999],
            "transition": "return", "comment": "Добавьте план мероприятий, {title}"})
    job = BulkJob.objects.get()
    assert response.url == job.get_absolute_url()
    assert (job.status, job.total, job.done, job.refused) == (BulkJobStatus.DONE, 7, 4, 3)
    for card in submitted:
        card.refresh_from_db()
        assert card.state == S.RETURNED
    draft.refresh_from_db()
    assert draft.state == S.DRAFT
    reasons = {r["id"]: r["reason"] for r in job.results if not r["ok"]}
    assert reasons[draft.pk] == ("Действие «Вернуть для дополнения» невозможно, пока "
                                 "инициатива в состоянии «черновик».")
    assert "не можете видеть" in reasons[999999]
    # each card has its own audit line of the state change; the job has one of its own
    assert AuditRecord.objects.filter(action="state_changed").count() == 4
    assert AuditRecord.objects.filter(action=InitiativeAction.BULK_ACTION).count() == 1
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Не выполнено" in page and "Черновик" in page


def test_a_comment_is_asked_for_when_the_transition_needs_one(office, cards, client):
    submitted, *_ = cards
    client.force_login(office)
    response = client.post(reverse("initiatives:bulk_transition"),
                           {"ids": ids_of(*submitted), "transition": "return", "comment": " "})
    assert response.status_code == 400
    assert "Напишите комментарий для команд." in response.content.decode()
    assert not BulkJob.objects.exists()


def test_all_by_the_filter_carries_the_registrys_query(office, cards, client):
    submitted, draft, closed = cards
    client.force_login(office)
    response = client.post(reverse("initiatives:bulk_transition"), {
        "scope": "filter", "q": f"state={S.SUBMITTED}", "transition": "start_review"})
    job = BulkJob.objects.get()
    assert response.status_code == 302
    assert (job.total, job.done) == (4, 4)
    assert sorted(job.initiative_ids) == sorted(ids_of(*submitted))


def test_other_roles_may_not_act_in_bulk(cards, client):
    submitted, *_ = cards
    team = team_member(submitted[0].organisation)
    client.force_login(team)
    for name in ("initiatives:bulk_transition", "initiatives:bulk_message",
                 "initiatives:bulk_assign"):
        assert client.get(reverse(name), {"ids": ids_of(*submitted)}).status_code == 403


def test_a_message_reaches_the_teams_with_placeholders_filled(
        office, cards, client, django_capture_on_commit_callbacks):
    submitted, draft, closed = cards
    lonely = InitiativeFactory(organisation=OrganisationFactory(), state=S.SUBMITTED)
    client.force_login(office)
    url = reverse("initiatives:bulk_message")
    chosen = ids_of(submitted[0], submitted[2], lonely)
    page = client.get(url, {"ids": chosen}).content.decode()
    assert "командам 2 из 3 выбранных замыслов" in page
    bad = client.post(url, {"ids": chosen, "subject": "О {titel}", "body": "<b>x</b>",
                            "send": "1"})
    assert bad.status_code == 400 and "Неизвестная подстановка {titel}" in bad.content.decode()
    assert "&lt;b&gt;x&lt;/b&gt;" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"ids": chosen, "send": "1", "subject": "Замысел «{title}»",
                          "body": "{organisation}, руководитель {leader}: {link}"})
    job = BulkJob.objects.get()
    assert (job.done, job.refused) == (2, 1)
    letters = {m.subject: m.body for m in mail.outbox}
    assert "Проектный офис: Замысел «Замысел 1»" in letters
    body = letters["Проектный офис: Замысел «Замысел 1»"]
    assert "МБОУ СОШ № 7, руководитель Иванова Анна" in body
    assert f"/initiatives/{submitted[0].pk}/" in body
    assert Notification.objects.filter(kind="office_message").count() == 2


def test_the_export_of_the_selection_holds_only_the_chosen_rows(office, cards, client):
    submitted, draft, closed = cards
    client.force_login(office)
    response = client.get(reverse("initiatives:bulk_export", args=["xlsx"]),
                          {"ids": ids_of(submitted[1], draft)})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    titles = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ["Замысел 2", "Черновик"]


def test_experts_are_assigned_with_conflicts_and_load_shown_row_by_row(
        office, cards, client, django_capture_on_commit_callbacks):
    submitted, draft, closed = cards
    first = person_with_roles(OfficeRole.EXPERT, last_name="Петров", first_name="Пётр")
    second = person_with_roles(OfficeRole.EXPERT, last_name="Сидорова", first_name="Ольга")
    MembershipFactory(person=second, organisation=submitted[2].organisation)  # works there
    ConflictOfInterestFactory(expert=first, initiative=submitted[1])
    client.force_login(office)
    url = reverse("initiatives:bulk_assign")
    chosen = ids_of(*submitted, closed)
    data = {"ids": chosen, "experts": [first.pk, second.pk], "preview": "1"}
    page = client.post(url, data).content.decode()
    assert "Эксперты могут быть назначены на 4 из 5" in page
    assert "эксперт заявил о конфликте интересов" in page
    assert "эксперт работает в организации, подавшей инициативу" in page
    assert "нагрузка 0 → 3" in page and "нагрузка 0 → 2" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "confirm": "1"})
    pairs = set(ExpertAssignment.objects.values_list("initiative_id", "expert_id"))
    assert pairs == {(submitted[0].pk, first.pk), (submitted[0].pk, second.pk),
                     (submitted[1].pk, second.pk), (submitted[2].pk, first.pk),
                     (submitted[3].pk, first.pk)}
    job = BulkJob.objects.get()
    assert (job.done, job.refused) == (4, 1)
    assert any("Конфликт интересов" in r["reason"] for r in job.results)


@pytest.mark.parametrize("n", [1, 3])
def test_the_assignment_plan_makes_constant_queries(n, office, django_assert_num_queries):
    school = OrganisationFactory()
    chosen = [InitiativeFactory(organisation=school, state=S.SUBMITTED) for _ in range(n)]
    experts_ids = [person_with_roles(OfficeRole.EXPERT).pk for _ in range(2)]
    # the experts with their load and directions (2), the cards, memberships, team rows,
    # declared conflicts, existing assignments
    with django_assert_num_queries(7):
        experts = expertise_bulk.chosen_experts(experts_ids)
        rows, load = expertise_bulk.plan(Initiative.objects.filter(pk__in=ids_of(*chosen)),
                                         experts)
    assert len(rows) == n and all(after == n for _, after in load.values())


def test_more_than_a_request_runs_in_a_worker_task(office, cards, settings, monkeypatch,
                                                   client, django_capture_on_commit_callbacks):
    submitted, *_ = cards
    monkeypatch.setattr(jobs, "SYNC_LIMIT", 2)
    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("initiatives:bulk_transition"),
                    {"ids": ids_of(*submitted), "transition": "start_review"})
    job = BulkJob.objects.get()  # tasks run eagerly in tests: the worker's run is done
    assert (job.status, job.done, job.progress) == (BulkJobStatus.DONE, 4, 100)
    partial = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "Выполнено: 4" in partial


def test_the_staffs_list_of_cards_without_an_expert_offers_the_actions(office, cards, client):
    submitted, draft, closed = cards
    client.force_login(office)
    page = client.get(reverse("metric", kwargs={"key": "unassigned"})).content.decode()
    for card in submitted:
        assert f'name="ids" value="{card.pk}" form="bulk-form"' in page
    assert reverse("initiatives:bulk_assign") in page
    # a list whose rows are not initiatives has no boxes
    page = client.get(reverse("metric", kwargs={"key": "minutes_to_write"})).content.decode()
    assert 'id="bulk-form"' not in page


def test_the_assignment_form_writes_only_the_chosen_experts_and_finds_the_rest_as_one_types(
        office, cards, client):
    """The office's experts grow to thousands: the form writes the chosen ones, the search box
    asks for the others by name, each with their open assignments."""
    submitted, _draft, _closed = cards
    chosen = person_with_roles(OfficeRole.EXPERT, last_name="Петров", first_name="Пётр")
    other = person_with_roles(OfficeRole.EXPERT, last_name="Петренко", first_name="Анна")
    person_with_roles(OfficeRole.OFFICE_STAFF, last_name="Петрова")  # not an expert
    client.force_login(office)
    page = client.post(reverse("initiatives:bulk_assign"),
                       {"ids": ids_of(*submitted), "experts": [chosen.pk], "preview": "1"})
    html = page.content.decode()
    assert 'data-autocomplete-url="/initiatives/bulk/experts/choices/experts/"' in html
    assert f'<option value="{chosen.pk}" selected>' in html
    assert f'<option value="{other.pk}"' not in html
    answer = client.get(reverse("initiatives:bulk_assign_choices", kwargs={"field": "experts"}),
                        {"q": "петр"}).json()["results"]
    assert sorted(r["text"] for r in answer) == [
        f"{other.full_name} (открытых назначений: 0)",
        f"{chosen.full_name} (открытых назначений: 0)"]


@pytest.mark.parametrize("login", ["team", "expert"])
def test_only_those_who_act_in_bulk_search_the_experts(login, world, client):
    client.force_login(world.people[{"team": "team_own", "expert": "expert_assigned"}[login]])
    response = client.get(reverse("initiatives:bulk_assign_choices", kwargs={"field": "experts"}),
                          {"q": "а"})
    assert response.status_code == 403
