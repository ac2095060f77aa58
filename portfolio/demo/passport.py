"""The demo's passports (issue 25), relative to the day the database was first seeded
(``ctx.today``). The administrators of the current year's two projects in progress write their
passports (основные положения, indicators with their plans by period, results, funding) and send
them for agreement: the passport of «Смысловое чтение…» is agreed by its curator (the office
head) and a member of the office, so that the project committee approves it
(``meetings.demo.committee``); the passport of «Школа управленческой команды…» waits on the
agreement sheet for its curator (the head's home shows it). Built through the domain functions;
idempotent: a project that has a passport is left as it is."""

import datetime
from decimal import Decimal
from importlib import import_module

from django.apps import apps as django_apps
from django.db import transaction
from django.utils import timezone

from accounts.models import Notification
from accounts.workdays import is_working_day
from initiatives.enums import InitiativeState
from initiatives.models import Initiative
from portfolio import services as monitoring
from portfolio.demo.today import CARDS
from portfolio.models import NationalProject, Passport, PassportAgreement
from portfolio.passport import services as passports
from portfolio.passport.enums import Accumulation, FundingSource, GoalLevel

READING = CARDS[11][1]  # «Смысловое чтение в основной школе…»: approved by the committee
SCHOOL = CARDS[12][1]  # «Школа управленческой команды…»: on agreement, the curator to agree
SECOND_APPROVER = "zaitseva"  # a member of the office named on the sheet beside the curator
AGREED_DAYS_BEFORE_COMMITTEE = 3
PROGRAMME = "Муниципальная программа «Развитие системы образования Чайковского городского округа»"
REGIONAL = "Региональный проект «Педагоги и наставники» (Пермский край)"
NATIONAL = "Молодёжь и дети"
# (short name, results: [(title, unit, characteristic, value in the first year, in the second)])
PASSPORTS = {
    READING: ("Смысловое чтение", [
        ("Проведены сетевые читательские мастерские", "ед.",
         "Мастерские для учителей-предметников и обучающихся 5–7 классов школ сети", 4, 6),
        ("Педагоги освоили приёмы смыслового чтения", "чел.",
         "Учителя-предметники прошли мастерские и применяют приёмы на уроках", 30, 60),
    ]),
    SCHOOL: ("Школа управленческой команды", [
        ("Проведены рефлексивные встречи заместителей директоров", "ед.",
         "Встречи по переходу в эффективный режим функционирования", 3, 5),
    ]),
}
FUNDING = [(FundingSource.MUNICIPAL, Decimal("120000.00"), Decimal("180000.00")),
           (FundingSource.EXTRA, Decimal("0.00"), Decimal("25500.50"))]


def seed(ctx):
    # the national projects come with a migration; a test database flushed between tests has
    # lost them, so the demo makes sure they are there
    import_module("portfolio.migrations.0004_national_projects_reference_data").add(
        django_apps, None)
    people = ctx.people
    staff = people["staff"]
    projects = {p.title: p for p in Initiative.objects.filter(
        title__in=list(PASSPORTS), state=InitiativeState.IN_PROGRESS).select_related("leader")}
    since = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for title, project in projects.items():
        if Passport.objects.filter(initiative=project).exists():
            continue
        administrator = project.leader or staff
        _write(project, by=administrator, staff=staff, today=ctx.today)
        if title == READING:
            passports.add_approver(project, by=staff, person=people[SECOND_APPROVER],
                                   position="член проектного офиса, методист МБУ ЦРО")
        passports.send_for_agreement(project, by=administrator)
        if title == READING:
            _agree(project, committee_day(ctx.today))
    # the request to agree the approved one is read already; the one waiting stays news
    reading = projects.get(READING)
    if reading is not None:
        url = Passport(initiative=reading).get_absolute_url()
        transaction.on_commit(lambda: Notification.objects.filter(
            pk__gt=since, url=url, read_at__isnull=True).update(read_at=timezone.now()))


def committee_day(today):
    """The working day of the project committee that approves the demo's passport: seven
    working days before the demo's day (``meetings.demo.committee`` holds it then)."""
    day, left = today, 7
    while left:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def _write(project, *, by, staff, today):
    short_name, results = PASSPORTS[project.title]
    passports.save_main(
        project, by=by, short_name=short_name, full_name=project.title,
        municipal_programme=PROGRAMME, regional_projects=REGIONAL,
        national_projects=list(NationalProject.objects.filter(name=NATIONAL)),
        participants=f"{project.organisation.short_name} (ответственный исполнитель); "
                     "образовательные организации сети Чайковского городского округа; "
                     "МБУ ЦРО (методическое сопровождение).",
        additional_info="Проект реализуется в сетевой форме; результаты размещаются в "
                        "Виртуальной сетевой лаборатории идей.")
    first, last = project.starts_on.year, project.ends_on.year
    for n, indicator in enumerate(project.indicators.order_by("order", "pk")):
        cumulative = n == 0
        passports.describe_indicator(
            indicator, by=by, level=GoalLevel.MUNICIPAL if cumulative else GoalLevel.PROJECT,
            accumulation=Accumulation.CUMULATIVE if cumulative else Accumulation.ADDITIVE,
            method="Отношение числа педагогов, включённых в сетевые события, к общему числу "
                   "педагогов школ сети, %" if cumulative else
                   "Число методических разработок, размещённых в Лаборатории идей",
            baseline_on=project.starts_on)
        halves = [(f"I полугодие {first}/{last}", project.starts_on,
                   datetime.date(first, 12, 31),
                   Decimal("50") if cumulative else Decimal("1")),
                  (f"II полугодие {first}/{last}", datetime.date(last, 1, 1), project.ends_on,
                   indicator.target if cumulative else max(indicator.target - 1, Decimal("1")))]
        for label, start, end, planned in halves:
            plan = monitoring.set_plan(indicator, by=staff, period_label=label,
                                       period_start=start, period_end=end, planned=planned)
            if end < today:
                actual = monitoring.enter_actual(
                    plan, by=by, value=planned, measured_on=end,
                    evidence_url=f"https://lab.example.org/evidence/{project.pk}-{indicator.pk}")
                monitoring.decide_actual(actual, by=staff, accept=True)
    for title, unit, characteristic, *values in results:
        for year, value in zip((first, last), values, strict=True):
            passports.save_result(project, by=by, title=title, year=year, value=value, unit=unit,
                                  characteristic=characteristic)
    for source, *sums in FUNDING:
        for year, amount in zip((first, last), sums, strict=True):
            passports.set_funding(project, by=by, year=year, source=source, amount=amount)


def _agree(project, day):
    """Everybody on the sheet agrees, the member of the office with a remark; dated a few days
    before the committee's meeting."""
    rows = list(PassportAgreement.objects.filter(passport__initiative=project)
                .select_related("person").order_by("-is_curator", "pk"))
    for row in rows:
        passports.agree(project, by=row.person, comment="" if row.is_curator else
                        "Согласовано; уточнить состав участников сети ко второму полугодию.")
    when = timezone.make_aware(datetime.datetime.combine(
        day - datetime.timedelta(days=AGREED_DAYS_BEFORE_COMMITTEE), datetime.time(11)))
    PassportAgreement.objects.filter(pk__in=[r.pk for r in rows]).update(agreed_at=when)
