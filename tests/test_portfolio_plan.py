"""Roles of a project and its calendar plan (issue 25, items 1 and 2): the domain functions,
their refusals, the plan's import from XLSX, overdue points in health and the reminder."""

import datetime
import io
from datetime import date as D

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from accounts import invitations
from accounts.errors import DomainError
from accounts.models import AuditRecord, Invitation, Notification
from accounts.tabular import RowStatus
from initiatives.enums import InitiativeState
from initiatives.models import Initiative
from portfolio import agreement, changes, project_roles
from portfolio import queries as portfolio_queries
from portfolio import services as monitoring
from portfolio.models import PlanItem, ProjectRole
from portfolio.plan import queries as plan_queries
from portfolio.plan import services as calendar_plan
from portfolio.plan.enums import PlanItemKind, PlanItemStatus, ProjectRoleKind
from portfolio.plan.importing import PlanImport, parse_date
from portfolio.tasks import remind_control_points
from tests.factories import (
    ActivityFactory,
    ChangeRequestFactory,
    PlanItemFactory,
    ProgressReportFactory,
    ProjectFactory,
    ProjectRoleFactory,
    ReportingPeriodFactory,
    TeamMemberFactory,
    TeamShareFactory,
    UserFactory,
    person_with_roles,
    team_member,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def staff():
    return person_with_roles("office_staff", username="plan_staff")


@pytest.fixture
def project():
    return ProjectFactory(title="Проект с планом", starts_on=D(2026, 9, 1), ends_on=D(2027, 5, 31))


@pytest.fixture
def frozen():
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 11, 18, 10)), tick=False):
        yield D(2026, 11, 18)


def _point(project, staff, **kw):
    values = {"kind": PlanItemKind.POINT, "title": "Положение о сети утверждено",
              "result": "Положение утверждено приказом", "planned_end": D(2026, 10, 1)} | kw
    return calendar_plan.add_plan_item(project, by=staff, **values)


# --- roles ---------------------------------------------------------------------------------


def test_one_person_per_single_role_and_the_leader_is_the_cards(project, staff):
    curator = UserFactory(email="curator@example.org")
    holder = project_roles.assign_role(project, by=staff, role=ProjectRoleKind.CURATOR,
                                       email="Curator@Example.org", position="начальник отдела")
    assert holder.person == curator
    with pytest.raises(DomainError) as e:
        project_roles.assign_role(project, by=staff, role=ProjectRoleKind.CURATOR,
                                  email="other@example.org")
    assert e.value.field == "email"
    assert str(e.value) == (f"Роль «Куратор проекта» исполняет {curator.full_name}: у роли один "
                            "исполнитель. Сначала снимите его с роли.")
    assert ProjectRole.objects.filter(initiative=project).count() == 1
    # there is no second leader field: the card's leader is the project's leader
    assert not any(f.name == "leader" for f in ProjectRole._meta.get_fields())
    project_roles.remove_role(holder, by=staff)
    assert AuditRecord.objects.filter(action="role_removed").count() == 1


def test_a_curator_without_an_account_is_invited_and_takes_the_role_on_accepting(project, staff):
    holder = project_roles.assign_role(project, by=staff, role=ProjectRoleKind.CURATOR,
                                       email="new.curator@example.org", last_name="Петрова",
                                       first_name="Ольга")
    assert holder.person is None
    invitation = holder.invitation
    assert invitation.role == "project_curator"
    person = invitations.accept_invitation(invitation, password="A-long-pass-42!",
                                           last_name="Петрова", first_name="Ольга")
    holder.refresh_from_db()
    assert holder.person == person
    assert person.role_codes == set() or not person.role_codes  # no office role came with it
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is not None


def test_share_over_100_in_one_project_is_refused_across_projects_warned(project, staff):
    person = UserFactory(last_name="Смирнова", first_name="Анна")
    member = TeamMemberFactory(initiative=project, person=person)
    with pytest.raises(DomainError) as e:
        project_roles.set_share(member, by=staff, percent=150)
    assert e.value.field == "percent"
    assert project_roles.set_share(member, by=staff, percent=60) == []
    other = ProjectFactory()
    TeamShareFactory(member=TeamMemberFactory(initiative=other, person=person), percent=50)
    warnings = project_roles.set_share(member, by=staff, percent=70)
    assert len(warnings) == 1 and "120" in warnings[0]
    member.refresh_from_db()
    assert member.share.percent == 70


