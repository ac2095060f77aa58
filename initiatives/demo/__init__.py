"""Demo initiatives of the seeds, moved through the real lifecycle so their histories are true.

The texts of «Проектный офис+. Неформальный подход» are the seed's own; the other cards are
written in its manner. People are fictional (accounts.demo). ``--scale N`` adds 100 × N
generated cards with ``bulk_create`` for the benchmarks (no lifecycle per row).
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from accounts.models import AuditRecord, User
from initiatives import lifecycle, services
from initiatives.enums import InitiativeState
from initiatives.enums import StrategyGoalKind as K
from initiatives.models import Direction, Initiative, Portfolio, StrategyGoal
from network.models import Organisation

PORTFOLIO = "Формирование нового стиля управления административных команд образовательных учреждений"
DIRECTIONS = [
    "Методическое сопровождение деятельности педагогических работников",
    "Повышение качества образования в ОУ",
    "Развитие инновационной методической сети",
    "Выявление и сопровождение одарённых детей",
    "Инклюзивное образование",
    "Развитие профессиональных компетенций управленческих команд",
]
GOALS = [
    (K.MUNICIPAL_STRATEGY, "Повышение качества образовательных результатов обучающихся"),
    (K.MUNICIPAL_STRATEGY, "Развитие кадрового потенциала системы образования"),
    (K.MUNICIPAL_STRATEGY, "Развитие сетевого взаимодействия образовательных организаций"),
    (K.MUNICIPAL_STRATEGY, "Развитие системы выявления и поддержки одарённых детей"),
    (K.MUNICIPAL_STRATEGY, "Развитие проектного управления в системе образования"),
    (K.NATIONAL_PROJECT, "Современная школа"),
    (K.NATIONAL_PROJECT, "Успех каждого ребёнка"),
    (K.NATIONAL_PROJECT, "Учитель будущего"),
    (K.NATIONAL_PROJECT, "Цифровая образовательная среда"),
    (K.NATIONAL_PROJECT, "Поддержка семей, имеющих детей"),
]

PO_PLUS = {
    "annotation": (
        "Проект «Проектный офис+. Неформальный подход» направлен на повышение эффективности "
        "деятельности муниципального проектного офиса через освоение новых функций. Проектный офис "
        "становится органом, который берет на себя функцию проектирования и развития инновационной "
        "методической сети. Местом рефлексивных встреч, экспертного наращивания участников, освоения "
        "новых позиций (развивателя), продвижения проектных замыслов и инновационных идей. Реализуется "
        "подход, при котором функции проектного офиса постепенно могут наращиваться в зависимости от "
        "уровня зрелости."
    ),
    "problem": (
        "В системе образования Чайковского городского округа мы придаем большое значение "
        "ресурсности сетевого взаимодействия. За последние годы накоплен эффективный опыт "
        "выстраивания сетевого взаимодействия через реализацию муниципальных проектов. Например, "
        "««Чайковское метро» или сетевое взаимодействие образовательных организаций Чайковского "
        "городского округа по достижению метапредметного результата «смысловое чтение»» или "
        "«Смысловое чтение как основа умения работать с информацией в начальной школе. Создание "
        "методического кластера».\n"
        "Есть уникальный опыт выстраивания сетевого взаимодействия через деятельность Центров "
        "инновационного опыта. (МАОУ Гимназия, СОШ № 7, СОШ № 10).\n"
        "При анализе работы мы обратили внимание на следующую проблему. Как только завершается "
        "реализация проекта и автор проекта (или команда проекта) перестают создавать специальные "
        "условия для деятельности сети и инициировать ее деятельность через событийность, сеть "
        "перестает действовать. Встал проблемный вопрос, что необходимо сделать, чтобы инновационная "
        "методическая сеть продолжала жить, и работала как самостоятельная самоорганизующаяся и после "
        "завершения проекта. И не зависела от действий или бездействий одного человека.\n"
        "Вторая проблема, которая нас волнует. Реализация проектного подхода к управлению. Разработка "
        "и внедрение системы управления проектами уже является не данью моде, а скорее насущная "
        "необходимость. Была организована контролирующая экспертиза относительно проработанности "
        "структурных и содержательных компонентов проектирования. При этом задачу обеспечения "
        "организационно-методического консультирования при осуществлении проектной деятельности в "
        "системе образования проектный офис не выполняет."
    ),
    "idea": (
        "Проектный офис становится органом, который берет на себя функцию проектирования и развития "
        "инновационной методической сети. Местом рефлексивных встреч, экспертного наращивания "
        "участников, освоения новых позиций (развивателя), продвижения проектных замыслов и "
        "инновационных идей. Строит свою деятельность на принципах гуманитарного проектирования. "
        "Используется неформальный подход к организации и проведению заседаний как по количеству, так "
        "и по качеству встреч."
    ),
    "goal": (
        "Выстраивание самоорганизующейся инновационной методической сети через расширение функций "
        "деятельности Муниципального проектного офиса."
    ),
    "tasks": [
        "Наращивание экспертной и рефлексивной позиции участников проектного офиса (содержательный "
        "эксперт, системный эксперт-методолог, развивающий эксперт, развиватель).",
        "Освоение новых форматов коммуникации и проведения заседаний проектного офиса.",
        "Организация процесса консультирования и сопровождения проектных замыслов педагогов и ОО "
        "членами проектного офиса.",
        "Согласование и фиксация правил взаимодействия участников инновационно-методической сети. "
        "Понимание структуры и процессов управления инновационно-методической сетью.",
        "Освоение норм гуманитарного проектирования участников проектного офиса (понимание "
        "проектирования и освоения проектных умений).",
        "Анализ эффективности деятельности самоорганизующейся инновационной методической сети.",
    ],
    "results_people": (
        "Группа педагогов с сильной экспертной позицией, формирование методического актива города, "
        "развитие новых компетенций педагогов (мягкие навыки, навыки саморазвития и "
        "самореализации/soft skills, self skills). Понимание и освоение SSS."
    ),
    "results_process": (
        "Организация пространства выбора, самоопределения и зарождения инициатив для реализации в "
        "инновационной методической сети. Проектный офис как место остановки и рефлексии, развития. "
        "Инновационно-методическая сеть как место инициатив, самоорганизующееся пространство."
    ),
    "main_product": (
        "Статья по созданию, выстраиванию самоорганизующейся инновационной методической сети через "
        "деятельность проектного офиса."
    ),
}


def _generic(topic, level, product):
    return {
        "annotation": f"Проект направлен на {topic} через сетевое взаимодействие педагогов и "
                      f"методическое сопровождение команды {level}.",
        "problem": f"Анализ результатов оценочных процедур показал, что {level} нуждается в "
                   f"системных изменениях: {topic} пока не обеспечено единым подходом, опыт "
                   "отдельных педагогов не становится достоянием методической сети.",
        "idea": f"Создать в организации команду, которая освоит новые практики, обеспечит {topic} "
                "и передаст опыт в инновационную методическую сеть округа.",
        "goal": f"Обеспечить {topic} к концу учебного года.",
        "tasks": [
            "Провести проблемный анализ и определить дефициты педагогов.",
            "Организовать обучение команды и сетевые методические события.",
            "Апробировать новые практики и оценить их результативность.",
            "Представить результаты на заседании проектного офиса и в сети.",
        ],
        "results_people": "Педагоги освоили новые практики и готовы делиться опытом в сети.",
        "results_process": "Выстроена система методического сопровождения и мониторинга результатов.",
        "main_product": product,
    }


# (org, title, leader login, team logins, direction index, goal indices, academic year start,
#  path, texts)
# the cards that ``--scale`` generates (expertise.demo.scaled gives them a history)
SCALED_PREFIX = "Сгенерированная инициатива №"

LIFT = "Программа перехода в эффективный режим функционирования и повышения качества " \
       "образовательных результатов в рамках проекта «Образовательный лифт»"
FINISHED = ["submit", "start_review", "recommend", "approve", "start", "complete"]
CLOSED = [*FINISHED, "close"]
RUNNING = ["submit", "start_review", "recommend", "approve", "start"]
INITIATIVES = [
    ("МБУ ЦРО", "Муниципальная программа «УникУм» службы сопровождения одарённых детей", "orlova",
     ["egorova"], 3, [3, 6], 2020, RUNNING,
     _generic("выявление и сопровождение одарённых детей", "служба сопровождения",
              "Программа «УникУм» и банк индивидуальных образовательных маршрутов")),
    ("МБУ № 41", "PROкачество+ или совершенствование качества дошкольного образования", "makarova",
     [], 1, [0, 5], 2021, RUNNING,
     _generic("совершенствование качества дошкольного образования", "детский сад",
              "Методические рекомендации по внутренней системе оценки качества")),
    ("МАОУ Гимназия", "От инициативы ФГОС 4.0 к «4К» компетенциям", "pavlova", [], 1, [0, 7], 2021,
     FINISHED,
     _generic("формирование «4К» компетенций младших школьников", "начальная школа",
              "Сборник заданий на развитие «4К» компетенций")),
    ("МБОУ СОШ № 10", "Миссия выполнима: как повысить качество образования в основной и старшей "
     "школе?.!", "semenov", [], 1, [0, 5], 2021, RUNNING,
     _generic("повышение качества образования в основной и старшей школе", "основная школа",
              "Модель внутришкольной системы повышения качества образования")),
    ("МБОУ СОШ № 7", f"{LIFT} (МБОУ СОШ № 7)", "team", ["volkova", "fedorov"], 1, [0, 5], 2020,
     RUNNING, _generic("переход в эффективный режим функционирования", "школа",
                       "Программа перехода в эффективный режим функционирования")),
    ("МБОУ СОШ № 1", f"{LIFT} (МБОУ СОШ № 1)", "team2", ["nikitina"], 1, [0, 5], 2020, FINISHED,
     _generic("переход в эффективный режим функционирования", "школа",
              "Программа перехода в эффективный режим функционирования")),
    ("МБОУ ООШ № 12", f"{LIFT} (МБОУ ООШ № 12)", "grigorieva", [], 1, [0, 5], 2020, RUNNING,
     _generic("переход в эффективный режим функционирования", "школа",
              "Программа перехода в эффективный режим функционирования")),
    ("МБОУ «Фокинская СОШ»", f"{LIFT} (МБОУ «Фокинская СОШ»)", "tarasova", [], 1, [0, 5], 2020,
     RUNNING, _generic("переход в эффективный режим функционирования", "сельская школа",
                       "Программа перехода в эффективный режим функционирования")),
    ("МБОУ СОШ п. Прикамский", f"{LIFT} (МБОУ СОШ п. Прикамский)", "kiseleva", [], 1, [0, 5], 2020,
     CLOSED, _generic("переход в эффективный режим функционирования", "сельская школа",
                      "Программа перехода в эффективный режим функционирования")),
    ("МБУ ЦРО", "Проектный офис+. Неформальный подход", "zaitseva",
     ["egorova", "stepanova", "orlova"], 2, [2, 4, 7], 2021, RUNNING, PO_PLUS),
    ("МБОУ СОШ № 7", "Методическая сеть учителей естественно-математического цикла", "team",
     ["fedorov"], 0, [1, 2], 2022, ["submit", "start_review", "request_revision"],
     _generic("сетевое взаимодействие учителей естественно-математического цикла",
              "ресурсный центр", "Банк сетевых практических занятий")),
    ("МБОУ ДО «Свежий ветер»", "Методическая сеть педагогов дополнительного образования", "romanov",
     [], 0, [1, 6], 2022, ["submit"],
     _generic("сетевое взаимодействие педагогов дополнительного образования", "организация",
              "Методическая разработка для Виртуальной сетевой лаборатории идей")),
    ("МБУ № 88", "Детский сад — пространство инициатив", "andreeva", [], 0, [1, 9], 2022,
     ["submit", "start_review", "recommend"],
     _generic("поддержку инициатив педагогов дошкольного образования", "детский сад",
              "Методическая разработка «Клубный час»")),
]
DRAFT = ("МБОУ СОШ № 7", "Сетевое взаимодействие как ресурс повышения качества образования",
         "team")
MEETINGS = {2020: "по решению заседания № 3 от 26.11.2020", 2021: "по решению заседания № 2 от "
            "28.10.2021", 2022: "по решению заседания № 2 от 27.10.2022"}


def _at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 11, 0))


def seed(ctx):
    portfolio, _ = Portfolio.objects.update_or_create(name=PORTFOLIO, defaults={"order": 1})
    directions = []
    for n, name in enumerate(DIRECTIONS, 1):
        d, _ = Direction.objects.update_or_create(portfolio=portfolio, name=name,
                                                  defaults={"order": n})
        directions.append(d)
    goals = []
    for n, (kind, title) in enumerate(GOALS, 1):
        g, _ = StrategyGoal.objects.update_or_create(kind=kind, title=title, defaults={"order": n})
        goals.append(g)
    ctx.extra["directions"] = directions
    people, orgs = ctx.people, ctx.organisations
    staff, head = people["staff"], people["head"]
    created = {}
    for org, title, leader, team, d, g, year, path, texts in INITIATIVES:
        initiative = Initiative.objects.filter(organisation=orgs[org], title=title).first()
        if initiative is None:
            initiative = _build(orgs[org], title, people[leader], [people[t] for t in team],
                                directions[d], [goals[i] for i in g], year, texts)
            _walk(initiative, path, year, team_member=people[leader], staff=staff, head=head)
        created[title] = initiative
    _draft(ctx, directions, goals)
    ctx.extra["initiatives"] = created
    if ctx.scale > 1:
        _seed_scaled(ctx, directions)


def _build(org, title, leader, team, direction, goals, year, texts):
    initiative = services.create_initiative(organisation=org, title=title, by=leader)
    services.add_team_member(initiative, by=leader, person=leader, position="руководитель проекта",
                             is_leader=True)
    for person in team:
        services.add_team_member(initiative, by=leader, person=person, position="член команды")
    if title.startswith("Проектный офис+"):
        services.add_team_member(initiative, by=leader, outside_name="Кравченко Мария Ильинична",
                                 position="методист МБУ ЦРО")
    services.save_draft(initiative, by=leader, revision=initiative.revision, values={
        **texts,
        "starts_on": datetime.date(year, 9, 1),
        "ends_on": datetime.date(year + 1, 5, 31),
        "direction": direction,
        "strategy_goals": goals,
    })
    services.add_indicator(initiative, by=leader, name="Доля педагогов, включённых в сетевые "
                           "методические события", unit="%", baseline=Decimal("35"),
                           target=Decimal("70"), period=f"{year}/{year + 1} уч. год")
    services.add_indicator(initiative, by=leader, name="Количество методических разработок, "
                           "размещённых в Виртуальной сетевой лаборатории идей", unit="шт.",
                           baseline=Decimal("0"), target=Decimal("3"),
                           period=f"{year}/{year + 1} уч. год")
    Initiative.objects.filter(pk=initiative.pk).update(created_at=_at(year, 6, 1))
    return initiative


def _walk(initiative, path, year, *, team_member, staff, head):
    """Fire the path's transitions as their real actors, then date each step in the history."""
    dates = [_at(year, 6, 15), _at(year, 7, 1), _at(year, 8, 20), _at(year, 8, 27),
             _at(year, 9, 1), _at(year + 1, 5, 31), _at(year + 1, 6, 20)]
    actors = {"submit": team_member, "start_review": staff, "request_revision": staff,
              "recommend": head, "approve": head, "start": staff, "complete": staff, "close": head}
    notes = {"recommend": {"comment": "Проект проработан, рекомендован к реализации."},
             "request_revision": {"comment": "Уточните целевые показатели и этапы сетевых "
                                             "событий."},
             "approve": {"basis": MEETINGS.get(year, MEETINGS[2022])},
             "close": {"comment": "Результаты проекта переданы в методическую сеть округа."}}
    for step, when in zip(path, dates, strict=False):
        lifecycle.fire(initiative, step, by=actors[step], notify=False, **notes.get(step, {}))
        last = AuditRecord.objects.filter(object_id=str(initiative.pk)).order_by("-pk").first()
        AuditRecord.objects.filter(pk=last.pk).update(at=when)
        if step == "submit":
            Initiative.objects.filter(pk=initiative.pk).update(submitted_at=when)
            initiative.versions.update(submitted_at=when)
    Initiative.objects.filter(pk=initiative.pk).update(updated_at=dates[min(len(path), 6)])
    AuditRecord.objects.filter(object_id=str(initiative.pk), action__in=[
        "initiative_created", "team_member_added", "indicator_added"]).update(at=_at(year, 6, 1))


