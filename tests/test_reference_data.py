"""Reference data kept by the office in the portal (issue 18, item 5): portfolios and
directions, the goals of the strategy and the national project, review forms and their
criteria, meeting formats. Each change is one domain
function with an audit record; what something refers to is archived, never deleted."""

import pytest
from django.urls import reverse

from accounts.models import AuditRecord
from expertise.models import ReviewForm
from initiatives import portfolios
from initiatives.enums import ReviewFormStatus
from initiatives.forms import DraftForm
from initiatives.models import Direction, Portfolio, StrategyGoal
from meetings.forms import MeetingForm
from meetings.models import MeetingFormat
from tests.factories import (
    DirectionFactory,
    ExpertAssignmentFactory,
    ExpertDirectionFactory,
    InitiativeFactory,
    MeetingFactory,
    MeetingFormatFactory,
    OrganisationFactory,
    PortfolioFactory,
    StrategyGoalFactory,
    person_with_roles,
    review_form_with,
    submitted_review,
    team_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return person_with_roles("office_staff")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _actions(obj):
    return list(AuditRecord.objects.filter(object_id=str(obj.pk),
                                           content_type__model=obj._meta.model_name)
                .order_by("pk").values_list("action", flat=True))


# --- who may: the team and experts get 403 on every page of the reference data ---------------


def _reference_urls():
    direction = DirectionFactory()
    goal = StrategyGoalFactory()
    return [
        ("get", reverse("initiatives:strategy_goal_create")),
        ("get", reverse("initiatives:strategy_goal_edit", kwargs={"pk": goal.pk})),
        ("post", reverse("initiatives:strategy_goal_action",
                         kwargs={"pk": goal.pk, "action": "archive"})),
        ("get", reverse("initiatives:portfolios")),
        ("get", reverse("initiatives:portfolio_create")),
        ("get", reverse("initiatives:portfolio_edit", kwargs={"pk": direction.portfolio_id})),
        ("post", reverse("initiatives:portfolio_action",
                         kwargs={"pk": direction.portfolio_id, "action": "archive"})),
        ("get", reverse("initiatives:direction_create")),
        ("get", reverse("initiatives:direction_edit", kwargs={"pk": direction.pk})),
        ("post", reverse("initiatives:direction_action",
                         kwargs={"pk": direction.pk, "action": "archive"})),
    ]


@pytest.mark.parametrize("who", ["team", "expert"])
def test_the_team_and_experts_get_403_and_change_nothing(who, client):
    person = (team_member(OrganisationFactory()) if who == "team"
              else person_with_roles("expert"))
    client.force_login(person)
    urls = _reference_urls()
    codes = [getattr(client, method)(url).status_code for method, url in urls]
    assert codes == [403] * len(urls)
    assert list(Direction.objects.values_list("is_active", flat=True)) == [True]
    assert AuditRecord.objects.count() == 0


# --- portfolios and directions ---------------------------------------------------------------


def test_a_referenced_direction_is_archived_not_deleted_and_leaves_the_choices(staff_client,
                                                                               staff):
    direction = DirectionFactory(name="Инклюзия")
    other = DirectionFactory(portfolio=direction.portfolio, name="Наставничество")
    initiative = InitiativeFactory(direction=direction)
    url = reverse("initiatives:direction_action", kwargs={"pk": direction.pk, "action": "delete"})
    response = staff_client.post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "На это направление ссылаются проекты или эксперты: переведите его в архив."]
    assert Direction.objects.filter(pk=direction.pk).exists()

    staff_client.post(reverse("initiatives:direction_action",
                              kwargs={"pk": direction.pk, "action": "archive"}))
    direction.refresh_from_db()
    initiative.refresh_from_db()
    assert (direction.is_active, initiative.direction_id) == (False, direction.pk)
    assert _actions(direction) == ["direction_archived"]
    record = AuditRecord.objects.get(action="direction_archived")
    assert (record.actor, record.to_value) == (staff, "Инклюзия")
    # a new card is not offered the archived direction; the card that serves it keeps it
    fresh = InitiativeFactory(direction=None)
    assert list(DraftForm(initiative=fresh).fields["direction"].queryset) == [other]
    assert set(DraftForm(initiative=initiative).fields["direction"].queryset) == {direction, other}

    staff_client.post(reverse("initiatives:direction_action",
                              kwargs={"pk": direction.pk, "action": "restore"}))
    direction.refresh_from_db()
    assert direction.is_active is True
    assert _actions(direction) == ["direction_archived", "direction_restored"]