# --- the plan ------------------------------------------------------------------------------


def test_a_point_outside_the_project_dates_is_refused(project, staff):
    with pytest.raises(DomainError) as e:
        _point(project, staff, planned_end=D(2027, 6, 15))
    assert e.value.field == "planned_end"
    assert "01.09.2026" in str(e.value) and "31.05.2027" in str(e.value)
    with pytest.raises(DomainError) as e:
        _point(project, staff, result="")
    assert e.value.field == "result"
    assert PlanItem.objects.count() == 0


def test_a_forecast_past_the_end_is_allowed_and_flagged(project, staff):
    item = _point(project, staff)
    item = calendar_plan.set_forecast(item, by=staff, forecast_end=D(2027, 6, 30))
    assert calendar_plan.is_past_project_end(item)
    assert calendar_plan.deviation_days(item) == (D(2027, 6, 30) - D(2026, 10, 1)).days
    assert AuditRecord.objects.filter(action="forecast_set").get().to_value == "30.06.2027"


def test_marking_done_refuses_a_future_date_and_a_wrong_file_then_the_office_decides(
        project, staff, frozen):
    item = _point(project, staff)
    team = team_member(project.organisation)
    with pytest.raises(DomainError) as e:
        calendar_plan.mark_point_done(item, by=team, actual_on=D(2026, 11, 19),
                                      evidence=SimpleUploadedFile("приказ.pdf", PDF))
    assert e.value.field == "actual_on"
    with pytest.raises(DomainError) as e:
        calendar_plan.mark_point_done(item, by=team, actual_on=D(2026, 11, 1),
                                      evidence=SimpleUploadedFile("приказ.pdf", b"MZ\x90\x00exe"))
    assert e.value.field == "evidence"
    with pytest.raises(DomainError) as e:
        calendar_plan.mark_point_done(item, by=team, actual_on=D(2026, 11, 1),
                                      evidence=SimpleUploadedFile("macro.exe", PDF))
    assert e.value.field == "evidence"
    with pytest.raises(DomainError):
        calendar_plan.decide_point(item, by=staff, accept=True)  # not marked done yet
    with pytest.raises(DomainError):
        calendar_plan.mark_point_done(item, by=team, actual_on=D(2026, 11, 1), evidence=None)
    item = calendar_plan.mark_point_done(item, by=team, actual_on=D(2026, 11, 1),
                                         evidence=SimpleUploadedFile("приказ.pdf", PDF))
    assert (item.status, item.evidence_name, item.evidence_kind) == ("done", "приказ.pdf", "pdf")
    with pytest.raises(DomainError) as e:
        calendar_plan.decide_point(item, by=staff, accept=False, comment="")
    assert e.value.field == "comment"
    with pytest.raises(DomainError):
        calendar_plan.decide_point(item, by=team, accept=True)
    item = calendar_plan.decide_point(item, by=staff, accept=False, comment="Нет подписи")
    assert (item.status, item.actual_on) == (PlanItemStatus.RETURNED, None)
    item = calendar_plan.mark_point_done(item, by=team, actual_on=D(2026, 11, 2),
                                         evidence=SimpleUploadedFile("приказ.pdf", PDF))
    item = calendar_plan.decide_point(item, by=staff, accept=True)
    assert item.status == PlanItemStatus.ACCEPTED
    assert list(AuditRecord.objects.filter(action__startswith="point_").order_by("pk")
                .values_list("action", flat=True)) == [
        "point_done", "point_returned", "point_done", "point_accepted"]


