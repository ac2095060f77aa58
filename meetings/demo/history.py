"""Demo meetings: the six of the 2020–2021 school year the concept mentions, those of 2022 with
the final meeting of 27.12.2022 (annual-meeting-2022.txt), the 2023 plan it approved, the news
item of the seed, reflections across formats, a held meeting whose minutes await the head, and
a planned meeting ahead. Historic decisions are marked carried out (initiatives.demo already
walked those initiatives); the 27.12.2022 minutes are approved through ``approve_minutes``.
"""

import datetime
import random
from importlib import import_module

from django.apps import apps as django_apps
from django.utils import timezone

from accounts.models import AuditRecord
from initiatives.models import Initiative
from meetings import participation, plans, services
from meetings.enums import (
    ActivityKind,
    ActivityStatus,
    AgendaKind,
    AttendanceStatus,
    DecisionKind,
    MeetingStatus,
    OfficeRoleInOffice,
)
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionTask,
    Meeting,
    MeetingFormat,
    NewsItem,
    OfficeMember,
    Reflection,
    WorkPlan,
)

K = AgendaKind
SITTING, REFLECTIVE, STRATEGIC, OPEN_SPACE, CONSULTING = (
    "заседание", "рефлексивная встреча", "стратегическая сессия", "открытое пространство",
    "консультационный день")
PLACE = "МКОУ ДПО РЦ, ул. Ленина, 32, актовый зал"
LIFT = ("Программа перехода в эффективный режим функционирования и повышения качества "
        "образовательных результатов в рамках проекта «Образовательный лифт»")
LIFT_SCHOOLS = ["МБОУ СОШ № 7", "МБОУ СОШ № 1", "МБОУ ООШ № 12", "МБОУ «Фокинская СОШ»",
                "МБОУ СОШ п. Прикамский"]
QUALITY = ["PROкачество+ или совершенствование качества дошкольного образования",
           "От инициативы ФГОС 4.0 к «4К» компетенциям",
           "Миссия выполнима: как повысить качество образования в основной и старшей школе?.!"]
UNIKUM = "Муниципальная программа «УникУм» службы сопровождения одарённых детей"

MEMBERS = [("head", OfficeRoleInOffice.HEAD), ("staff", OfficeRoleInOffice.SECRETARY),
           ("zaitseva", OfficeRoleInOffice.MEMBER), ("orlova", OfficeRoleInOffice.MEMBER),
           ("belov", OfficeRoleInOffice.MEMBER), ("expert", OfficeRoleInOffice.MEMBER),
           ("expert2", OfficeRoleInOffice.MEMBER)]
# How each format tends to be rated (the concept's new formats rate higher than the sitting).
FORMAT_RATINGS = {SITTING: [3, 4, 4, 3, 5], REFLECTIVE: [5, 4, 5, 5, 4],
                  STRATEGIC: [4, 5, 4, 4], OPEN_SPACE: [5, 5, 4, 3], CONSULTING: [4, 5, 5, 4]}
VALUABLE = ["Живое обсуждение замыслов команд", "Обратная связь экспертов по существу",
            "Возможность остановиться и осмыслить сделанное", "Опыт коллег из других школ"]
CHANGE = ["Меньше докладов, больше диалога", "Присылать материалы заранее",
          "Больше времени на вопросы команд", ""]

NEWS_TITLE = "Проектный офис подводит итоги работы в 2022 году"


