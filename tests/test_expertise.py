"""Expertise: conflicts of interest, suggestions, blind reviews, the weighted aggregation and the
disagreement flag on hand-computed numbers, review forms as versioned data, the thread, the
conclusion, expert positions, reminders and query counts."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.enums import ExpertPositionKind, NotificationKind, OfficeRole
from accounts.errors import DomainError
from accounts.expertise import evidence_for, set_expert_position
from accounts.models import Notification, User
from expertise import aggregation, review_forms
from expertise import queries as expertise_queries
from expertise import services as expertise
from expertise.models import ConflictOfInterest, ReviewForm
from expertise.views.reviews import SUGGESTED
from initiatives import queries
from initiatives.enums import (
    ExpertAssignmentStatus,
    InitiativeState,
    MessageKind,
    Recommendation,
    RecommendationState,
    ReviewFormStatus,
    ReviewState,
)
from tests.conftest import add_expertise
from tests.factories import (
    ConclusionFactory,
    ExpertAssignmentFactory,
    ExpertDirectionFactory,
    ExpertPositionFactory,
    InitiativeFactory,
    MembershipFactory,
    ProjectRoleFactory,
    ReviewFactory,
    TeamMemberFactory,
    ThreadMessageFactory,
    complete_initiative,
    person_with_roles,
    review_form_with,
    submitted_review,
)


@pytest.fixture
def world(world):
    """The shared world with the objects of expertise (tests/conftest.py)."""
    return add_expertise(world)


pytestmark = pytest.mark.django_db


def expert(name, **kwargs):
    return person_with_roles(OfficeRole.EXPERT, username=name, **kwargs)


# --- conflicts of interest and suggestions -----------------------------------------------------


def test_suggestions_exclude_every_kind_of_conflict(world):
    initiative = world.reviewed
    same_org = expert("same_org")
    MembershipFactory(person=same_org, organisation=world.own_org)
    on_team = expert("on_team")
    TeamMemberFactory(initiative=initiative, person=on_team)
    declared = expert("declared")
    ConflictOfInterest.objects.create(expert=declared, organisation=world.own_org,
                                      reason="Муж работает в школе.")
    free = expert("free")
    names = [e.username for e in expertise_queries.suggest_experts(initiative)]
    # expert_assigned is already assigned; the three with conflicts are left out
    assert names == sorted(["expert_other", "free"], key=lambda n: (
        {"expert_other": world.expert_other, "free": free}[n].last_name,
        {"expert_other": world.expert_other, "free": free}[n].first_name))
    for person, reason in ((same_org, "организации"), (on_team, "команды"), (declared, "конфликт")):
        with pytest.raises(DomainError) as e:
            expertise.assign_expert(initiative, expert=person, by=world.staff,
                                    due_on=datetime.date.today() + datetime.timedelta(days=7))
        assert e.value.field == "expert"
        assert reason in str(e.value)


def test_suggestions_order_by_fit_then_load_then_position(world):
    initiative = world.reviewed
    busy_fit = expert("busy_fit")
    ExpertDirectionFactory(expert=busy_fit, direction=initiative.direction)
    for _ in range(2):
        ExpertAssignmentFactory(expert=busy_fit, status=ExpertAssignmentStatus.ACCEPTED,
                                initiative=InitiativeFactory(state=InitiativeState.UNDER_REVIEW))
    expert("idle")
    idle_senior = expert("idle_senior")
    ExpertPositionFactory(person=idle_senior, position=ExpertPositionKind.DEVELOPER)
    ExpertAssignmentFactory(expert=world.expert_other, status=ExpertAssignmentStatus.PROPOSED,
                            initiative=InitiativeFactory(state=InitiativeState.SUBMITTED))
    rows = list(expertise_queries.suggest_experts(initiative))
    assert [(e.username, e.fits_direction, e.open_load) for e in rows] == [
        ("busy_fit", True, 2), ("idle_senior", False, 0), ("idle", False, 0),
        ("expert_other", False, 1),
    ]


def test_declining_for_a_conflict_records_it_and_hides_the_expert(world):
    assignment = ExpertAssignmentFactory(initiative=world.reviewed, expert=world.expert_other)
    expertise.decline_assignment(assignment, by=world.expert_other,
                                 reason="Консультировал эту команду.", conflict=True)
    assignment.refresh_from_db()
    assert assignment.status == ExpertAssignmentStatus.DECLINED
    conflict = ConflictOfInterest.objects.get(expert=world.expert_other)
    assert (conflict.initiative, conflict.reason) == (world.reviewed, "Консультировал эту команду.")
    assert "expert_other" not in [e.username for e in expertise_queries.suggest_experts(world.reviewed)]


def test_declining_needs_a_reason_and_only_the_expert_answers(world):
    with pytest.raises(DomainError) as e:
        expertise.decline_assignment(world.assignment, by=world.expert_assigned, reason="  ")
    assert (str(e.value), e.value.field) == ("Напишите, почему вы отказываетесь.", "reason")
    with pytest.raises(DomainError):
        expertise.accept_assignment(world.assignment, by=world.expert_other)


# --- blind reviews ---------------------------------------------------------------------------


def test_an_expert_sees_the_other_reviews_only_after_submitting(world, client):
    url = reverse("initiatives:reviews", args=[world.reviewed.pk])
    other = ExpertAssignmentFactory(initiative=world.reviewed, expert=world.expert_other,
                                    status=ExpertAssignmentStatus.ACCEPTED)
    submitted_review(other, world.review_form, [4, 4, 4])
    client.force_login(world.expert_assigned)
    assert client.get(url).status_code == 403
    review = expertise.open_review(world.reviewed.expert_assignments.get(
        expert=world.expert_assigned), by=world.expert_assigned)
    scores = {c.pk: (3, "") for c in world.review_form.criteria.all()}
    expertise.save_review(review, by=world.expert_assigned, scores=scores,
                          recommendation=Recommendation.RECOMMEND)
    assert client.get(url).status_code == 403
    expertise.submit_review(review, by=world.expert_assigned)
    response = client.get(url)
    assert response.status_code == 200
    assert [c["expert"].username for c in response.context["table"]["columns"]] == [
        "expert_other", "expert_assigned"]


def test_submitting_needs_every_score_and_comments_beside_low_scores(world):
    review = expertise.open_review(world.reviewed.expert_assignments.get(
        expert=world.expert_assigned), by=world.expert_assigned)
    c1, c2, c3 = world.review_form.criteria.order_by("order")
    expertise.save_review(review, by=world.expert_assigned,
                          scores={c1.pk: (2, ""), c2.pk: (4, "")})
    with pytest.raises(expertise.IncompleteReview) as e:
        expertise.submit_review(review, by=world.expert_assigned)
    assert e.value.errors == {
        f"comment_{c1.pk}": "Оценка 2 и ниже требует комментария: поясните, чего не хватает.",
        f"score_{c3.pk}": "Поставьте оценку.",
        "recommendation": "Выберите общую рекомендацию.",
    }
    with pytest.raises(DomainError) as e:
        expertise.save_review(review, by=world.expert_assigned, scores={c1.pk: (9, "")})
    assert (str(e.value), e.value.field) == ("Оценка должна быть от 0 до 5.", f"score_{c1.pk}")
    review.refresh_from_db()
    assert review.state == ReviewState.DRAFT


# --- weighted aggregation and the disagreement flag, by hand ----------------------------------


def test_weighted_totals_mean_spread_and_flag_on_hand_computed_numbers(world):
    # weights 2, 1, 1 on 0–5 criteria:
    #   A: (5, 4, 3) → (2·5 + 4 + 3) / 4 = 17 / 4 = 4.25
    #   B: (2, 3, 1) → (2·2 + 3 + 1) / 4 =  8 / 4 = 2.00
    #   mean (4.25 + 2.00) / 2 = 3.125 → 3.13; spread 4.25 − 2.00 = 2.25 > 1.5 → disagreement
    a = ExpertAssignmentFactory(initiative=world.reviewed, expert=world.expert_other)
    b = world.reviewed.expert_assignments.get(expert=world.expert_assigned)
    submitted_review(a, world.review_form, [5, 4, 3])
    submitted_review(b, world.review_form, [2, 3, 1], Recommendation.NOT_RECOMMEND)
    table = expertise_queries.review_table(world.reviewed)
    assert [c["total"] for c in table["columns"]] == [Decimal("4.25"), Decimal("2.00")]
    assert (table["mean"], table["spread"], table["disagreement"]) == (
        Decimal("3.13"), Decimal("2.25"), True)
    assert [[cell.value for cell in row["cells"]] for row in table["rows"]] == [
        [5, 2], [4, 3], [3, 1]]


def test_close_totals_are_not_flagged_and_the_form_may_raise_the_threshold(world, settings):
    # A: 4.25 as above; C: (4, 4, 4) → 16 / 4 = 4.00; spread 0.25 ≤ 1.5
    assert aggregation.summary([Decimal("4.25"), Decimal("4.00")]) == {
        "mean": Decimal("4.13"), "spread": Decimal("0.25"), "disagreement": False,
        "threshold": Decimal("1.5")}
    # a spread of 2.25 is flagged at the default 1.5, not at a form's 3, and at a setting of 2
    assert aggregation.summary([Decimal("4.25"), Decimal("2")], threshold=3)["disagreement"] \
        is False
    settings.REVIEW_DISAGREEMENT_THRESHOLD = "2"
    assert aggregation.summary([Decimal("4.25"), Decimal("2")])["disagreement"] is True
    settings.REVIEW_DISAGREEMENT_THRESHOLD = "2.25"
    assert aggregation.summary([Decimal("4.25"), Decimal("2")])["disagreement"] is False


def test_other_scales_are_normalised_to_the_total_scale():
    # 7 on a 1–10 criterion: (7 − 1) / 9 · 5 = 3.333… ; with 4 on a 0–5 criterion of weight 2:
    # (1 · 3.333… + 2 · 4) / 3 = 11.333… / 3 = 3.777… → 3.78
    assert aggregation.weighted_total([(1, 7, 1, 10)]) == Decimal("3.33")
    assert aggregation.weighted_total([(1, 7, 1, 10), (2, 4, 0, 5)]) == Decimal("3.78")
    assert aggregation.weighted_total([(1, None, 0, 5)]) is None


# --- review forms as versioned data -----------------------------------------------------------


def test_a_form_with_reviews_is_not_edited_in_place(world):
    form = world.review_form
    ReviewFactory(form=form, assignment=ExpertAssignmentFactory(initiative=world.reviewed,
                                                                expert=world.expert_other))
    changed, criterion = review_forms.add_criterion(form, by=world.staff, title="Новизна",
                                                    weight=Decimal("1.5"))
    assert (changed.name, changed.version, changed.status, changed.previous) == (
        form.name, 2, ReviewFormStatus.DRAFT, form)
    assert [c.title for c in changed.criteria.all()] == [
        "Критерий 1", "Критерий 2", "Критерий 3", "Новизна"]
    assert form.criteria.count() == 3
    review_forms.set_form_status(changed, status=ReviewFormStatus.IN_USE, by=world.staff)
    form.refresh_from_db()
    assert form.status == ReviewFormStatus.RETIRED
    assert review_forms.form_in_use() == ReviewForm.objects.get(pk=changed.pk)


def test_an_unused_draft_form_is_edited_in_place(world):
    form = review_forms.create_review_form(name="Форма консультации", by=world.staff)
    changed, _c = review_forms.add_criterion(form, by=world.staff, title="Ясность цели",
                                             scale_min=1, scale_max=10, comment_threshold=3)
    assert changed.pk == form.pk
    with pytest.raises(DomainError) as e:
        review_forms.add_criterion(form, by=world.staff, title="Порог", comment_threshold=11,
                                   scale_min=1, scale_max=10)
    assert e.value.field == "comment_threshold"
    with pytest.raises(DomainError):
        review_forms.create_review_form(name="Форма консультации", by=world.expert_assigned)


# --- the accompaniment thread -----------------------------------------------------------------


def test_a_recommendation_is_open_until_addressed_and_accepted(world):
    initiative = world.reviewed
    rec = expertise.post_message(initiative, by=world.expert_assigned,
                                 kind=MessageKind.RECOMMENDATION,
                                 text="Добавьте показатель вовлечённости родителей.")
    assert queries.registry(world.staff).get(pk=initiative.pk).open_recommendations == 1
    assert list(expertise_queries.open_recommendations(expert=world.expert_assigned,
                                            initiatives=[initiative])) == [rec]
    with pytest.raises(DomainError):
        expertise.mark_addressed(rec, by=world.team_own)  # no pointer
    version = initiative.versions.get()
    expertise.mark_addressed(rec, by=world.team_own, version=version)
    expertise.reopen_recommendation(rec, by=world.expert_assigned,
                                    comment="Показатель без базового значения.")
    rec.refresh_from_db()
    assert rec.state == RecommendationState.OPEN
    expertise.mark_addressed(rec, by=world.team_own, note="Отчёт за I полугодие, раздел 2")
    assert queries.registry(world.staff).get(pk=initiative.pk).open_recommendations == 1
    expertise.accept_recommendation(rec, by=world.expert_assigned)
    rec.refresh_from_db()
    assert (rec.state, rec.addressed_note, rec.resolved_by) == (
        RecommendationState.ACCEPTED, "Отчёт за I полугодие, раздел 2", world.expert_assigned)
    assert queries.registry(world.staff).get(pk=initiative.pk).open_recommendations == 0
    kinds = list(Notification.objects.filter(recipient=world.team_own, kind__startswith="rec")
                 .order_by("pk").values_list("kind", flat=True))
    # given, reopened (a recommendation again), accepted
    assert kinds == [NotificationKind.RECOMMENDATION_GIVEN, NotificationKind.RECOMMENDATION_GIVEN,
                     NotificationKind.RECOMMENDATION_ACCEPTED]


def test_who_may_recommend_and_that_a_team_may_ask_in_progress(world):
    running = complete_initiative(world.own_org, state=InitiativeState.IN_PROGRESS)
    question = expertise.post_message(running, by=world.team_own, kind=MessageKind.QUESTION,
                                      text="Как оформить промежуточный отчёт?")
    with pytest.raises(DomainError) as e:
        expertise.post_message(running, by=world.team_own, kind=MessageKind.RECOMMENDATION,
                               text="Сами себе")
    assert e.value.field == "kind"
    answer = expertise.post_message(running, by=world.staff, kind=MessageKind.ANSWER,
                                    text="По шаблону офиса.", reply_to=question)
    assert (answer.reply_to, answer.state) == (question, "")
    closed = complete_initiative(world.own_org, state=InitiativeState.CLOSED)
    with pytest.raises(DomainError):
        expertise.post_message(closed, by=world.team_own, kind=MessageKind.NOTE, text="Итоги")


# --- conclusion -------------------------------------------------------------------------------


@pytest.mark.parametrize("recommendation,state", [
    (Recommendation.RECOMMEND, InitiativeState.RECOMMENDED),
    (Recommendation.AFTER_REVISION, InitiativeState.REVISION_REQUESTED),
    (Recommendation.NOT_RECOMMEND, InitiativeState.NOT_RECOMMENDED),
])
def test_issuing_a_conclusion_moves_the_initiative_by_the_lifecycle(world, recommendation,
                                                                    state):
    draft = expertise.compose_conclusion(world.reviewed, by=world.staff, summary="Итог.",
                                         recommendation=recommendation,
                                         conditions="Уточнить показатели.")
    with pytest.raises(DomainError):
        expertise.issue_conclusion(draft, by=world.staff)
    issued = expertise.issue_conclusion(draft, by=world.head, build_pdf=False)
    world.reviewed.refresh_from_db()
    assert (world.reviewed.state, issued.state, issued.number.endswith("-ЭЗ/" + str(
        issued.issued_at.year))) == (state, "issued", True)


def test_a_conclusion_after_revision_needs_conditions(world):
    with pytest.raises(DomainError) as e:
        expertise.compose_conclusion(world.reviewed, by=world.staff, summary="Итог.",
                                     recommendation=Recommendation.AFTER_REVISION)
    assert e.value.field == "conditions"


# --- expert positions -------------------------------------------------------------------------


def test_the_office_sets_a_position_and_the_profile_shows_history_and_evidence(world, client):
    with pytest.raises(DomainError):  # an expert does not record positions
        set_expert_position(world.expert_assigned, position=ExpertPositionKind.DEVELOPER,
                            reason="Ведёт семинары", by=world.expert_other)
    with pytest.raises(DomainError) as e:
        set_expert_position(world.expert_assigned, position=ExpertPositionKind.DEVELOPER,
                            reason=" ", by=world.head)
    assert e.value.field == "reason"
    set_expert_position(world.expert_assigned, position=ExpertPositionKind.CONTENT_EXPERT,
                        reason="Первые экспертизы", by=world.head,
                        since=datetime.date(2021, 9, 1))
    set_expert_position(world.expert_assigned, position=ExpertPositionKind.DEVELOPING_EXPERT,
                        reason="Сопровождает две команды", by=world.head,
                        since=datetime.date(2022, 9, 1))
    submitted_review(world.reviewed.expert_assignments.get(expert=world.expert_assigned),
                     world.review_form, [4, 4, 4])
    # world.initiative has an open and an addressed recommendation of expert_assigned
    assert evidence_for(world.expert_assigned) == [
        ("Экспертиз проведено", 1), ("Консультаций дано", 2),
        ("Рекомендаций принято командами", 1)]
    client.force_login(world.team_other)
    response = client.get(reverse("accounts:person", args=[world.expert_assigned.pk]))
    assert [p.position for p in response.context["positions"]] == [
        ExpertPositionKind.DEVELOPING_EXPERT, ExpertPositionKind.CONTENT_EXPERT]
    assert "Сопровождает две команды" in response.content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_a_persons_page_reads_each_kind_of_row_once(n, world, client, django_assert_num_queries):
    """The permission check and the page both ask for the person: read (with the rows the page
    prefetches) once, however many positions, memberships and teams the person has."""
    person = world.expert_assigned
    for i, position in enumerate(list(ExpertPositionKind)[:n]):
        set_expert_position(person, position=position, by=world.head, reason=f"Шаг {i}",
                            since=datetime.date(2020 + i, 9, 1))
        MembershipFactory(person=person)
        TeamMemberFactory(person=person)
        ProjectRoleFactory(person=person)
    client.force_login(world.staff)
    # session, user, the person, roles, memberships and their organisations, positions and who
    # set them, project roles and their projects, teams with their cards and shares, the evidence
    with django_assert_num_queries(14):
        assert client.get(reverse("accounts:person", args=[person.pk])).status_code == 200


# --- reminders --------------------------------------------------------------------------------


def test_reminders_go_to_due_and_overdue_reviews_once_a_day(world):
    today = datetime.date(2030, 3, 10)
    a = world.reviewed.expert_assignments.get(expert=world.expert_assigned)
    a.due_on = datetime.date(2030, 3, 8)  # overdue
    a.save()
    ExpertAssignmentFactory(initiative=world.reviewed, expert=world.expert_other,
                            due_on=datetime.date(2030, 4, 30))  # not yet
    assert expertise.remind_reviews(today=today) == 1
    assert expertise.remind_reviews(today=today) == 0
    titles = list(Notification.objects.filter(kind=NotificationKind.REVIEW_DUE)
                  .values_list("recipient__username", "title"))
    assert titles == [("expert_assigned",
                       "Срок экспертизы «Замысел на экспертизе» истёк (08.03.2030)")]


# --- query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_reviews_table_query_count_is_constant(n, world, client, django_assert_num_queries):
    for k in range(n):
        a = ExpertAssignmentFactory(initiative=world.reviewed,
                                    expert=expert(f"reviewer{k}"))
        submitted_review(a, world.review_form, [4, 3, 5])
    client.force_login(world.staff)
    with django_assert_num_queries(6):
        response = client.get(reverse("initiatives:reviews", args=[world.reviewed.pk]))
    assert len(response.context["table"]["columns"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_experts_page_query_count_is_constant(n, world, client, django_assert_num_queries):
    for k in range(n):
        ExpertPositionFactory(person=expert(f"candidate{k}"))
    client.force_login(world.staff)
    # 7: the default due date reads the office's corrections of the production calendar; the
    # suggestions are read once, for the table and the select
    with django_assert_num_queries(7):
        response = client.get(reverse("initiatives:experts", args=[world.reviewed.pk]))
    assert len(response.context["suggestions"]) == n + 1  # and expert_other
    assert len(response.context["form"].fields["expert"].choices) == n + 2  # and the empty one


def test_the_experts_page_offers_the_best_thirty_and_finds_the_others_by_name(world, client):
    """A region has thousands of experts: the page shows the best SUGGESTED, says there are
    more, finds one by name, and any conflict-free expert can still be assigned."""
    for k in range(SUGGESTED + 5):
        expert(f"candidate{k}", last_name=f"Кандидатов{k:02d}")
    client.force_login(world.staff)
    url = reverse("initiatives:experts", args=[world.reviewed.pk])
    page = client.get(url)
    assert len(page.context["suggestions"]) == SUGGESTED and page.context["more"]
    assert "Показаны первые 30; остальных найдите по фамилии." in page.content.decode()
    found = client.get(url, {"q": "кандидатов33"})
    assert [e.last_name for e in found.context["suggestions"]] == ["Кандидатов33"]
    assert not found.context["more"]
    # one not among the thirty shown is assigned all the same
    shown = {e.pk for e in page.context["suggestions"]}
    other = next(u for u in User.objects.filter(last_name__startswith="Кандидатов")
                 if u.pk not in shown)
    response = client.post(url, {"expert": other.pk, "due_on": "2030-01-15"})
    assert response.status_code == 302
    assert world.reviewed.expert_assignments.filter(expert=other).exists()


@pytest.mark.parametrize("n", [1, 3])
def test_card_with_a_thread_query_count_is_constant(n, world, client,
                                                    django_assert_num_queries):
    for _k in range(n):
        q = ThreadMessageFactory(initiative=world.reviewed, author=world.team_own,
                                 kind=MessageKind.QUESTION)
        ThreadMessageFactory(initiative=world.reviewed, author=world.expert_assigned,
                             kind=MessageKind.ANSWER, reply_to=q)
        ThreadMessageFactory(initiative=world.reviewed, author=world.expert_assigned)
    ConclusionFactory(initiative=world.reviewed, state="issued", number=f"9{n}-ЭЗ/2022")
    client.force_login(world.expert_assigned)
    ContentType.objects.get_for_model(world.reviewed)  # the history's cache, warm in both runs
    with django_assert_num_queries(13):
        response = client.get(world.reviewed.get_absolute_url())
    assert (len(response.context["thread"]), response.context["open_recommendations"]) == (
        3 * n, n)


@pytest.mark.parametrize("n", [1, 3])
def test_review_forms_list_query_count_is_constant(n, world, client, django_assert_num_queries):
    for _k in range(n):
        review_form_with(1, 1)
    client.force_login(world.staff)
    with django_assert_num_queries(3):
        response = client.get(reverse("initiatives:review_forms"))
    assert len(response.context["forms"]) == ReviewForm.objects.count()
    for form in response.context["forms"]:  # the counts are each form's own
        assert (form.n_criteria, form.n_reviews) == (form.criteria.count(), form.reviews.count())


def test_a_question_and_its_answer_are_notified_as_thread_messages_not_recommendations(world):
    running = complete_initiative(world.own_org, state=InitiativeState.IN_PROGRESS)
    ExpertAssignmentFactory(initiative=running, expert=world.expert_assigned,
                            status=ExpertAssignmentStatus.ACCEPTED)
    question = expertise.post_message(running, by=world.team_own, kind=MessageKind.QUESTION,
                                      text="Как измерить вовлечённость педагогов?")
    expertise.post_message(running, by=world.expert_assigned, kind=MessageKind.ANSWER,
                           text="Долей педагогов, проведших открытое событие.", reply_to=question)
    about_thread = Notification.objects.filter(title__contains="вовлечённ") | \
        Notification.objects.filter(body__contains="вовлечённ") | \
        Notification.objects.filter(body__contains="открытое событие")
    to_expert = list(about_thread.filter(recipient=world.expert_assigned)
                     .values_list("kind", "title"))
    to_team = list(about_thread.filter(recipient=world.team_own).values_list("kind", "title"))
    assert {k for k, _t in to_expert + to_team} == {NotificationKind.THREAD_MESSAGE}
    assert any(t.startswith("Вопрос") for _k, t in to_expert)
    assert len(to_team) == 1


def test_the_card_shows_the_version_a_recommendation_was_addressed_in(world, client,
                                                                         django_assert_num_queries):
    """The thread takes the addressed version from the card's own versions (no join of them);
    the line says which one, and who marked it."""
    initiative = world.reviewed
    rec = expertise.post_message(initiative, by=world.expert_assigned,
                                 kind=MessageKind.RECOMMENDATION, text="Уточните сроки.")
    version = initiative.versions.get()
    expertise.mark_addressed(rec, by=world.team_own, version=version)
    client.force_login(world.staff)
    client.get(initiative.get_absolute_url())
    with django_assert_num_queries(12):
        page = client.get(initiative.get_absolute_url())
    [line] = [m for m in page.context["thread"] if m.pk == rec.pk]
    assert line.addressed_version == version
    html = page.content.decode()
    assert f"учтена в версии {version.number}" in html
    assert world.team_own.short_name in html