def test_overdue_points_feed_health(project, staff, frozen):
    late = PlanItemFactory(initiative=project, planned_end=D(2026, 11, 1))
    PlanItemFactory(initiative=project, planned_end=D(2026, 11, 2), status=PlanItemStatus.ACCEPTED)
    PlanItemFactory(initiative=project, planned_end=D(2026, 12, 1))  # not due yet
    ActivityFactory(initiative=project, planned_start=D(2026, 9, 1), planned_end=D(2026, 10, 1))
    assert list(plan_queries.overdue_points()) == [late]
    annotated = portfolio_queries.with_health(Initiative.objects.filter(pk=project.pk)).get()
    assert annotated.n_overdue_points == 1
    assert annotated.health == "at_risk"
    assert portfolio_queries.health_reasons(annotated) == ["просрочено контрольных точек: 1"]
    Initiative.objects.filter(pk=project.pk).update(state=InitiativeState.COMPLETED)
    assert list(plan_queries.overdue_points()) == []


def test_the_reminder_is_sent_once_per_date(project, staff, frozen,
                                            django_capture_on_commit_callbacks):
    member = team_member(project.organisation)
    item = PlanItemFactory(initiative=project, planned_end=D(2026, 11, 20))
    PlanItemFactory(initiative=project, planned_end=D(2026, 12, 20))  # too far
    with django_capture_on_commit_callbacks(execute=True):
        assert calendar_plan.remind_control_points(today=frozen) == 1
    assert calendar_plan.remind_control_points(today=frozen) == 0
    assert Notification.objects.filter(recipient=member, kind="control_point").count() == 1
    # the date moved: one more reminder for the new date
    PlanItem.objects.filter(pk=item.pk).update(planned_end=D(2026, 11, 24))
    assert calendar_plan.remind_control_points(today=frozen) == 1


def test_plan_rows_for_documents_are_in_order(project, staff):
    b = _point(project, staff, title="Б", planned_end=D(2026, 10, 1))
    a = calendar_plan.add_plan_item(project, by=staff, kind=PlanItemKind.ACTIVITY, title="А",
                                    planned_start=D(2026, 9, 1), planned_end=D(2026, 9, 30))
    assert plan_queries.plan_rows(project) == [b, a]


# --- the import ----------------------------------------------------------------------------


def _xlsx(rows, merge=None):
    book = Workbook()
    sheet = book.active
    sheet.append(["№", "Вид", "Мероприятие или контрольная точка", "Проверяемый результат",
                  "Подтверждающий документ", "Ответственный", "Начало", "Срок"])
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("план.xlsx", out.getvalue())


ROWS = [
    ["1", "Мероприятие", "Семинар для педагогов", "", "", "Иванова А. А.", "01.09.2026",
     "30.09.2026"],
    ["1.1", "Контрольная точка", "Положение утверждено", "Положение о сети", "Приказ",
     "Иванова А. А.", "", "1 октября 2026 г."],
    ["2", "Контрольная точка", "Отчёт опубликован", "Отчёт на сайте", "Ссылка", "", "",
     datetime.datetime(2026, 12, 15)],
]


def test_dates_in_two_forms_are_read_others_refused():
    assert parse_date("01.09.2026") == D(2026, 9, 1)
    assert parse_date("1 сентября 2026 г.") == D(2026, 9, 1)
    assert parse_date("15 Декабря 2026") == D(2026, 12, 15)
    assert parse_date("") is None
    for text in ("2026-09-01", "сентябрь 2026", "31.02.2026", "1 сент 2026", "09/01/2026"):
        with pytest.raises(ValueError):
            parse_date(text)


def test_plan_import_previews_writes_on_confirm_and_is_idempotent(project, staff):
    importer = PlanImport(by=staff, initiative=project)
    _data, table = importer.read(_xlsx(ROWS))
    preview = importer.preview(table)
    assert [r.status for r in preview.rows] == [RowStatus.NEW] * 3
    assert PlanItem.objects.count() == 0  # the preview writes nothing
    importer.apply(table)
    items = plan_queries.plan_rows(project)
    assert [(i.kind, i.title, i.planned_start, i.planned_end) for i in items] == [
        ("activity", "Семинар для педагогов", D(2026, 9, 1), D(2026, 9, 30)),
        ("point", "Положение утверждено", None, D(2026, 10, 1)),
        ("point", "Отчёт опубликован", None, D(2026, 12, 15)),
    ]
    again = importer.preview(importer.read(_xlsx(ROWS))[1])
    assert [r.status for r in again.rows] == [RowStatus.UNCHANGED] * 3
    changed = [row[:] for row in ROWS]
    changed[2][7] = "20.12.2026"
    preview = importer.preview(importer.read(_xlsx(changed))[1])
    assert [r.status for r in preview.rows] == [RowStatus.UNCHANGED, RowStatus.UNCHANGED,
                                                RowStatus.CHANGED]