# The news item of annual-meeting-2022.txt, as published (the seed's text).
SEED_TEXT = (
    "27.12.2022 г. состоялось заключительное заседание Проектного офиса департамента "
    "образования в 2022 году, на котором был представлен анализ деятельности "
    "образовательных организаций, реализующих управленческие проекты в МОУ, подведены "
    "итоги работы Проектного офиса за 2022 год и запланирована работа на 2023 год.\n\n"
    "Соколова Марина Викторовна, директор МКОУ ДПО РЦ, руководитель Проектного офиса, "
    "познакомила членов Проектного офиса с итогами деятельности административных команд "
    "образовательных учреждений (далее – МОУ) по реализации управленческих проектов. Все "
    "управленческие проекты МОУ входят в управленческий портфель департамента образования "
    "«Формирование нового стиля управления административных команд образовательных "
    "учреждений». Наибольшее количество управленческих проектов представлено в 2-х "
    "управленческих моделях портфеля департамента образования «Методическое сопровождение "
    "деятельности педагогических работников» и «Повышение качества образования в ОУ», что "
    "свидетельствует о правильном видении управленческих команд основных проблем развития "
    "учреждений.\n\n"
    "Управленческие проекты, реализуемые в МОУ, направлены на развитие учреждений. Важной "
    "составляющей проектной деятельности МОУ является стимулирование инновационной "
    "активности ее участников. В 99% МОУ, реализующих управленческие проекты, созданы "
    "механизмы материального и морального стимулирования. В образовательных учреждениях "
    "налажено информирование общественности о деятельности команд МОУ по реализации "
    "управленческих проектов на сайтах учреждений и через размещение информации в "
    "социальной сети ВКонтакте. Запланированные за отчетный период 3 методические "
    "разработки (МБУ №№ 41, 88; МБОУ ДО «Свежий ветер»), были размещены на интерактивной "
    "цифровой площадке «Виртуальная сетевая лаборатория идей».\n\n"
    "Анализ результатов деятельности по реализации управленческих проектов учреждений "
    "показал, что управленческие команды выполнили поставленные перед собой задачи и "
    "достигли запланированных результатов. Члены Проектного офиса одобрили представленный "
    "аналитический отчет.\n\n"
    "На заседании были подведены итоги работы Проектного офиса департамента образования за"
    " 2022 год и рассмотрен проект плана работы Проектного офиса на 2023 год. Все "
    "участники заседания признали деятельность Проектного офиса удовлетворительной."
)


def _at(day, hour=15, minute=0):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


