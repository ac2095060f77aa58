"""Demo monitoring of the management projects (МОУ) 2020–2023 and the organisation records that
the 2022 annual report reads. Runs after ``initiatives.demo``; idempotent.

New projects are added so that in 2022 the two directions with most projects are
«Повышение качества образования в ОУ» (5) and «Методическое сопровождение деятельности
педагогических работников» (4).

Incentives for 2022: every organisation running a project in 2022 has documents of both kinds
EXCEPT «МБОУ СОШ № 10» (only moral incentives so far), so the share is high but not 100 %.
Publications: all of them on their sites except «МБУ ЦРО»; in ВКонтакте all except «МБУ ЦРО» and
«МАОУ Гимназия». One report is overdue: the second half-year of «Сетевое наставничество…»
(МБОУ СОШ № 10). Behind plan: «Образовательный лифт» of МБОУ СОШ № 7 (with an open high risk,
so off track).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from initiatives.demo import RUNNING, _build, _generic, _walk
from initiatives.enums import (
    ChangeKind,
    IncentiveKind,
    InitiativeState,
    Level,
    PublicationChannel,
    ReviewStatus,
)
from initiatives.models import Indicator, Initiative, StrategyGoal
from network.models import MethodicalProduct
from portfolio import changes
from portfolio import services as monitoring
from portfolio.models import (
    Incentive,
    IndicatorActual,
    IndicatorPlan,
    PlannedProduct,
    ProgressReport,
    Publication,
    ReportingPeriod,
    Risk,
)

DONE = "done"  # walk RUNNING, keep monitoring, then close out through complete_project
# (org, title, leader, direction index, year, end state, product planned for 2022 or "")
PROJECTS = [
    ("МБУ № 41", "Методическое сопровождение педагогов детского сада по внутренней оценке "
     "качества", "makarova", 0, 2021, DONE,
     "Методические рекомендации «Внутренняя система оценки качества в детском саду»"),
    ("МБУ № 88", "Клубный час: методическое сопровождение воспитателей", "andreeva", 0, 2021,
     DONE, "Методическая разработка «Клубный час»"),
    ("МБОУ ДО «Свежий ветер»", "Методическое сопровождение педагогов дополнительного образования "
     "в сетевой лаборатории", "romanov", 0, 2021, DONE,
     "Методическая разработка «Сетевое занятие в дополнительном образовании»"),
    ("МБОУ СОШ № 10", "Сетевое наставничество молодых педагогов", "semenov", 0, 2022, "running",
     ""),
    ("МБОУ СОШ № 1", "Повышение качества образования через внутришкольную систему оценки",
     "team2", 1, 2022, "running", ""),
    ("МАОУ Гимназия", "Функциональная грамотность: повышение качества образования в основной "
     "школе", "pavlova", 1, 2022, "running", ""),
]
OVERDUE = "Сетевое наставничество молодых педагогов"
BEHIND = "(МБОУ СОШ № 7)"
NO_BOTH_INCENTIVES = {"МБОУ СОШ № 10"}
NO_SITE = {"МБУ ЦРО"}
NO_VK = {"МБУ ЦРО", "МАОУ Гимназия"}


def seed(ctx):
    people, orgs = ctx.people, ctx.organisations
    staff = people["staff"]
    directions = ctx.extra["directions"]
    goals = list(StrategyGoal.objects.order_by("kind", "order")[:2])
    created = dict(ctx.extra.get("initiatives", {}))
    for org, title, leader, d, year, end, _product in PROJECTS:
        project = Initiative.objects.filter(organisation=orgs[org], title=title).first()
        if project is None:
            topic = title[0].lower() + title[1:]
            project = _build(orgs[org], title, people[leader], [], directions[d], goals, year,
                             _generic(topic, "организация", "Методическая разработка"))
            _walk(project, RUNNING, year, team_member=people[leader], staff=staff,
                  head=people["head"])
            project.refresh_from_db()
            _monitor(project, staff=staff, leader=people[leader], today=ctx.today)
            if end == DONE:
                monitoring.complete_project(
                    project, by=staff, notify=False,
                    summary="Команда выполнила задачи проекта, методическая разработка размещена "
                            "в Виртуальной сетевой лаборатории идей.",
                    products=_product)
        created[title] = project
    for project in Initiative.objects.filter(
            pk__in=[p.pk for p in created.values()],
            state__in=[InitiativeState.IN_PROGRESS, InitiativeState.COMPLETED,
                       InitiativeState.CLOSED]).select_related("leader"):
        if not ReportingPeriod.objects.filter(initiative=project).exists():
            if project.state == InitiativeState.IN_PROGRESS:
                _monitor(project, staff=staff, leader=project.leader, today=ctx.today)
            else:
                _direct(project)
    _changes(created, staff, people, ctx.today)
    _records(ctx, created, staff)
    if ctx.scale > 1:
        _scaled(ctx)


def _halves(project):
    y = project.starts_on.year
    return [("I полугодие", datetime.date(y, 9, 1), datetime.date(y, 12, 31),
             datetime.date(y + 1, 1, 15)),
            ("II полугодие", datetime.date(y + 1, 1, 1), datetime.date(y + 1, 5, 31),
             datetime.date(y + 1, 6, 15))]


def _monitor(project, *, staff, leader, today):
    """Plans, facts, reports and a risk through the domain functions, as the people would."""
    indicators = list(project.indicators.order_by("order", "pk"))
    behind = BEHIND in project.title
    for label, start, end, due in _halves(project):
        academic = f"{label} {project.starts_on.year}/{project.starts_on.year + 1}"
        for n, indicator in enumerate(indicators):
            planned = (Decimal("50") if label.startswith("I ") else indicator.target) if n == 0 \
                else (Decimal("1") if label.startswith("I ") else indicator.target)
            plan = monitoring.set_plan(indicator, by=staff, period_label=academic,
                                       period_start=start, period_end=end, planned=planned)
            if end >= today:
                continue
            value = planned - (Decimal("10") if n == 0 else Decimal("1")) if behind else planned
            actual = monitoring.enter_actual(plan, by=leader, value=value, measured_on=end,
                                             evidence_url="https://lab.example.org/evidence/"
                                                          f"{project.pk}-{indicator.pk}")
            monitoring.decide_actual(actual, by=staff, accept=True)
        period = monitoring.add_period(project, by=staff, title=academic, starts_on=start,
                                       ends_on=end, due_on=due)
        if due < today and not (project.title == OVERDUE and label.startswith("II")):
            monitoring.save_report(period, by=leader, submit=True,
                                   done="Проведены сетевые методические события, обучение команды.",
                                   results="Педагоги освоили новые практики, результаты "
                                           "представлены на заседании проектного офиса.",
                                   problems="Загруженность педагогов в конце четверти.",
                                   next_steps="Апробация практик в сети, подготовка разработки.")
            monitoring.decide_report(period.report, by=staff, accept=True)
    risk = monitoring.add_risk(project, by=leader, title="Высокая загруженность педагогов команды",
                               probability=Level.MEDIUM, impact=Level.MEDIUM,
                               owner=leader.full_name if leader else "",
                               response="Перераспределение нагрузки, гибкий график событий.")
    _during_the_project(risk, project, today, days=60)
    if behind:
        risk = monitoring.add_risk(project, by=staff, title="Уход ключевых педагогов команды",
                                   probability=Level.HIGH, impact=Level.HIGH, owner="директор",
                                   response="Подготовка резерва команды, наставничество.")
        _during_the_project(risk, project, today, days=75)
        problem = monitoring.add_risk(project, by=leader, problem=True,
                                      title="Не проведены два сетевых события из-за карантина",
                                      probability=Level.HIGH, impact=Level.MEDIUM,
                                      owner="руководитель",
                                      response="Перенос событий в дистанционный формат.")
        _during_the_project(problem, project, today, days=100)


def _during_the_project(row, project, today, *, days, field="created_at"):
    """A risk, a problem or a change was raised while the project ran, not on the day of the
    seed: date it then (at most today), so the year's report and dashboard count it in its year.
    A fixed date keeps a second seed idempotent."""
    day = min(project.starts_on + datetime.timedelta(days=days), today)
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15)))
    type(row).objects.filter(pk=row.pk).update(**{field: when})


def _direct(project):
    """Projects completed earlier: their plans, accepted facts and reports as records."""
    for label, start, end, due in _halves(project):
        academic = f"{label} {project.starts_on.year}/{project.starts_on.year + 1}"
        for indicator in project.indicators.all():
            planned = indicator.target
            plan = IndicatorPlan.objects.create(indicator=indicator, period_label=academic,
                                                period_start=start, period_end=end,
                                                planned=planned)
            IndicatorActual.objects.create(indicator=indicator, plan=plan, value=planned,
                                           measured_on=end, status=ReviewStatus.ACCEPTED,
                                           evidence_url="https://lab.example.org/evidence")
        period = ReportingPeriod.objects.create(initiative=project, title=academic,
                                                starts_on=start, ends_on=end, due_on=due)
        ProgressReport.objects.create(period=period, status=ReviewStatus.ACCEPTED,
                                      done="Проведены запланированные события.",
                                      results="Результаты достигнуты.")


def _changes(created, staff, people, today):
    po = created.get("Проектный офис+. Неформальный подход")
    if po is None or po.change_requests.exists() or po.state != InitiativeState.IN_PROGRESS:
        return
    leader = po.leader or people["zaitseva"]
    change = changes.request_change(
        po, by=leader, kind=ChangeKind.DEADLINE,
        justification="Анализ эффективности сети переносится на конец 2022/2023 учебного года.",
        new_ends_on=datetime.date(2023, 5, 31))
    changes.decide_change(change, by=staff, approve=True,
                             comment="Согласовано на заседании проектного офиса.")
    _during_the_project(change, po, today, days=430, field="requested_at")
    _during_the_project(change, po, today, days=440, field="decided_at")
    indicator = po.indicators.order_by("order", "pk").last()
    if indicator is not None:
        changes.request_change(
            po, by=leader, kind=ChangeKind.INDICATOR_TARGET,
            justification="В сеть вошли новые организации: просим повысить целевое значение.",
            indicator=indicator, new_target=Decimal("5"))


def _records(ctx, created, staff):
    orgs = ctx.organisations
    running_2022 = {p.organisation.short_name for p in Initiative.objects.filter(
        pk__in=[p.pk for p in created.values()],
        state__in=[InitiativeState.IN_PROGRESS, InitiativeState.COMPLETED,
                   InitiativeState.CLOSED]).select_related("organisation")}
    for name in sorted(running_2022 | {"МБОУ СОШ № 7", "МБОУ ООШ № 12"}):
        org = orgs.get(name)
        if org is None:
            continue
        kinds = [IncentiveKind.MORAL] if name in NO_BOTH_INCENTIVES else list(IncentiveKind)
        for kind in kinds:
            title = ("Положение о стимулирующих выплатах участникам проектной деятельности"
                     if kind == IncentiveKind.MATERIAL else
                     "Положение о моральном поощрении педагогов-участников проектов")
            if not Incentive.objects.filter(organisation=org, document_title=title).exists():
                monitoring.add_incentive(org, by=staff, kind=kind, document_title=title,
                                         document_date=datetime.date(2021, 9, 1))
        project = Initiative.objects.filter(organisation=org).order_by("-starts_on").first()
        for channel, missing, url in ((PublicationChannel.SITE, NO_SITE, "https://school.example.org"),
                                      (PublicationChannel.VK, NO_VK, "https://vk.com/wall-1")):
            if name in missing or Publication.objects.filter(organisation=org,
                                                             channel=channel).exists():
                continue
            monitoring.add_publication(org, by=staff, channel=channel,
                                       published_on=datetime.date(2022, 4, 12),
                                       url=f"{url}/{org.pk}",
                                       title="Команда рассказала о ходе управленческого проекта",
                                       initiative=project)
    for org_name, title, _leader, _d, _y, _e, product in PROJECTS:
        if not product:
            continue
        org = orgs[org_name]
        if PlannedProduct.objects.filter(organisation=org, year=2022, title=product).exists():
            continue
        # the library of the network demo has each organisation's 2022 product published
        item = MethodicalProduct.objects.filter(organisation=org, year=2022,
                                                status="published").order_by("pk").first()
        monitoring.add_planned_product(
            org, by=staff, year=2022, title=product, kind="методическая разработка",
            initiative=Initiative.objects.filter(organisation=org, title=title).first(),
            library_product=item,
            published_title="" if item else product,
            published_url="" if item else f"https://lab.example.org/ideas/{org.pk}")


def _scaled(ctx):
    """Benchmarks: for generated projects in progress, completed or closed, an indicator with a
    plan and a fact per half-year, a reporting period per half-year with its report and a risk,
    with bulk_create. Projects that already have periods are left as they are."""
    prefix = "Сгенерированная инициатива №"
    today = ctx.today
    projects = list(Initiative.objects.filter(
        title__startswith=prefix, reporting_periods__isnull=True,
        state__in=[InitiativeState.IN_PROGRESS, InitiativeState.COMPLETED,
                   InitiativeState.CLOSED]).order_by("pk"))
    if not projects:
        return
    indicators = Indicator.objects.bulk_create([
        Indicator(initiative=p, name="Доля педагогов, включённых в сетевые события", unit="%",
                  baseline=Decimal("30"), target=Decimal("70")) for p in projects],
        batch_size=2000)
    halves = {p.pk: [(label, start, end, due) for label, start, end, due in _halves(p)]
              for p in projects}
    plans = IndicatorPlan.objects.bulk_create([
        IndicatorPlan(indicator=i, period_label=label, period_start=start, period_end=end,
                      planned=Decimal("50") if label.startswith("I ") else Decimal("70"))
        for i, p in zip(indicators, projects, strict=True)
        for label, start, end, _due in halves[p.pk]], batch_size=2000)
    IndicatorActual.objects.bulk_create([
        IndicatorActual(indicator=plan.indicator, plan=plan, value=plan.planned - k % 3 * 5,
                        measured_on=plan.period_end, status=ReviewStatus.ACCEPTED,
                        evidence_url="https://lab.example.org/evidence")
        for k, plan in enumerate(plans) if plan.period_end < today], batch_size=2000)
    periods = ReportingPeriod.objects.bulk_create([
        ReportingPeriod(initiative=p, title=label, starts_on=start, ends_on=end, due_on=due)
        for p in projects for label, start, end, due in halves[p.pk]], batch_size=2000)
    ProgressReport.objects.bulk_create([
        ProgressReport(period=period, status=ReviewStatus.ACCEPTED,
                       done="Проведены сетевые методические события, обучение команды.",
                       results="Педагоги освоили новые практики.",
                       submitted_at=timezone.now())
        for period in periods if period.due_on < today], batch_size=2000)
    Risk.objects.bulk_create([
        Risk(initiative=p, title="Высокая загруженность педагогов", probability=Level.MEDIUM,
             impact=Level.HIGH if k % 3 == 0 else Level.LOW) for k, p in enumerate(projects)],
        batch_size=2000)