def test_a_direction_an_expert_prefers_is_not_deleted(staff):
    direction = DirectionFactory()
    ExpertDirectionFactory(direction=direction)
    with pytest.raises(portfolios.DomainError):
        portfolios.delete_direction(direction, by=staff)
    assert Direction.objects.filter(pk=direction.pk).exists()


def test_a_direction_nothing_refers_to_is_deleted_with_an_audit_record(staff_client, staff):
    direction = DirectionFactory(name="Черновое направление")
    pk = direction.pk
    response = staff_client.post(reverse("initiatives:direction_action",
                                         kwargs={"pk": pk, "action": "delete"}), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Направление «Черновое направление» удалено."]
    assert not Direction.objects.filter(pk=pk).exists()
    record = AuditRecord.objects.get(object_id=str(pk), content_type__model="direction")
    assert (record.action, record.actor, record.from_value) == (
        "direction_deleted", staff, "Черновое направление")


def test_an_archived_portfolio_takes_its_directions_out_of_the_choices(staff_client):
    direction = DirectionFactory()
    kept = DirectionFactory(portfolio=PortfolioFactory(name="Другой портфель"))
    response = staff_client.post(reverse("initiatives:portfolio_action", kwargs={
        "pk": direction.portfolio_id, "action": "archive"}), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        f"Портфель «{direction.portfolio.name}» переведён в архив."]
    assert list(portfolios.active_directions()) == [kept]
    assert _actions(direction.portfolio) == ["portfolio_archived"]
    # a portfolio with directions is not deleted
    response = staff_client.post(reverse("initiatives:portfolio_action", kwargs={
        "pk": direction.portfolio_id, "action": "delete"}), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "В портфеле есть направления: переведите его в архив."]
    assert Portfolio.objects.count() == 2
    # a new direction is not offered the archived portfolio; its own direction keeps it
    response = staff_client.get(reverse("initiatives:direction_create"))
    assert list(response.context["form"].fields["portfolio"].queryset) == [kept.portfolio]
    response = staff_client.get(reverse("initiatives:direction_edit",
                                        kwargs={"pk": direction.pk}))
    assert set(response.context["form"].fields["portfolio"].queryset) == {
        direction.portfolio, kept.portfolio}


def test_an_empty_portfolio_is_deleted_and_an_unknown_action_is_404(staff_client):
    portfolio = PortfolioFactory(name="Пустой портфель")
    assert staff_client.post(reverse("initiatives:portfolio_action", kwargs={
        "pk": portfolio.pk, "action": "explode"})).status_code == 404
    staff_client.post(reverse("initiatives:portfolio_action",
                              kwargs={"pk": portfolio.pk, "action": "delete"}))
    assert not Portfolio.objects.filter(pk=portfolio.pk).exists()
    assert AuditRecord.objects.get(object_id=str(portfolio.pk)).action == "portfolio_deleted"


def test_portfolio_and_direction_forms_refuse_bad_input_in_russian_and_keep_it(staff_client):
    response = staff_client.post(reverse("initiatives:portfolio_create"),
                                 {"name": "", "description": "Описание", "order": "-1"})
    form = response.context["form"]
    assert form.errors == {"name": ["Обязательное поле."],
                           "order": ["Убедитесь, что это значение больше либо равно 0."]}
    assert form["description"].value() == "Описание"
    assert Portfolio.objects.count() == 0
    response = staff_client.post(reverse("initiatives:direction_create"),
                                 {"portfolio": "999999", "name": "Инклюзия", "order": "0"})
    assert response.context["form"].errors == {"portfolio": [
        "Выберите корректный вариант. Вашего варианта нет среди допустимых значений."]}
    assert 'value="Инклюзия"' in response.content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_the_portfolios_page_costs_the_same_with_archived_rows(n, staff_client,
                                                               django_assert_num_queries):
    for k in range(n):
        direction = DirectionFactory(portfolio=PortfolioFactory(name=f"Портфель {k}",
                                                                is_active=bool(k % 2)),
                                     is_active=bool(k % 2))
        ExpertDirectionFactory(direction=direction)
        InitiativeFactory(direction=direction)
        StrategyGoalFactory(is_active=bool(k % 2))
    with django_assert_num_queries(5):
        response = staff_client.get(reverse("initiatives:portfolios"))
    assert (len(response.context["portfolios"]), len(response.context["goals"])) == (n, n)
    assert response.content.decode().count("архив") >= 2


# --- the goals of the strategy and the national project --------------------------------------


def test_the_office_adds_renames_and_archives_a_goal_and_a_card_offers_only_those_in_use(
        staff_client, staff):
    url = reverse("initiatives:strategy_goal_create")
    response = staff_client.post(url, {"kind": "national_project",
                                       "title": "Современная школа", "order": "1"})
    assert response.status_code == 302
    goal = StrategyGoal.objects.get()
    assert (goal.kind, goal.title, goal.is_active) == ("national_project", "Современная школа",
                                                       True)
    staff_client.post(reverse("initiatives:strategy_goal_edit", kwargs={"pk": goal.pk}),
                      {"kind": "national_project", "title": "Современная школа (2019–2024)",
                       "order": "1"})
    goal.refresh_from_db()
    assert goal.title == "Современная школа (2019–2024)"
    organisation = OrganisationFactory()
    card = InitiativeFactory(organisation=organisation)
    assert list(DraftForm(initiative=card).fields["strategy_goals"].queryset) == [goal]
    staff_client.post(reverse("initiatives:strategy_goal_action",
                              kwargs={"pk": goal.pk, "action": "archive"}))
    goal.refresh_from_db()
    assert not goal.is_active
    assert list(DraftForm(initiative=card).fields["strategy_goals"].queryset) == []
    assert staff_client.post(reverse("initiatives:strategy_goal_action", kwargs={
        "pk": goal.pk, "action": "delete"})).status_code == 404
    staff_client.post(reverse("initiatives:strategy_goal_action",
                              kwargs={"pk": goal.pk, "action": "restore"}))
    assert _actions(goal) == ["strategy_goal_saved", "strategy_goal_saved",
                              "strategy_goal_archived", "strategy_goal_restored"]
    assert AuditRecord.objects.filter(actor=staff, action="strategy_goal_saved").count() == 2


def test_a_goal_form_refuses_a_duplicate_and_a_blank_in_russian_and_keeps_the_text(
        staff_client):
    StrategyGoalFactory(kind="national_project", title="Учитель будущего")
    url = reverse("initiatives:strategy_goal_create")
    response = staff_client.post(url, {"kind": "national_project", "title": "Учитель будущего",
                                       "order": "3"})
    assert response.context["form"].errors == {"title": ["Такая цель уже есть в списке."]}
    assert 'value="Учитель будущего"' in response.content.decode()
    response = staff_client.post(url, {"kind": "nonsense", "title": "  ", "order": "0"})
    assert set(response.context["form"].errors) == {"kind", "title"}
    assert StrategyGoal.objects.count() == 1


# --- meeting formats -------------------------------------------------------------------------


def test_the_team_and_experts_get_403_on_the_meeting_formats(client):
    fmt = MeetingFormatFactory(name="открытое пространство")
    urls = [("get", reverse("meetings:format_list")), ("get", reverse("meetings:format_create")),
            ("get", reverse("meetings:format_edit", kwargs={"pk": fmt.pk})),
            ("post", reverse("meetings:format_create")),
            ("post", reverse("meetings:format_action", kwargs={"pk": fmt.pk,
                                                               "action": "archive"}))]
    for person in (team_member(OrganisationFactory()), person_with_roles("expert")):
        client.force_login(person)
        assert [getattr(client, m)(u).status_code for m, u in urls] == [403] * len(urls)
    fmt.refresh_from_db()
    assert fmt.is_active is True
    assert AuditRecord.objects.count() == 0


def test_staff_add_and_rename_a_format_with_audit_records(staff_client, staff):
    response = staff_client.post(reverse("meetings:format_create"), {
        "name": "форсайт-сессия", "description": "Образ будущего сети.", "order": "7"})
    assert response.status_code == 302
    fmt = MeetingFormat.objects.get(name="форсайт-сессия")
    staff_client.post(reverse("meetings:format_edit", kwargs={"pk": fmt.pk}), {
        "name": "форсайт", "description": "Образ будущего сети.", "order": "8"})
    fmt.refresh_from_db()
    assert (fmt.name, fmt.order, fmt.is_active) == ("форсайт", 8, True)
    lines = list(AuditRecord.objects.filter(object_id=str(fmt.pk),
                                            content_type__model="meetingformat")
                 .order_by("pk").values_list("action", "from_value", "to_value", "actor"))
    assert lines == [("meeting_format_saved", "", "форсайт-сессия", staff.pk),
                     ("meeting_format_saved", "форсайт-сессия", "форсайт", staff.pk)]


def test_a_format_with_meetings_is_archived_not_deleted_and_its_meeting_keeps_it(staff_client):
    meeting = MeetingFactory(format=MeetingFormatFactory(name="рефлексивная встреча"))
    fmt = meeting.format
    response = staff_client.post(reverse("meetings:format_action",
                                         kwargs={"pk": fmt.pk, "action": "delete"}), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "У заседаний есть этот формат: переведите его в архив."]
    response = staff_client.post(reverse("meetings:format_action",
                                         kwargs={"pk": fmt.pk, "action": "archive"}), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Формат «рефлексивная встреча» переведён в архив."]
    fmt.refresh_from_db()
    assert fmt.is_active is False
    assert _actions(fmt) == ["meeting_format_archived"]
    # a new meeting is not offered the archived format; the meeting that has it keeps it
    assert fmt not in MeetingForm().fields["format"].queryset
    assert fmt in MeetingForm(meeting=meeting).fields["format"].queryset
    # an unused format is deleted
    spare = MeetingFormatFactory(name="черновой формат")
    staff_client.post(reverse("meetings:format_action",
                              kwargs={"pk": spare.pk, "action": "delete"}))
    assert not MeetingFormat.objects.filter(pk=spare.pk).exists()
    assert _actions(spare) == ["meeting_format_deleted"]


def test_a_format_form_refuses_a_duplicate_and_blank_name_in_russian_and_keeps_the_text(
        staff_client):
    MeetingFormatFactory(name="заседание")
    response = staff_client.post(reverse("meetings:format_create"), {
        "name": "Заседание", "description": "Моё описание", "order": "1"})
    form = response.context["form"]
    assert form.errors == {"name": ["Формат заседаний с таким названием уже есть."]}
    assert form["description"].value() == "Моё описание"
    response = staff_client.post(reverse("meetings:format_create"), {
        "name": "  ", "description": "", "order": "много"})
    assert response.context["form"].errors == {"name": ["Обязательное поле."],
                                               "order": ["Введите целое число."]}
    assert MeetingFormat.objects.filter(name__iexact="заседание").count() == 1


@pytest.mark.parametrize("n", [1, 3])
def test_the_formats_page_costs_the_same_for_1_and_3(n, staff_client,
                                                    django_assert_num_queries):
    for k in range(n):
        MeetingFactory(format=MeetingFormatFactory(name=f"формат {k}", is_active=bool(k % 2)))
    with django_assert_num_queries(3):
        response = staff_client.get(reverse("meetings:format_list"))
    assert sum(f.n_meetings for f in response.context["formats"]) == n


# --- review forms: versioned, criteria edited inside a form without reviews -------------------


def _with_review(form):
    """A submitted review on ``form``: from now on the form is never edited in place."""
    submitted_review(ExpertAssignmentFactory(), form, [4] * form.criteria.count())
    return form


def _criteria(form):
    return list(form.criteria.order_by("order", "pk").values_list("order", "title", "scale_max"))


def test_the_team_and_experts_get_403_on_the_review_forms(client):
    form = review_form_with(1, 1, status=ReviewFormStatus.DRAFT)
    criterion = form.criteria.first()
    urls = [("get", reverse("initiatives:review_forms")),
            ("post", reverse("initiatives:review_forms")),
            ("get", reverse("initiatives:review_form", kwargs={"pk": form.pk})),
            ("get", reverse("initiatives:review_form_edit", kwargs={"pk": form.pk})),
            ("post", reverse("initiatives:review_form_edit", kwargs={"pk": form.pk})),
            ("get", reverse("initiatives:criterion_edit", kwargs={"pk": criterion.pk})),
            ("post", reverse("initiatives:criterion_edit", kwargs={"pk": criterion.pk})),
            ("post", reverse("initiatives:criterion_move", kwargs={"pk": criterion.pk})),
            ("post", reverse("initiatives:criterion_delete", kwargs={"pk": criterion.pk}))]
    for person in (team_member(OrganisationFactory()), person_with_roles("expert")):
        client.force_login(person)
        assert [getattr(client, m)(u).status_code for m, u in urls] == [403] * len(urls)
    assert _criteria(form) == [(1, "Критерий 1", 5), (2, "Критерий 2", 5)]
    assert AuditRecord.objects.count() == 0


def test_criteria_are_edited_moved_and_removed_in_place_in_a_form_without_reviews(
        staff_client, staff):
    form = review_form_with(1, 1, 1, name="Форма без отзывов", status=ReviewFormStatus.DRAFT)
    first, second, third = form.criteria.order_by("order")
    staff_client.post(reverse("initiatives:criterion_edit", kwargs={"pk": second.pk}), {
        "title": "Актуальность", "description": "", "scale_min": "0", "scale_max": "10",
        "weight": "2", "comment_threshold": "3"})
    staff_client.post(reverse("initiatives:criterion_move", kwargs={"pk": third.pk}),
                      {"direction": "up"})
    staff_client.post(reverse("initiatives:criterion_delete", kwargs={"pk": first.pk}))
    assert ReviewForm.objects.filter(name=form.name).count() == 1
    assert _criteria(form) == [(2, "Критерий 3", 5), (3, "Актуальность", 10)]
    lines = list(AuditRecord.objects.filter(object_id=str(form.pk),
                                            content_type__model="reviewform")
                 .order_by("pk").values_list("action", "from_value", "to_value", "actor"))
    assert lines == [
        ("review_form_changed", "Критерий 2", "Актуальность", staff.pk),
        ("review_form_changed", "3. Критерий 3", "2. Критерий 3", staff.pk),
        ("review_form_changed", "Критерий 1", "", staff.pk),
    ]


def test_a_form_with_reviews_is_never_edited_in_place_every_change_makes_a_version(
        staff_client):
    form = _with_review(review_form_with(1, 1, name="Форма заседания"))
    first, second = form.criteria.order_by("order")
    response = staff_client.post(reverse("initiatives:criterion_edit", kwargs={"pk": second.pk}), {
        "title": "Новизна замысла", "description": "", "scale_min": "0", "scale_max": "5",
        "weight": "1", "comment_threshold": ""}, follow=True)
    v2 = ReviewForm.objects.get(name=form.name, version=2)
    assert response.redirect_chain[-1][0] == v2.get_absolute_url()
    assert [str(m) for m in response.context["messages"]] == [
        "По форме уже есть экспертизы, поэтому изменение внесено в её новую версию 2.", "Сохранено."]
    # the old version keeps the criteria its reviews were scored on
    assert _criteria(form) == [(1, "Критерий 1", 5), (2, "Критерий 2", 5)]
    assert [t for _o, t, _m in _criteria(v2)] == ["Критерий 1", "Новизна замысла"]
    assert (v2.previous, v2.status) == (form, ReviewFormStatus.DRAFT)
    # the form's own fields too: a description on the reviewed form goes to version 3
    staff_client.post(reverse("initiatives:review_form_edit", kwargs={"pk": form.pk}), {
        "name": form.name, "description": "Для заседаний 2023 года",
        "disagreement_threshold": "1,5"})
    v3 = ReviewForm.objects.get(name=form.name, version=3)
    form.refresh_from_db()
    assert (form.description, v3.description, str(v3.disagreement_threshold)) == (
        "", "Для заседаний 2023 года", "1.50")
    assert AuditRecord.objects.filter(object_id=str(v3.pk), action="review_form_edited").exists()
    # moving and removing on the reviewed form also go to new versions
    staff_client.post(reverse("initiatives:criterion_move", kwargs={"pk": second.pk}),
                      {"direction": "up"})
    staff_client.post(reverse("initiatives:criterion_delete", kwargs={"pk": first.pk}))
    v4, v5 = ReviewForm.objects.filter(name=form.name, version__in=[4, 5]).order_by("version")
    assert [t for _o, t, _m in _criteria(v4)] == ["Критерий 2", "Критерий 1"]
    assert [t for _o, t, _m in _criteria(v5)] == ["Критерий 2"]
    assert _criteria(form) == [(1, "Критерий 1", 5), (2, "Критерий 2", 5)]
    # the name is shared by the versions: it is not changed
    response = staff_client.post(reverse("initiatives:review_form_edit", kwargs={"pk": v2.pk}),
                                 {"name": "Другое имя", "description": "Текст"})
    assert response.context["form"].errors == {"name": [
        "У формы есть версии или отзывы, поэтому её название не меняется; для нового названия "
        "создайте новую форму."]}
    assert response.context["form"]["description"].value() == "Текст"


def test_criterion_validation_messages_are_russian_beside_the_field_and_nothing_is_made(
        staff_client):
    form = _with_review(review_form_with(1, name="Форма с отзывом"))
    criterion = form.criteria.get()
    url = reverse("initiatives:criterion_edit", kwargs={"pk": criterion.pk})
    response = staff_client.post(url, {"title": "Цель", "scale_min": "5", "scale_max": "5",
                                       "weight": "0", "comment_threshold": ""})
    assert response.context["form"].errors == {
        "scale_max": ["Наибольший балл должен быть больше наименьшего."],
        "weight": ["Убедитесь, что это значение больше либо равно 0.01."]}
    assert 'value="Цель"' in response.content.decode()
    response = staff_client.post(url, {"title": "Цель", "scale_min": "0", "scale_max": "5",
                                       "weight": "1", "comment_threshold": "9"})
    assert response.context["form"].errors == {
        "comment_threshold": ["Порог должен находиться в пределах шкалы."]}
    # refused before a new version was made
    assert ReviewForm.objects.filter(name=form.name).count() == 1
    response = staff_client.post(reverse("initiatives:criterion_move",
                                         kwargs={"pk": criterion.pk}),
                                 {"direction": "up"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Критерий уже первый."]
    assert ReviewForm.objects.filter(name=form.name).count() == 1


@pytest.mark.parametrize("n", [1, 3])
def test_the_review_form_pages_cost_the_same_for_1_and_3(n, staff_client,
                                                        django_assert_num_queries):
    form = review_form_with(*[1] * n, name="Форма на замер")
    for _ in range(n):
        review_form_with(1, 1)
    with django_assert_num_queries(3):
        response = staff_client.get(reverse("initiatives:review_forms"))
    assert len(response.context["forms"]) == ReviewForm.objects.count()
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("initiatives:review_form", kwargs={"pk": form.pk}))
    assert len(response.context["criteria"]) == n
    with django_assert_num_queries(5):
        staff_client.get(reverse("initiatives:criterion_edit",
                                 kwargs={"pk": form.criteria.first().pk}))


# --- the «Справочники» menu -------------------------------------------------------------------


def _reference_menu(html):
    import re

    found = re.search(r'>Справочники</a>\s*<ul class="dropdown-menu">(.*?)</ul>', html, re.S)
    return re.findall(r'href="([^"]+)">([^<]+)</a>', found.group(1)) if found else None


@pytest.mark.parametrize("roles", [("office_staff",), ("office_head",)])
def test_the_office_finds_the_reference_data_in_its_menu(roles, client):
    client.force_login(person_with_roles(*roles))
    html = client.get(reverse("home")).content.decode()
    assert _reference_menu(html) == [
        (reverse("initiatives:portfolios"), "Портфели и направления"),
        (reverse("portfolio:national_projects"), "Национальные проекты"),
        (reverse("initiatives:review_forms"), "Формы экспертизы"),
        (reverse("meetings:format_list"), "Форматы заседаний"),
        (reverse("accounts:letters"), "Письма и уведомления"),
    ]
    assert "/admin/" not in dict(_reference_menu(html))


@pytest.mark.parametrize("who", ["team", "expert"])
def test_the_team_and_experts_have_no_reference_menu(who, client):
    person = (team_member(OrganisationFactory()) if who == "team"
              else person_with_roles("expert"))
    client.force_login(person)
    assert _reference_menu(client.get(reverse("home")).content.decode()) is None


def test_the_expert_pool_offers_an_archived_direction_only_to_the_expert_who_has_it(
        staff_client):
    archived = DirectionFactory(name="Архивное направление", is_active=False)
    DirectionFactory(name="Действующее направление")
    keeper = person_with_roles("expert", last_name="Хранитель")
    ExpertDirectionFactory(expert=keeper, direction=archived)
    person_with_roles("expert", last_name="Новичок")
    html = staff_client.get(reverse("initiatives:expert_pool")).content.decode()
    assert html.count(f'name="directions" value="{archived.pk}"') == 1
    assert f'id="d-{keeper.pk}-{archived.pk}" checked' in html


# --- hostile input: the walker of tests/test_hostile_input.py reaches every reference form -----


def test_the_hostile_input_walker_fills_every_form_of_the_reference_pages(expertise_world,
                                                                          client):
    from tests.test_access_matrix import MATRIX
    from tests.test_hostile_input import send_hostile_payloads

    world = expertise_world
    rows = {r.name: r for r in MATRIX if r.method == "get"}
    names = ["initiatives:portfolio_create", "initiatives:direction_edit",
             "initiatives:review_forms", "initiatives:review_form_edit",
             "initiatives:criterion_edit", "meetings:format_create", "meetings:format_edit"]
    reached = {}
    for name in names:
        row = rows[name]
        url = reverse(name, kwargs=row.kwargs(world) if row.kwargs else None)
        sent = send_hostile_payloads(row, world, client)
        reached[name] = sorted({actor for actor, method, path in sent
                                if method == "post" and path == url})
    assert reached == {name: ["head", "staff"] for name in names}
