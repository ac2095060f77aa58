"""The current academic year of the demo, relative to the day the database was first seeded
(``ctx.today``): initiatives in every state moved through the real lifecycle by their real
actors (their notifications stay unread), reviews due this week and one overdue, projects in
progress with a progress report due and one overdue. Deadlines are counted in working days of
the production calendar. Idempotent: a card that exists is not built again.

It also closes the assignments the history left open on initiatives that have long left
expertise (as the lifecycle does today), so no expert's queue holds them.
"""

import datetime

from django.utils import timezone

from accounts.workdays import add_working_days
from expertise import assignments
from expertise import services as expertise
from expertise.models import ExpertAssignment
from initiatives import lifecycle
from initiatives.demo import _build, _generic
from initiatives.enums import ExpertAssignmentStatus
from initiatives.models import Initiative, StrategyGoal
from portfolio import services as monitoring

RECOMMEND = {"comment": "Замысел проработан, эксперты рекомендуют его к реализации."}
NOT_RECOMMEND = {"comment": "Замысел не раскрывает механизм сетевого взаимодействия; цель и "
                            "показатели не связаны."}
REVISE = {"comment": "Уточните целевые показатели и календарный план сетевых событий."}
RETURN = {"comment": "Не приложено согласие руководителя ОО; заполните раздел «Сроки»."}
PATHS = {
    "draft": [],
    "submitted": ["submit"],
    "returned": ["submit", "return"],
    "under_review": ["submit", "start_review"],
    "revision_requested": ["submit", "start_review", "request_revision"],
    "resubmitted": ["submit", "start_review", "request_revision", "resubmit"],
    "recommended": ["submit", "start_review", "recommend"],
    "not_recommended": ["submit", "start_review", "not_recommend"],
    "approved": ["submit", "start_review", "recommend", "approve"],
    "rejected": ["submit", "start_review", "not_recommend", "reject"],
    "in_progress": ["submit", "start_review", "recommend", "approve", "start"],
    "withdrawn": ["submit", "withdraw"],
}
NOTES = {"recommend": RECOMMEND, "not_recommend": NOT_RECOMMEND, "request_revision": REVISE,
         "return": RETURN, "approve": {"basis": "по решению проектного офиса"},
         "reject": {"comment": "Отклонён: замысел не соответствует направлениям портфеля."},
         "withdraw": {"reason": "Команда объединяет замысел с сетевым проектом ресурсного "
                                "центра."}}

# organisation, title, leader, direction, state, experts: [(login, status, working days)]
CARDS = [
    ("МБОУ СОШ № 7", "Цифровая образовательная среда школы: электронное портфолио ученика как "
     "инструмент формирующего оценивания в 5–9 классах", "team", 1, "draft", []),
    ("МБОУ ДО «Свежий ветер»", "Сетевая школа вожатых: подготовка старшеклассников к "
     "организации событий для младших школьников в каникулярное время", "romanov", 2,
     "submitted", []),
    ("МБОУ «Фокинская СОШ»", "Сельская школа как центр притяжения: сетевые образовательные "
     "события для обучающихся малокомплектных школ округа", "tarasova", 2, "returned", []),
    ("МБОУ СОШ № 7", "Функциональная грамотность через межпредметные проектные задачи: "
     "сетевой банк заданий для 7–8 классов школ Чайковского городского округа", "team", 1,
     "under_review", [("expert", "accepted", 3), ("head", "proposed", 8)]),
    ("МБОУ СОШ № 1", "Наставничество «учитель — учитель» в сетевом формате: сопровождение "
     "молодых педагогов в первые три года работы", "team2", 0, "under_review",
     [("expert2", "accepted", 2), ("head", "proposed", 6)]),
    ("МБОУ СОШ № 1", "Школьная служба медиации как ресурс профилактики конфликтов: сетевое "
     "взаимодействие школ округа", "team2", 3, "revision_requested", [("expert2", "accepted", 4)]),
    ("МБОУ СОШ № 7", "Естественно-научная лаборатория выходного дня: сетевые практикумы по "
     "физике и химии для обучающихся 8–11 классов", "team", 1, "resubmitted",
     [("expert", "accepted", -3)]),
    ("МАОУ Гимназия", "От инициативы ФГОС 4.0 к «4К» компетенциям: модель сетевых открытых "
     "уроков и мастер-классов для педагогов основной школы", "pavlova", 5, "recommended", []),
    ("МБОУ ООШ № 12", "Родительский университет: сетевые встречи семей и педагогов по вопросам "
     "успешности ребёнка в основной школе", "grigorieva", 4, "not_recommended", []),
    ("МБУ № 88", "Инженерная игротека в детском саду: конструирование и робототехника для "
     "дошкольников в сети детских садов округа", "andreeva", 4, "approved", []),
    ("МБОУ СОШ п. Прикамский", "Виртуальный краеведческий музей поселения: сетевой проект "
     "учителей истории и обучающихся сельских школ", "kiseleva", 2, "rejected", []),
    ("МБОУ СОШ № 7", "Смысловое чтение в основной школе: сетевые читательские мастерские для "
     "учителей-предметников и обучающихся 5–7 классов", "team", 0, "in_progress", []),
    ("МБОУ СОШ № 1", "Школа управленческой команды: рефлексивные встречи заместителей "
     "директоров по переходу в эффективный режим функционирования", "team2", 5, "in_progress",
     []),
    ("МБОУ ДО «Свежий ветер»", "Медиацентр дополнительного образования: сетевая редакция "
     "школьных новостей для обучающихся 6–10 классов", "romanov", 2, "withdrawn", []),
]


