"""Project monitoring (issue 6): derived health, plans and facts, changes, reminders, bad input."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.enums import NotificationKind
from accounts.errors import DomainError
from accounts.models import AuditRecord, Notification
from initiatives.enums import (
    ChangeKind,
    ChangeStatus,
    Health,
    InitiativeState,
    Level,
    MonitoringAction,
    ReviewStatus,
    RiskStatus,
)
from initiatives.models import Initiative
from portfolio import changes
from portfolio import queries as portfolio_queries
from portfolio import services as monitoring
from portfolio.models import IndicatorActual, IndicatorPlan
from tests.factories import (
    IndicatorActualFactory,
    IndicatorFactory,
    IndicatorPlanFactory,
    OrganisationFactory,
    ProgressReportFactory,
    ProjectFactory,
    ReportingPeriodFactory,
    RiskFactory,
    person_with_roles,
    team_member,
)

TODAY = datetime.date(2022, 3, 1)  # after the plan period (ends 31.12.2021) and the due date


def health_of(project):
    return portfolio_queries.with_health(Initiative.objects.filter(pk=project.pk), TODAY).get()


# --- derived health ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_project_without_problems_is_on_track():
    project = ProjectFactory()
    plan = IndicatorPlanFactory(indicator=IndicatorFactory(initiative=project), planned=50)
    IndicatorActualFactory(plan=plan, value=Decimal("55"), status=ReviewStatus.ACCEPTED)
    ProgressReportFactory(period=ReportingPeriodFactory(initiative=project))
    RiskFactory(initiative=project, impact=Level.HIGH, probability=Level.LOW)  # unlikely
    RiskFactory(initiative=project, impact=Level.HIGH, status=RiskStatus.CLOSED)
    p = health_of(project)
    assert (p.health, p.n_behind, p.n_overdue, p.n_high_risks) == (Health.ON_TRACK, 0, 0, 0)
    assert portfolio_queries.health_reasons(p) == []


@pytest.mark.django_db
def test_an_indicator_behind_plan_alone_puts_the_project_at_risk():
    project = ProjectFactory()
    plan = IndicatorPlanFactory(indicator=IndicatorFactory(initiative=project), planned=50)
    IndicatorActualFactory(plan=plan, value=Decimal("40"), status=ReviewStatus.ACCEPTED)
    # a returned value that would reach the plan does not count
    IndicatorActualFactory(plan=plan, value=Decimal("60"), status=ReviewStatus.RETURNED)
    p = health_of(project)
    assert (p.health, p.n_behind, p.n_overdue, p.n_high_risks) == (Health.AT_RISK, 1, 0, 0)
    assert portfolio_queries.health_reasons(p) == ["показатели отстают от плана: 1"]


@pytest.mark.django_db
def test_a_period_without_any_fact_is_behind_and_a_future_one_is_not():
    project = ProjectFactory()
    indicator = IndicatorFactory(initiative=project)
    IndicatorPlanFactory(indicator=indicator, planned=50)
    IndicatorPlanFactory(indicator=indicator, planned=70, period_start=datetime.date(2022, 1, 1),
                         period_end=datetime.date(2022, 5, 31))
    assert health_of(project).n_behind == 1


@pytest.mark.django_db
def test_a_decreasing_indicator_is_on_plan_when_the_value_is_at_or_below_it():
    project = ProjectFactory()
    indicator = IndicatorFactory(initiative=project, baseline=Decimal("20"), target=Decimal("5"),
                                 name="Доля обучающихся с низкими результатами")
    plan = IndicatorPlanFactory(indicator=indicator, planned=10)
    IndicatorActualFactory(plan=plan, value=Decimal("9"))
    assert health_of(project).n_behind == 0
    IndicatorActual.objects.update(value=Decimal("12"))
    assert health_of(project).n_behind == 1


@pytest.mark.django_db
def test_an_overdue_report_alone_puts_the_project_at_risk():
    project = ProjectFactory()
    ReportingPeriodFactory(initiative=project)  # due 15.01.2022, no report
    ProgressReportFactory(period=ReportingPeriodFactory(initiative=project),
                          status=ReviewStatus.DRAFT)  # a draft is not handed in
    ReportingPeriodFactory(initiative=project, due_on=datetime.date(2022, 6, 15))  # not yet due
    p = health_of(project)
    assert (p.health, p.n_behind, p.n_overdue, p.n_high_risks) == (Health.AT_RISK, 0, 2, 0)


@pytest.mark.django_db
def test_an_open_high_risk_alone_puts_the_project_at_risk():
    project = ProjectFactory()
    RiskFactory(initiative=project, impact=Level.HIGH, probability=Level.MEDIUM)
    RiskFactory(initiative=project, impact=Level.MEDIUM, probability=Level.HIGH)  # not high
    p = health_of(project)
    assert (p.health, p.n_behind, p.n_overdue, p.n_high_risks) == (Health.AT_RISK, 0, 0, 1)


@pytest.mark.django_db
def test_two_kinds_of_reasons_put_the_project_off_track_and_all_three_too():
    project = ProjectFactory()
    IndicatorPlanFactory(indicator=IndicatorFactory(initiative=project), planned=50)
    ReportingPeriodFactory(initiative=project)
    p = health_of(project)
    assert (p.health, p.n_reasons) == (Health.OFF_TRACK, 2)
    RiskFactory(initiative=project)
    p = health_of(project)
    assert (p.health, p.n_reasons, len(portfolio_queries.health_reasons(p))) == (
        Health.OFF_TRACK, 3, 3)


@pytest.mark.django_db
def test_a_completed_project_has_no_health():
    project = ProjectFactory(state=InitiativeState.COMPLETED)
    ReportingPeriodFactory(initiative=project)
    assert health_of(project).health == ""


# --- the registry ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_the_registry_costs_the_same_queries_for_1_and_3_projects(n, client,
                                                                   django_assert_num_queries):
    staff = person_with_roles("office_staff")
    for _ in range(n):
        project = ProjectFactory(leader=staff)
        IndicatorPlanFactory(indicator=IndicatorFactory(initiative=project))
        ReportingPeriodFactory(initiative=project)
        RiskFactory(initiative=project)
    client.force_login(staff)
    # no query for the organisations: none is chosen, the autocomplete asks for them
    with django_assert_num_queries(6):
        response = client.get(reverse("initiatives:portfolio_registry"))
    assert len(response.context["projects"]) == n
    assert [p.health for p in response.context["projects"]] == [Health.OFF_TRACK] * n


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_the_monitoring_page_costs_the_same_queries_for_1_and_3_rows(n, client,
                                                                     django_assert_num_queries):
    staff = person_with_roles("office_staff")
    project = ProjectFactory()
    for k in range(n):
        plan = IndicatorPlanFactory(indicator=IndicatorFactory(initiative=project))
        IndicatorActualFactory(plan=plan)
        ReportingPeriodFactory(initiative=project, title=f"Период {k}")
        RiskFactory(initiative=project)
    client.force_login(staff)
    ContentType.objects.get_for_model(Initiative)  # the content-type cache is warm in a server
    # the page's query serves the permission check; the forms' indicators are the prefetched ones
    # (+2 of issue 25: the plan lines a change request may move; the last approved passport);
    # the actual value's choice of a period plan offers the prefetched plans
    with django_assert_num_queries(15):
        response = client.get(reverse("initiatives:monitoring", kwargs={"pk": project.pk}))
    assert len(response.context["indicators"]) == n
    options = response.context["actual_form"]["plan"].as_widget()
    assert options.count("<option") == n + 1  # the empty choice and each plan
    for plan in IndicatorPlan.objects.filter(indicator__initiative=project):
        assert f'value="{plan.pk}">{plan.indicator.name} — {plan.period_label}<' in options
    assert response.content.decode().count("<svg") == n


@pytest.mark.django_db
def test_the_registry_filters_by_health_and_exports_xlsx(client):
    import io

    from openpyxl import load_workbook

    staff = person_with_roles("office_staff")
    bad = ProjectFactory(title="Проект с просроченным отчётом")
    ReportingPeriodFactory(initiative=bad)
    ProjectFactory(title="Проект по плану", starts_on=datetime.date(2099, 9, 1),
                   ends_on=datetime.date(2100, 5, 31))
    client.force_login(staff)
    response = client.get(reverse("initiatives:portfolio_registry"), {"health": "at_risk"})
    assert [p.title for p in response.context["projects"]] == ["Проект с просроченным отчётом"]
    response = client.get(reverse("initiatives:portfolio_export"), {"health": "at_risk"})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.values)
    assert len(rows) == 2
    assert rows[1][3] == "Проект с просроченным отчётом"


# --- facts, reports, changes ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_team_enters_a_fact_with_a_file_and_the_office_returns_then_accepts():
    project = ProjectFactory()
    team = team_member(project.organisation)
    staff = person_with_roles("office_staff")
    plan = IndicatorPlanFactory(indicator=IndicatorFactory(initiative=project))
    upload = SimpleUploadedFile("справка.pdf", b"%PDF-1.4\n%test\n", "application/pdf")
    actual = monitoring.enter_actual(plan, by=team, value=Decimal("48,5".replace(",", ".")),
                                     measured_on=datetime.date(2021, 12, 20), evidence=upload)
    assert (actual.evidence_name, actual.evidence_kind, actual.status) == (
        "справка.pdf", "pdf", ReviewStatus.SUBMITTED)
    with pytest.raises(DomainError) as e:
        monitoring.decide_actual(actual, by=staff, accept=False)
    assert e.value.field == "comment"
    monitoring.decide_actual(actual, by=staff, accept=False, comment="Приложите приказ.")
    actual.refresh_from_db()
    assert actual.status == ReviewStatus.RETURNED
    second = monitoring.enter_actual(plan, by=team, value=Decimal("51"),
                                     measured_on=datetime.date(2021, 12, 28),
                                     evidence_url="https://school.example.org/prikaz")
    monitoring.decide_actual(second, by=staff, accept=True)
    actions = list(AuditRecord.objects.filter(object_id=str(project.pk)).order_by("pk")
                   .values_list("action", flat=True))
    assert actions == [MonitoringAction.ACTUAL_ENTERED, MonitoringAction.ACTUAL_RETURNED,
                       MonitoringAction.ACTUAL_ENTERED, MonitoringAction.ACTUAL_ACCEPTED]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [ChangeKind.DEADLINE, ChangeKind.INDICATOR_TARGET,
                                  ChangeKind.SCOPE, ChangeKind.TEAM])
def test_an_approved_change_changes_the_plan_and_the_history_shows_before_and_after(kind):
    project = ProjectFactory(ends_on=datetime.date(2022, 5, 31), main_product="Сборник")
    team = team_member(project.organisation)
    new_leader = team_member(project.organisation, first_name="Ольга", last_name="Новикова")
    staff = person_with_roles("office_staff")
    indicator = IndicatorFactory(initiative=project, target=Decimal("70"))
    values = {
        ChangeKind.DEADLINE: {"new_ends_on": datetime.date(2022, 12, 31)},
        ChangeKind.INDICATOR_TARGET: {"indicator": indicator, "new_target": Decimal("60")},
        ChangeKind.SCOPE: {"new_scope": "Сборник и видеокурс"},
        ChangeKind.TEAM: {"new_leader": new_leader},
    }[kind]
    change = changes.request_change(project, by=team, kind=kind,
                                       justification="Перенос сетевых событий.", **values)
    changes.decide_change(change, by=staff, approve=True, comment="Согласовано.")
    project.refresh_from_db()
    indicator.refresh_from_db()
    after = {
        ChangeKind.DEADLINE: (project.ends_on, datetime.date(2022, 12, 31)),
        ChangeKind.INDICATOR_TARGET: (indicator.target, Decimal("60")),
        ChangeKind.SCOPE: (project.main_product, "Сборник и видеокурс"),
        ChangeKind.TEAM: (project.leader_id, new_leader.pk),
    }[kind]
    assert after[0] == after[1]
    line = AuditRecord.objects.get(object_id=str(project.pk),
                                   action=MonitoringAction.CHANGE_APPROVED)
    expected = {
        ChangeKind.DEADLINE: ("31.05.2022", "31.12.2022"),
        ChangeKind.INDICATOR_TARGET: (f"{indicator.name}: 70", f"{indicator.name}: 60"),
        ChangeKind.SCOPE: ("Сборник", "Сборник и видеокурс"),
        ChangeKind.TEAM: ("", new_leader.full_name),
    }[kind]
    assert (line.from_value, line.to_value) == expected
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED
    assert line.data["before"] == change.before and line.data["after"] == change.after
    with pytest.raises(DomainError):
        changes.decide_change(change, by=staff, approve=True)


@pytest.mark.django_db
def test_a_rejected_change_leaves_the_plan_and_needs_a_reason():
    project = ProjectFactory(ends_on=datetime.date(2022, 5, 31))
    staff = person_with_roles("office_staff")
    change = changes.request_change(project, by=staff, kind=ChangeKind.DEADLINE,
                                       justification="Просим продлить.",
                                       new_ends_on=datetime.date(2023, 5, 31))
    with pytest.raises(DomainError) as e:
        changes.decide_change(change, by=staff, approve=False)
    assert e.value.field == "comment"
    changes.decide_change(change, by=staff, approve=False, comment="Нет оснований.")
    project.refresh_from_db()
    assert project.ends_on == datetime.date(2022, 5, 31)


@pytest.mark.django_db
def test_closing_evaluates_each_indicator_then_completes_the_project():
    project = ProjectFactory()
    staff = person_with_roles("office_staff")
    reached = IndicatorFactory(initiative=project, name="Доля педагогов", target=Decimal("70"))
    missed = IndicatorFactory(initiative=project, name="Разработки", target=Decimal("3"),
                              baseline=Decimal("0"), unit="шт.")
    IndicatorActualFactory(plan=IndicatorPlanFactory(indicator=reached, planned=70),
                           value=Decimal("72"), status=ReviewStatus.ACCEPTED)
    IndicatorActualFactory(plan=IndicatorPlanFactory(indicator=missed, planned=3),
                           value=Decimal("2"), status=ReviewStatus.ACCEPTED)
    from tests.factories import MethodicalProductFactory, PlannedProductFactory

    item = MethodicalProductFactory(organisation=project.organisation, title="Сборник практик")
    PlannedProductFactory(organisation=project.organisation, initiative=project,
                          library_product=item)
    report = monitoring.complete_project(project, by=staff, summary="Проект выполнен.",
                                         products="Сборник практик")
    project.refresh_from_db()
    assert project.state == InitiativeState.COMPLETED
    assert list(project.library_products.all()) == [item]  # passed to the ideas library
    assert (report.reached, report.total) == (1, 2)
    assert [(r["name"], r["fact"], r["reached"]) for r in report.evaluation] == [
        ("Доля педагогов", "72.00", True), ("Разработки", "2.00", False)]


# --- bad input ----------------------------------------------------------------------------


@pytest.fixture
def team_and_project(db):
    project = ProjectFactory()
    team = team_member(project.organisation)
    plan = IndicatorPlanFactory(indicator=IndicatorFactory(initiative=project))
    return team, project, plan


def _post_actual(client, project, data, files=None):
    return client.post(reverse("initiatives:actual_add", kwargs={"pk": project.pk}),
                       {**data, **(files or {})})


@pytest.mark.parametrize("value,message", [
    ("пятьдесят", "Введите число."),
    ("1e400", "Убедитесь, что вы ввели не более 14 цифр."),
])
def test_a_value_that_is_not_a_number_is_refused_beside_the_field(client, team_and_project,
                                                                   value, message):
    team, project, plan = team_and_project
    client.force_login(team)
    response = _post_actual(client, project, {"plan": plan.pk, "value": value,
                                              "measured_on": "2021-12-20",
                                              "evidence_url": "https://example.org/x"})
    form = response.context["actual_form"]
    assert form.errors["value"] == [message]
    assert form["value"].value() == value
    assert form["evidence_url"].value() == "https://example.org/x"
    assert IndicatorActual.objects.count() == 0


def test_a_comma_decimal_is_accepted(client, team_and_project):
    team, project, plan = team_and_project
    client.force_login(team)
    response = _post_actual(client, project, {"plan": plan.pk, "value": "48,5",
                                              "measured_on": "2021-12-20",
                                              "evidence_url": "https://example.org/x"})
    assert response.status_code == 302
    assert IndicatorActual.objects.get().value == Decimal("48.5")


def test_a_date_outside_the_period_is_refused_and_the_typed_value_kept(client, team_and_project):
    team, project, plan = team_and_project
    client.force_login(team)
    response = _post_actual(client, project, {"plan": plan.pk, "value": "55",
                                              "measured_on": "2022-02-01",
                                              "evidence_url": "https://example.org/x"})
    form = response.context["actual_form"]
    assert form.errors["measured_on"] == ["Дата должна относиться к периоду 01.09.2021 – "
                                          "31.12.2021."]
    assert form["value"].value() == "55"
    assert "Дата должна относиться к периоду" in response.content.decode()


def test_an_evidence_file_that_fails_the_checks_is_refused_beside_the_field(client,
                                                                            team_and_project):
    team, project, plan = team_and_project
    client.force_login(team)
    fake = SimpleUploadedFile("справка.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = _post_actual(client, project, {"plan": plan.pk, "value": "55",
                                              "measured_on": "2021-12-20"}, {"evidence": fake})
    form = response.context["actual_form"]
    assert list(form.errors) == ["evidence"]
    assert "справка.pdf" in form.errors["evidence"][0]
    assert form["value"].value() == "55"
    assert IndicatorActual.objects.count() == 0


def test_no_evidence_at_all_is_refused(client, team_and_project):
    team, project, plan = team_and_project
    client.force_login(team)
    response = _post_actual(client, project, {"plan": plan.pk, "value": "55",
                                              "measured_on": "2021-12-20"})
    assert response.context["actual_form"].errors["evidence"] == [
        "Приложите файл или укажите ссылку, подтверждающие значение."]


def test_a_plan_of_another_project_is_refused(client, team_and_project):
    team, project, _plan = team_and_project
    foreign = IndicatorPlanFactory()
    client.force_login(team)
    response = _post_actual(client, project, {"plan": foreign.pk, "value": "55",
                                              "measured_on": "2021-12-20",
                                              "evidence_url": "https://example.org/x"})
    assert list(response.context["actual_form"].errors) == ["plan"]


def test_overlong_and_wrong_values_in_the_change_form_do_not_fail(client, team_and_project):
    team, project, _plan = team_and_project
    client.force_login(team)
    response = client.post(reverse("initiatives:change_add", kwargs={"pk": project.pk}), {
        "kind": "indicator_target", "justification": "я" * 30000, "new_target": "много",
        "indicator": "999999"})
    form = response.context["change_form"]
    assert sorted(form.errors) == ["indicator", "justification", "new_target"]
    assert response.status_code == 200


def test_a_change_of_kind_deadline_without_a_date_is_refused_beside_the_date(client,
                                                                             team_and_project):
    team, project, _plan = team_and_project
    client.force_login(team)
    response = client.post(reverse("initiatives:change_add", kwargs={"pk": project.pk}), {
        "kind": "deadline", "justification": "Перенос."})
    assert response.context["change_form"].errors["new_ends_on"] == ["Укажите новую дату "
                                                                     "окончания."]


# --- the reminder, by a real worker ---------------------------------------------------------


@pytest.mark.celery
def test_the_reminder_task_reminds_before_the_due_date_and_marks_overdue_once(celery_worker):
    from portfolio.tasks import remind_progress_reports

    org = OrganisationFactory()
    team = team_member(org)
    staff = person_with_roles("office_staff")
    project = ProjectFactory(organisation=org)
    soon = ReportingPeriodFactory(initiative=project, title="Скоро",
                                  due_on=datetime.date(2022, 3, 5))
    late = ReportingPeriodFactory(initiative=project, title="Просрочен",
                                  due_on=datetime.date(2022, 2, 15))
    handed = ReportingPeriodFactory(initiative=project, title="Сдан",
                                    due_on=datetime.date(2022, 2, 10))
    ProgressReportFactory(period=handed)
    far = ReportingPeriodFactory(initiative=project, title="Нескоро",
                                 due_on=datetime.date(2022, 6, 1))
    result = remind_progress_reports.delay("2022-03-01").get(timeout=60)
    assert result == {"reminded": 1, "overdue": 1}
    for period in (soon, late, handed, far):
        period.refresh_from_db()
    assert (soon.reminded_on, late.overdue_since, handed.overdue_since, far.reminded_on) == (
        TODAY, TODAY, None, None)
    kinds = sorted(Notification.objects.values_list("recipient__username", "kind"))
    assert kinds == sorted([(team.username, NotificationKind.REPORT_DUE),
                            (team.username, NotificationKind.REPORT_OVERDUE),
                            (staff.username, NotificationKind.REPORT_OVERDUE)])
    again = remind_progress_reports.delay("2022-03-02").get(timeout=60)
    assert again == {"reminded": 0, "overdue": 0}


def test_the_reminder_is_scheduled_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["initiatives-remind-progress-reports"]
    assert entry["task"] == "initiatives.tasks.remind_progress_reports"
    assert entry["schedule"].minute == {0}


# --- reports and their decisions through the pages -----------------------------------------


@pytest.mark.django_db
def test_the_team_submits_a_report_and_the_office_returns_it_with_a_comment(client):
    project = ProjectFactory()
    team = team_member(project.organisation)
    staff = person_with_roles("office_staff")
    period = ReportingPeriodFactory(initiative=project)
    client.force_login(team)
    url = reverse("initiatives:report", kwargs={"pk": period.pk})
    response = client.post(url, {"done": "", "results": "Итоги", "action": "submit"})
    assert response.context["form"].errors["done"] == ["Опишите, что сделано за период."]
    assert response.context["form"]["results"].value() == "Итоги"
    response = client.post(url, {"done": "Семинары", "results": "Итоги", "action": "submit"})
    assert response.status_code == 302
    client.force_login(staff)
    report = period.report
    client.post(reverse("initiatives:report_decide", kwargs={"pk": report.pk}),
                {"decision": "return", "comment": "Добавьте цифры."})
    report.refresh_from_db()
    assert (report.status, report.staff_comment) == (ReviewStatus.RETURNED, "Добавьте цифры.")


