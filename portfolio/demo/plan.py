"""The demo's roles and calendar plans (issue 25), relative to the day the database was first
seeded (``ctx.today``): the current year's projects in progress get a curator (the office head)
and an administrator (their leader), shares of working time, and a plan of activities and
control points — two accepted, one done and waiting for the office, one overdue, one due within
the reminder's week, the rest ahead, one forecast late. Built through the domain functions;
idempotent: a project with a plan is left as it is."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.enums import NotificationKind
from accounts.models import Notification
from initiatives.enums import InitiativeState, ReviewStatus
from initiatives.models import Initiative
from portfolio import agreement, project_roles
from portfolio.demo.today import CARDS
from portfolio.models import ProgressReport
from portfolio.plan import services as calendar_plan
from portfolio.plan.enums import PlanItemKind, ProjectRoleKind

EVIDENCE = b"%PDF-1.4\n% demo evidence\n"
# (kind, title, result, document, days from today to the start, days to the end)
PLAN = [
    (PlanItemKind.ACTIVITY, "Установочный семинар команды и партнёров сети", "", "",
     -80, -70),
    (PlanItemKind.POINT, "Положение о сетевом взаимодействии утверждено",
     "Положение подписано руководителями ОО-участников", "Приказ об утверждении положения",
     None, -60),
    (PlanItemKind.ACTIVITY, "Серия мастер-классов для педагогов сети", "", "", -50, 20),
    (PlanItemKind.POINT, "Проведены три мастер-класса",
     "Не менее 45 педагогов прошли мастер-классы", "Лист регистрации и фотоотчёт", None, -30),
    (PlanItemKind.POINT, "Банк сетевых заданий опубликован",
     "Банк заданий открыт для ОО сети", "Ссылка на банк и приказ", None, -12),
    (PlanItemKind.POINT, "Промежуточная рефлексивная встреча проведена",
     "Протокол встречи с выводами команды", "Протокол встречи", None, -5),
    (PlanItemKind.POINT, "Анкетирование педагогов проведено",
     "Отчёт по анкетам не менее 60 педагогов", "Аналитическая справка", None, 5),
    (PlanItemKind.ACTIVITY, "Апробация заданий в 7–8 классах", "", "", 10, 120),
    (PlanItemKind.POINT, "Методический сборник подготовлен",
     "Сборник передан в Лабораторию идей", "Сборник (PDF)", None, 150),
    (PlanItemKind.POINT, "Итоговая конференция сети проведена",
     "Конференция с участием всех ОО сети", "Программа и протокол", None, 170),
]


def _within(project, day):
    return min(max(day, project.starts_on), project.ends_on)


def seed(ctx):
    today = ctx.today
    people = ctx.people
    staff, head = people["staff"], people["head"]
    titles = [title for _org, title, _leader, _d, state, _e in CARDS if state == "in_progress"]
    told, waiting = [], []
    since = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for project in Initiative.objects.filter(title__in=titles, state=InitiativeState.IN_PROGRESS,
                                             plan_items__isnull=True).select_related("leader"):
        told += _roles(project, staff=staff, head=head)
        urls, pending = _plan(project, staff=staff, today=today)
        told += urls
        waiting.append(pending)
    # what the plan's history told people is read already (notifications are written after the
    # seed's commit, so this runs then too); the point waiting for the office stays news
    transaction.on_commit(lambda: Notification.objects.filter(
        pk__gt=since, kind__in=(NotificationKind.CONTROL_POINT, NotificationKind.DECISION_MADE),
        url__in=set(told) - set(waiting), read_at__isnull=True).update(read_at=timezone.now()))


def _roles(project, *, staff, head):
    project_roles.assign_role(project, by=staff, role=ProjectRoleKind.CURATOR, person=head,
                              position="начальник отдела развития образования управления "
                                       "образования")
    if project.leader_id:
        project_roles.assign_role(project, by=staff, role=ProjectRoleKind.ADMINISTRATOR,
                                  person=project.leader, position="заместитель директора")
    for n, member in enumerate(project.team.all()):
        project_roles.set_share(member, by=staff, percent=(40, 25, 20)[n % 3])
    # the curator agrees the report the team has submitted (the office then decides it)
    urls = []
    for report in ProgressReport.objects.filter(period__initiative=project,
                                                status=ReviewStatus.SUBMITTED):
        agreement.agree(report, by=head, agreed=True)
        urls.append(report.get_absolute_url())
    return urls


def _plan(project, *, staff, today):
    administrator = project.leader or staff
    items = []
    for kind, title, result, document, start, end in PLAN:
        planned_end = _within(project, today + datetime.timedelta(days=end))
        planned_start = None if start is None else _within(
            project, today + datetime.timedelta(days=start))
        if planned_start and planned_start > planned_end:
            planned_start = planned_end
        items.append(calendar_plan.add_plan_item(
            project, by=administrator, kind=kind, title=title, result=result,
            evidence_document=document, responsible=project.leader, planned_start=planned_start,
            planned_end=planned_end))
    points = [i for i in items if i.kind == PlanItemKind.POINT]
    for point in points[:2]:  # done and accepted by the office
        calendar_plan.mark_point_done(point, by=administrator, actual_on=point.planned_end,
                                      evidence=SimpleUploadedFile("приказ.pdf", EVIDENCE))
        calendar_plan.decide_point(point, by=staff, accept=True)
    # done two days late, waiting for the office
    calendar_plan.mark_point_done(points[2], by=administrator,
                                  actual_on=min(points[2].planned_end + datetime.timedelta(days=2),
                                                today),
                                  evidence=SimpleUploadedFile("банк-заданий.pdf", EVIDENCE))
    # points[3] stays overdue; the activity under way is forecast a fortnight late
    calendar_plan.set_forecast(items[2], by=administrator, forecast_start=items[2].planned_start,
                               forecast_end=items[2].planned_end + datetime.timedelta(days=14))
    return [i.get_absolute_url() for i in items], points[2].get_absolute_url()