def seed(ctx):
    today = ctx.today
    year = today.year if today.month >= 9 else today.year - 1
    people, orgs = ctx.people, ctx.organisations
    staff, head = people["staff"], people["head"]
    directions = ctx.extra["directions"]
    goals = list(StrategyGoal.objects.order_by("kind", "order")[:3])
    for org, title, leader, d, state, experts in CARDS:
        if Initiative.objects.filter(organisation=orgs[org], title=title).exists():
            continue
        topic = title.split(":")[0].lower()
        initiative = _build(orgs[org], title, people[leader], [], directions[d], goals, year,
                            _generic(topic, "организация", title.split(":")[0]))
        Initiative.objects.filter(pk=initiative.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=20))
        _walk(initiative, PATHS[state], experts, ctx=ctx, leader=people[leader], staff=staff,
              head=head)
        if state == "in_progress":
            _report_periods(initiative, staff=staff, leader=people[leader], today=today,
                            overdue=leader == "team")
    expertise.remind_reviews(today=today)
    _close_stale_assignments(staff)


def _walk(initiative, path, experts, *, ctx, leader, staff, head):
    actors = {"submit": leader, "return": staff, "start_review": staff,
              "request_revision": staff, "resubmit": leader, "recommend": head,
              "not_recommend": head, "approve": head, "reject": head, "start": staff,
              "withdraw": leader}
    for step in path:
        if step == "request_revision" or (step in ("recommend", "not_recommend") and experts):
            _assign(initiative, experts, ctx=ctx, staff=staff)
        lifecycle.fire(initiative, step, by=actors[step], **NOTES.get(step, {}))
    if not path or path[-1] in ("start_review", "resubmit"):
        _assign(initiative, experts, ctx=ctx, staff=staff)


def _assign(initiative, experts, *, ctx, staff):
    for login, status, days in experts:
        expert = ctx.people[login]
        if ExpertAssignment.objects.filter(initiative=initiative, expert=expert).exists():
            continue
        due = (add_working_days(ctx.today, days) if days >= 0
               else ctx.today - datetime.timedelta(days=-days * 7 // 5 + 1))
        assignment = expertise.assign_expert(initiative, expert=expert, by=staff, due_on=due,
                                             send=days >= 0)
        if status == ExpertAssignmentStatus.ACCEPTED:
            expertise.accept_assignment(assignment, by=expert)
            if expertise.form_in_use() is not None:
                expertise.open_review(assignment, by=expert)


def _report_periods(project, *, staff, leader, today, overdue):
    """A period that ended last month (its report overdue for the team of СОШ № 7, handed in by
    the other) and this month's, due in ten working days after it ends."""
    first = today.replace(day=1)
    last_month_end = first - datetime.timedelta(days=1)
    start = max(project.starts_on, last_month_end.replace(day=1) - datetime.timedelta(days=31))
    due_past = min(add_working_days(last_month_end, 3), today - datetime.timedelta(days=2))
    past = monitoring.add_period(project, by=staff, title=f"Отчёт за {start:%m.%Y}–"
                                 f"{last_month_end:%m.%Y}", starts_on=start,
                                 ends_on=last_month_end, due_on=max(due_past, start))
    if not overdue:
        monitoring.save_report(past, by=leader, done="Проведены две сетевые встречи.",
                               results="Участвуют 12 педагогов из 4 школ.", problems="Нет.",
                               next_steps="Рефлексивная встреча в конце четверти.", submit=True)
    month_end = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    due = min(add_working_days(today, 7), month_end + datetime.timedelta(days=14))
    monitoring.add_period(project, by=staff, title=f"Отчёт за {first:%m.%Y}", starts_on=first,
                          ends_on=month_end, due_on=due)


def _close_stale_assignments(staff):
    stale = (Initiative.objects.filter(expert_assignments__status__in=[
        ExpertAssignmentStatus.PROPOSED, ExpertAssignmentStatus.ACCEPTED]).distinct()
        .order_by("pk"))
    for initiative in stale:
        if not assignments.expects_reviews(initiative.state):
            assignments.close_open_assignments(
                initiative, by=staff, send=False,
                reason="Замысел вышел из экспертизы: экспертиза больше не ожидается.")