def seed(ctx):
    people = ctx.people
    head, staff = people["head"], people["staff"]
    for login, role in MEMBERS:
        OfficeMember.objects.get_or_create(person=people[login], role=role,
                                           defaults={"since": datetime.date(2020, 9, 1)})
    # The formats come with migration 0002; a test database flushed between tests has lost
    # them, so the demo makes sure they are there.
    import_module("meetings.migrations.0002_seed_formats").seed(django_apps, None)
    formats = {f.name: f for f in MeetingFormat.objects.all()}
    initiatives = {i.title: i for i in Initiative.objects.filter(
        title__in=[UNIKUM, *QUALITY, "Детский сад — пространство инициатив",
                   "Методическая сеть учителей естественно-математического цикла"]
        + [f"{LIFT} ({s})" for s in LIFT_SCHOOLS])}
    rnd = random.Random(7)
    ctx.extra["meetings"] = made = {}

    def meeting(day, fmt, topic, items, *, number=None, status=MeetingStatus.MINUTES_APPROVED,
                hour=15):
        found = Meeting.objects.filter(starts_at=_at(day, hour)).first()
        if found:
            made[day] = found
            return found, False
        m = services.create_meeting(
            format=formats[fmt], starts_at=_at(day, hour), ends_at=_at(day, hour + 2),
            place=PLACE, topic=topic, chair=head, secretary=staff, by=staff, number=number)
        for kind, title, initiative, presenter, heard, decided, decisions in items:
            item = services.add_agenda_item(
                m, by=staff, kind=kind, title=title,
                initiative=initiatives.get(initiative) if initiative else None,
                presenter=people.get(presenter), presenter_name="" if presenter in people
                else (presenter or ""))
            services.update_agenda_item(item, by=staff, values={"heard": heard,
                                                                "decided": decided})
            for dkind, text, extra in decisions:
                services.add_decision(item, kind=dkind, text=text, by=staff, **extra)
        if status != MeetingStatus.PLANNED:
            services.set_status(m, status=MeetingStatus.HELD, by=staff)
            present = [people[login] for login, _r in MEMBERS if rnd.random() < 0.85]
            for must in (head, staff, people["zaitseva"], people["orlova"]):
                if must not in present:
                    present.append(must)
            marks = {p.pk: AttendanceStatus.PRESENT for p in present}
            for login, _r in MEMBERS:
                marks.setdefault(people[login].pk, AttendanceStatus.EXCUSED)
            participation.record_attendance(m, marks=marks, by=staff)
            for n, person in enumerate(present):
                ratings = FORMAT_RATINGS[fmt]
                participation.submit_reflection(
                    m, person=person, rating=ratings[n % len(ratings)],
                    valuable=VALUABLE[(n + day.month) % len(VALUABLE)],
                    to_change=CHANGE[(n + day.day) % len(CHANGE)])
        if status == MeetingStatus.MINUTES_APPROVED:
            # a historic meeting: initiatives.demo has already walked its initiatives
            when = _at(day + datetime.timedelta(days=3), 10)
            Decision.objects.filter(item__meeting=m).update(executed_at=when, executed_by=head)
            DecisionTask.objects.filter(decision__item__meeting=m).update(
                done_at=when + datetime.timedelta(days=14), note="Выполнено.")
            Meeting.objects.filter(pk=m.pk).update(status=status, minutes_approved_at=when,
                                                   minutes_approved_by=head)
        AuditRecord.objects.filter(object_id=str(m.pk), content_type__model="meeting").update(
            at=_at(day, 17))
        made[day] = m
        return m, True

    task = {"owner": staff, "due_on": None}

    def task_due(day):
        return {**task, "due_on": day}

    # --- the six meetings of the 2020–2021 school year -------------------------------------
    meeting(datetime.date(2020, 9, 24), SITTING, "План работы проектного офиса на 2020–2021 уч. год", [
        (K.OFFICE_PLAN, "О плане работы проектного офиса на 2020–2021 учебный год", None, "head",
         "Руководитель проектного офиса представила проект плана работы.",
         "Утвердить план работы проектного офиса на 2020–2021 учебный год.", []),
    ])
    meeting(datetime.date(2020, 10, 22), CONSULTING, "Консультации команд «Образовательного лифта»", [
        (K.OTHER, "Консультирование команд школ по программам перехода в эффективный режим",
         None, "zaitseva", "Команды школ задали вопросы по структуре программ.",
         "Принять к сведению. Продолжить консультирование в сетевом формате.",
         [(DecisionKind.OTHER, "Подготовить памятку для команд по структуре программы перехода.",
           task_due(datetime.date(2020, 11, 15)))]),
    ])
    meeting(datetime.date(2020, 11, 26), SITTING, "Рассмотрение программы «УникУм»", [
        (K.NEW_INITIATIVE, "", UNIKUM, "orlova",
         "Руководитель службы сопровождения одарённых детей представила муниципальную программу.",
         "Утвердить муниципальную программу «УникУм».",
         [(DecisionKind.APPROVE, "Утвердить муниципальную программу «УникУм» службы "
           "сопровождения одарённых детей.", {})]),
    ])
    meeting(datetime.date(2021, 1, 28), REFLECTIVE, "Экспертиза как сопровождение", [
        (K.OTHER, "Рефлексия: от контролирующей экспертизы к сопровождению", None, "head",
         "Участники обсудили опыт экспертизы проектных замыслов.",
         "Освоить позицию развивающего эксперта; провести серию консультационных дней.", []),
    ])
    meeting(datetime.date(2021, 3, 25), SITTING, "Промежуточные итоги «Образовательного лифта»", [
        (K.INTERIM_RESULTS, f"Промежуточные итоги реализации программы ({school})",
         f"{LIFT} ({school})", None,
         f"Команда {school} представила промежуточные итоги реализации Программы перехода в "
         "эффективный режим функционирования в рамках проекта «Образовательный лифт».",
         "Принять к сведению промежуточные итоги.", [])
        for school in LIFT_SCHOOLS
    ])
    meeting(datetime.date(2021, 5, 27), SITTING, "Проекты повышения качества образования; итоги "
            "ресурсных центров", [
        *[(K.NEW_INITIATIVE, "", title, None, "Команда представила проектный замысел.",
           "Рекомендовать проект к реализации в 2021–2022 учебном году.", [])
          for title in QUALITY],
        (K.RESOURCE_CENTRES, "Итоговые результаты деятельности муниципальных ресурсных центров",
         None, "Руководители ресурсных центров",
         "Представлены итоговые результаты деятельности муниципальных ресурсных центров: "
         "МБОУ СОШ № 7 (с. Уральское) по естественно-математическому образованию; ресурсных "
         "центров по инклюзивному образованию.",
         "Признать деятельность ресурсных центров результативной.",
         [(DecisionKind.OTHER, "Обобщить опыт ресурсных центров в Виртуальной сетевой "
           "лаборатории идей.", task_due(datetime.date(2021, 6, 30)))]),
    ])

    # --- 2022: the plan for 2023 and the final meeting ------------------------------------
    plan, _ = WorkPlan.objects.get_or_create(
        year=2023, defaults={"title": "План работы Проектного офиса на 2023 год"})
    if not plan.activities.exists():
        for kind, title, month, status, note in [
            (ActivityKind.MEETING, "Рассмотрение новых проектных замыслов ОО", 2,
             ActivityStatus.DONE, ""),
            (ActivityKind.ACTIVITY, "Стратегическая сессия «Инновационная методическая сеть: "
             "правила взаимодействия»", 3, ActivityStatus.MOVED, "Перенесено на апрель по "
             "просьбе руководителей сетей."),
            (ActivityKind.ACTIVITY, "Открытое пространство для педагогов-наставников", 4,
             ActivityStatus.DROPPED, "Объединено с сетевым событием «Чайковского метро»."),
            (ActivityKind.MEETING, "Промежуточные итоги реализации управленческих проектов", 6,
             ActivityStatus.DONE, ""),
            (ActivityKind.ACTIVITY, "Консультационные дни для команд ОО", 10,
             ActivityStatus.PLANNED, ""),
            (ActivityKind.MEETING, "Итоговое заседание: аналитический отчёт за 2023 год, план "
             "на 2024 год", 12, ActivityStatus.PLANNED, ""),
        ]:
            activity = plans.add_activity(plan, by=staff, kind=kind, title=title,
                                             month=month, responsible="Лебедева О. Н.")
            if status != ActivityStatus.PLANNED:
                plans.set_activity_status(activity, status=status, note=note, by=staff)

    meeting(datetime.date(2022, 9, 29), OPEN_SPACE, "Открытое пространство: замыслы сети", [
        (K.OTHER, "Темы участников: инициативы для инновационной методической сети", None, None,
         "Участники предложили темы и обсудили их в группах.",
         "Оформить предложенные инициативы как проектные замыслы.", []),
    ])
    meeting(datetime.date(2022, 10, 27), STRATEGIC, "Стратегическая сессия: развитие сети", [
        (K.OTHER, "Правила взаимодействия участников инновационной методической сети", None,
         "zaitseva", "Обсуждены проекты правил взаимодействия участников сети.",
         "Вынести правила на обсуждение в сетях.", []),
    ])
    final, created = meeting(
        datetime.date(2022, 12, 27), SITTING, "Итоги работы за 2022 год и план на 2023 год", [
            (K.FINAL_RESULTS, "Анализ деятельности образовательных организаций, реализующих "
             "управленческие проекты", None, "head",
             "Руководитель Проектного офиса познакомила членов Проектного офиса с итогами "
             "деятельности административных команд МОУ по реализации управленческих проектов.",
             "Одобрить представленный аналитический отчёт.",
             [(DecisionKind.OTHER, "Разместить аналитический отчёт на сайте управления "
               "образования.", task_due(datetime.date(2023, 1, 20)))]),
            (K.OFFICE_PLAN, "Итоги работы Проектного офиса за 2022 год", None, "head",
             "Подведены итоги работы Проектного офиса департамента образования за 2022 год.",
             "Признать деятельность Проектного офиса удовлетворительной.", []),
            (K.OFFICE_PLAN, "О проекте плана работы Проектного офиса на 2023 год", None, "staff",
             "Рассмотрен проект плана работы Проектного офиса на 2023 год.", "", []),
        ], status=MeetingStatus.HELD)
    if created:
        plan_item = final.items.order_by("-order").first()
        services.update_agenda_item(plan_item, by=staff, values={"work_plan": plan})
        services.add_decision(plan_item, kind=DecisionKind.APPROVE_PLAN, by=staff,
                              text="Утвердить план работы Проектного офиса на 2023 год.")
        services.approve_minutes(final, by=head, notify_people=False)
        when = _at(datetime.date(2022, 12, 28), 10)
        Meeting.objects.filter(pk=final.pk).update(minutes_approved_at=when)
        Decision.objects.filter(item__meeting=final).update(executed_at=when)
        WorkPlan.objects.filter(pk=plan.pk).update(approved_at=when)
        AuditRecord.objects.filter(object_id__in=[str(final.pk), str(plan.pk)],
                                   at__gte=timezone.now() - datetime.timedelta(hours=1)).update(
            at=when)
        DecisionTask.objects.filter(decision__item__meeting=final).update(
            done_at=_at(datetime.date(2023, 1, 16), 12), note="Отчёт размещён на сайте.")
    if not NewsItem.objects.filter(title=NEWS_TITLE).exists():
        services.publish_news(meeting=final, title=NEWS_TITLE, text=SEED_TEXT, by=staff,
                              published_at=_at(datetime.date(2022, 12, 28), 12))

    # --- a held meeting whose minutes wait for the head, and one ahead ----------------------
    kindergarten = initiatives.get("Детский сад — пространство инициатив")
    if kindergarten is not None:
        meeting(datetime.date(2023, 2, 16), SITTING, "Рассмотрение новых проектных замыслов ОО", [
            (K.NEW_INITIATIVE, "", "Детский сад — пространство инициатив", "andreeva",
             "Команда МБУ № 88 представила проектный замысел; эксперты рекомендовали его.",
             "Утвердить проект.",
             [(DecisionKind.APPROVE, "Утвердить проект «Детский сад — пространство инициатив» "
               "к реализации.", {})]),
        ], status=MeetingStatus.HELD)
    # the meetings of the current school year come with meetings.demo.today, in date order
    ctx.extra["work_plan_2023"] = plan
    ctx.extra["reflections"] = Reflection.objects.count()
    if ctx.scale > 1:
        _scaled(ctx, formats)