def _draft(ctx, directions, goals):
    org, title, leader = DRAFT
    if Initiative.objects.filter(organisation=ctx.organisations[org], title=title).exists():
        return
    person = ctx.people[leader]
    initiative = services.create_initiative(organisation=ctx.organisations[org], title=title,
                                            by=person)
    services.add_team_member(initiative, by=person, person=person,
                             position="заместитель директора по учебной работе", is_leader=True)
    services.save_draft(initiative, by=person, revision=initiative.revision, values={
        "annotation": "Проект о том, как сетевое взаимодействие школ округа помогает повысить "
                      "качество образования в основной школе.",
        "problem": "Результаты ВПР по математике в 7–8 классах ниже муниципальных.",
        "starts_on": datetime.date(2023, 9, 1),
        "direction": directions[1],
        "strategy_goals": [goals[0]],
    })


WORDS = ["сетевое взаимодействие", "методическая сеть", "качество образования",
         "функциональная грамотность", "смысловое чтение", "наставничество", "одарённые дети",
         "инклюзивное образование", "цифровая образовательная среда", "проектное управление"]


def _seed_scaled(ctx, directions):
    """Benchmark data: 100 × scale generated cards, in all states, without per-row lifecycle."""
    prefix = SCALED_PREFIX
    have = Initiative.objects.filter(title__startswith=prefix).count()
    want = 100 * ctx.scale
    if have >= want:
        return
    orgs = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    leaders = list(User.objects.filter(username__startswith="scale-").order_by("pk")
                   .values_list("pk", flat=True)[:2000]) or [None]
    states = list(InitiativeState.values)
    rnd = random.Random(4)
    batch = []
    for k in range(have, want):
        year = 2019 + k % 5
        topic = WORDS[k % len(WORDS)]
        batch.append(Initiative(
            organisation_id=orgs[k % len(orgs)],
            title=f"{prefix} {k + 1}: {topic}",
            leader_id=leaders[k % len(leaders)],
            annotation=f"Проект развивает {topic} и {rnd.choice(WORDS)} в организации.",
            problem="Проблемный анализ ситуации.",
            goal="Цель проекта.",
            tasks=["Задача 1", "Задача 2"],
            starts_on=datetime.date(year, 9, 1),
            ends_on=datetime.date(year + 1, 5, 31),
            academic_year=f"{year}/{year + 1}",
            direction=directions[k % len(directions)],
            state=states[k % len(states)],
        ))
        if len(batch) == 1000:
            Initiative.objects.bulk_create(batch)
            batch = []
    Initiative.objects.bulk_create(batch)
    # dated like the seeds' cards: made in June, submitted mid-June of their start year
    generated = Initiative.objects.filter(title__startswith=prefix)
    for year in range(2019, 2024):
        generated.filter(starts_on__year=year).update(created_at=_at(year, 6, 1))
        generated.filter(starts_on__year=year).exclude(state=InitiativeState.DRAFT).update(
            submitted_at=_at(year, 6, 15))