def test_plan_import_refuses_bad_dates_outside_dates_and_merged_cells(project, staff):
    importer = PlanImport(by=staff, initiative=project)
    bad = [row[:] for row in ROWS]
    bad[0][6] = "2026-09-01"
    bad[1][7] = "1 октября 2028 г."
    bad[2][1] = "веха проекта"
    preview = importer.preview(importer.read(_xlsx(bad))[1])
    assert [r.status for r in preview.rows] == [RowStatus.ERROR] * 3
    assert "2026-09-01" in preview.rows[0].reasons[0]
    assert "31.05.2027" in preview.rows[1].reasons[0]
    with pytest.raises(ValidationError) as e:
        importer.read(_xlsx(ROWS, merge="A2:A3"))
    assert "A2:A3" in e.value.messages[0]
    book = Workbook()
    book.active.append(["Вид", "Срок"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ValidationError):
        importer.read(SimpleUploadedFile("план.xlsx", out.getvalue()))


def test_roles_on_the_persons_page_queries(project, staff):
    person = UserFactory()
    ProjectRoleFactory(initiative=project, person=person)
    assert [r.initiative for r in plan_queries.roles_of_person(person)] == [project]


# --- the curator agrees before the office decides -----------------------------------------


def test_the_office_approves_a_change_only_after_the_curators_agreement(project, staff, client):
    curator = UserFactory()
    ProjectRoleFactory(initiative=project, person=curator)
    change = ChangeRequestFactory(initiative=project, new_ends_on=D(2027, 8, 31))
    with pytest.raises(DomainError) as e:
        changes.decide_change(change, by=staff, approve=True)
    assert str(e.value).startswith("Куратор проекта ещё не согласовал")
    with pytest.raises(DomainError):
        agreement.agree(change, by=staff, agreed=True)  # only the curator agrees
    with pytest.raises(DomainError) as e:
        agreement.agree(change, by=curator, agreed=False)
    assert e.value.field == "comment"
    # the curator reads the project and agrees through the page
    client.force_login(curator)
    assert client.get(reverse("initiatives:monitoring", kwargs={"pk": project.pk})
                      ).status_code == 200
    assert client.get(reverse("portfolio:plan", kwargs={"pk": project.pk})).status_code == 200
    response = client.post(reverse("portfolio:agree_change", kwargs={"pk": change.pk}),
                           {"decision": "agree"})
    assert response.status_code == 302
    with pytest.raises(DomainError):
        agreement.agree(change, by=curator, agreed=True)  # once
    changes.decide_change(change, by=staff, approve=True)
    project.refresh_from_db()
    assert project.ends_on == D(2027, 8, 31)
    # a report: the agreement is for its current submission
    period = ReportingPeriodFactory(initiative=project)
    report = ProgressReportFactory(period=period, submitted_at=timezone.now())
    assert client.get(period.get_absolute_url()).status_code == 200
    agreement.agree(report, by=curator, agreed=False, comment="Нет данных о семинарах")
    with pytest.raises(DomainError):
        monitoring.decide_report(report, by=staff, accept=True)
    monitoring.decide_report(report, by=staff, accept=False, comment="Добавьте данные")
    assert list(AuditRecord.objects.filter(action__startswith="curator_")
                .values_list("action", flat=True).order_by("pk")) == [
        "curator_agreed", "curator_objected"]


def test_without_a_curator_the_office_decides_as_before(project, staff):
    change = ChangeRequestFactory(initiative=project, new_ends_on=D(2027, 8, 31))
    assert changes.decide_change(change, by=staff, approve=True).status == "approved"


def test_the_reminder_task_runs(project, frozen, django_capture_on_commit_callbacks):
    PlanItemFactory(initiative=project, planned_end=D(2026, 11, 20))
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_control_points.apply(kwargs={"today": "2026-11-18"}).get() == 1