SCALED_TOPIC = "Рассмотрение проектных замыслов (сгенерированное заседание)"
# the state of a generated initiative: the decision the office took on it
DECIDED = {"approved": DecisionKind.APPROVE, "in_progress": DecisionKind.APPROVE,
           "completed": DecisionKind.APPROVE, "closed": DecisionKind.CLOSE,
           "rejected": DecisionKind.REJECT, "revision_requested": DecisionKind.REVISE}


def _scaled(ctx, formats):
    """Benchmarks: five held meetings per unit of scale, each with four agenda items on
    generated initiatives, their decisions (carried out) and the attendance of the office,
    with bulk_create (no audit per row). Idempotent: counts the generated meetings."""
    have = Meeting.objects.filter(topic=SCALED_TOPIC).count()
    want = 5 * ctx.scale
    if have >= want:
        return
    people = ctx.people
    head, staff = people["head"], people["staff"]
    candidates = list(Initiative.objects.filter(
        title__startswith="Сгенерированная инициатива №", state__in=list(DECIDED))
        .order_by("pk").values_list("pk", "state", "title"))
    fmt = formats[SITTING]
    meetings = []
    for n in range(have, want):
        year = 2019 + n % 5
        day = datetime.date(year, 10 + n % 3, 1 + (n // 5) % 27)
        meetings.append(Meeting(
            number=100 + n // 5, school_year=f"{year}/{year + 1}", starts_at=_at(day, 10),
            ends_at=_at(day, 12), place=PLACE, format=fmt, topic=SCALED_TOPIC,
            status=MeetingStatus.MINUTES_APPROVED, chair=head, secretary=staff, created_by=staff,
            minutes_approved_at=_at(day + datetime.timedelta(days=3), 10),
            minutes_approved_by=head))
    meetings = Meeting.objects.bulk_create(meetings, batch_size=1000)
    items = []
    for n, m in enumerate(meetings, start=have):
        for k in range(4):
            pk, _state, title = candidates[(n * 4 + k) % len(candidates)] if candidates else (
                None, None, "Вопрос повестки")
            items.append(AgendaItem(
                meeting=m, order=k + 1, kind=K.NEW_INITIATIVE, title=title[:500],
                initiative_id=pk, presenter=staff, heard="Команда представила проектный замысел.",
                decided="Решение принято большинством голосов."))
    items = AgendaItem.objects.bulk_create(items, batch_size=1000)
    states = {pk: state for pk, state, _title in candidates}
    Decision.objects.bulk_create([
        Decision(item=item, kind=DECIDED[states[item.initiative_id]],
                 text="Решение по проектному замыслу.", executed_at=item.meeting.minutes_approved_at,
                 executed_by=head)
        for item in items if item.initiative_id], batch_size=1000)
    members = [people[login] for login, _role in MEMBERS]
    Attendance.objects.bulk_create([
        Attendance(meeting=m, person=p, status=AttendanceStatus.PRESENT if (m.pk + i) % 6
                   else AttendanceStatus.EXCUSED)
        for m in meetings for i, p in enumerate(members)], batch_size=1000)
