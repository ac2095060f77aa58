"""Fixtures shared by the whole suite: the seven actors of the access matrix, the world they
act on, a real Celery worker, and headless Chromium through Playwright."""

import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import time_machine
from django.conf import settings as django_settings
from openpyxl import Workbook

from accounts import identity
from accounts.enums import OfficeRole
from meetings.enums import AttendanceStatus, MeetingStatus
from network.enums import MemberRole, MemberStatus, ProductStatus, RulesAdoption
from project_office.celery import app as celery_app
from reports.management.commands.seed_demo import FIXED_HOUR, fixed_moment
from tests.factories import (
    AttachmentFactory,
    AttendanceFactory,
    ConclusionFactory,
    EventMaterialFactory,
    EventOrganiserFactory,
    ExpertAssignmentFactory,
    GeneratedReportFactory,
    IndicatorFactory,
    InitiativeVersionFactory,
    InvitationFactory,
    MeetingFactory,
    MethodicalProductFactory,
    NetworkEventFactory,
    NetworkFactory,
    NetworkMemberFactory,
    NotificationFactory,
    OrganisationFactory,
    ProductFileFactory,
    RuleProposalFactory,
    RulesVersionFactory,
    TeamMemberFactory,
    ThreadMessageFactory,
    UserFactory,
    WordCardImportFactory,
    complete_initiative,
    issued_conclusion,
    person_with_roles,
    review_form_with,
    team_member,
)

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("PO_TEST_ARTIFACTS", ROOT / "test-artifacts"))
USED = {}  # real parts this run used, printed at the end of the run
ACTORS = ("anon", "team_own", "team_other", "expert_assigned", "expert_other", "staff", "head")


@pytest.fixture(autouse=True)
def _fast_and_eager(request, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DASHBOARD_CACHE_SECONDS = 0  # a test that changes data sees it at once
    # the office's accounts sign in with the password alone, as in the demo; the second
    # factor's own tests switch this off
    settings.OTP_EXEMPT_DEMO = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    eager = request.node.get_closest_marker("celery") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    settings.CELERY_TASK_ALWAYS_EAGER = eager
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _identity_cache():
    """Each test starts with the neutral identity of an empty database in the cache (a test's
    own data is rolled back, the cache is not); ``demo`` caches the demo's."""
    identity.remember_defaults()
    yield
    identity.forget()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded files of a test go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def world(db):
    """Two organisations and the people of the access matrix; later issues add their objects."""
    return make_world()


def make_world():
    own = OrganisationFactory(short_name="МБОУ СОШ № 7 (тест)")
    other = OrganisationFactory(short_name="МБОУ СОШ № 1 (тест)")
    people = {
        "team_own": team_member(own, username="team_own"),
        "team_other": team_member(other, username="team_other"),
        "expert_assigned": person_with_roles(OfficeRole.EXPERT, username="expert_assigned"),
        "expert_other": person_with_roles(OfficeRole.EXPERT, username="expert_other"),
        "staff": person_with_roles(OfficeRole.OFFICE_STAFF, username="staff"),
        "head": person_with_roles(OfficeRole.OFFICE_HEAD, username="head"),
    }
    # initiatives: a draft of the own organisation, with a team row, an indicator, a file and a
    # submitted version; the assigned expert is assigned to it.
    initiative = complete_initiative(own, leader=people["team_own"], title="Сетевой проект")
    InitiativeVersionFactory(initiative=initiative, number=1)
    ExpertAssignmentFactory(initiative=initiative, expert=people["expert_assigned"])
    world = SimpleNamespace(
        own_org=own, other_org=other, people=people, **people,
        initiative=initiative,
        team_row=TeamMemberFactory(initiative=initiative, position="учитель"),
        indicator=IndicatorFactory(initiative=initiative),
        attachment=AttachmentFactory(initiative=initiative, uploaded_by=people["team_own"]),
        # issue 19: a Word card read by the own team, waiting for its confirmation
        word_card=WordCardImportFactory(owner=people["team_own"]),
    )
    # accounts (issue 10): a notification to the own team, a person who left the office's work
    world.notification = NotificationFactory(recipient=world.team_own)
    world.leaver = UserFactory(username="leaver")
    # people (issue 18): the own team's member leads it; an open invitation of the office
    world.own_membership = own.memberships.get(person=world.team_own)
    world.own_membership.is_lead = True
    world.own_membership.save(update_fields=["is_lead"])
    world.invitation = InvitationFactory(invited_by=people["staff"], organisation=own,
                                         role="team_member", position="учитель")
    _meetings_world(world)
    # networks (issue 8): a public network coordinated by the own team; the other team asked
    # to join; rules, an open proposal, a coming event with a file, library products
    network = NetworkFactory(name="Сеть (тест)", slug="test-network",
                             rules_adoption=RulesAdoption.COORDINATORS)
    NetworkMemberFactory(network=network, person=world.team_own, role=MemberRole.COORDINATOR)
    world.network = network
    world.join_request = NetworkMemberFactory(network=network, person=world.team_other,
                                              status=MemberStatus.REQUESTED, joined_at=None)
    world.rules_version = RulesVersionFactory(network=network, number=1)
    world.proposal = RuleProposalFactory(network=network, proposer=world.team_own)
    world.event = NetworkEventFactory(network=network)
    EventOrganiserFactory(event=world.event, person=world.team_own, organisation=own)
    world.material = EventMaterialFactory(event=world.event)
    world.product = MethodicalProductFactory(organisation=own, created_by=world.team_own)
    world.product_file = ProductFileFactory(product=world.product)
    world.draft_product = MethodicalProductFactory(organisation=own, created_by=world.team_own,
                                                   status=ProductStatus.DRAFT)
    world.submitted_product = MethodicalProductFactory(organisation=own,
                                                       created_by=world.team_own,
                                                       status=ProductStatus.SUBMITTED)
    # reports (issue 9): a built annual report and a failed one
    world.report = GeneratedReportFactory(requested_by=world.staff)
    world.failed_report = GeneratedReportFactory(requested_by=world.staff, status="failed", pdf="")
    return world


# --- the demo municipality, seeded once per run ----------------------------------------


def _copy_tables(cursor):
    from django.db import connection

    return sorted(t for t in connection.introspection.table_names(cursor) if t != "django_migrations")


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """``seed_demo`` run once, as a transactional test runs it (its after-commit work done: the
    conclusion PDFs built), then every table copied out with COPY and the transaction rolled
    back, so the database is as empty as before. ``demo`` copies it back in for a test."""

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import TestCase, override_settings

    media = tmp_path_factory.mktemp("demo-media")
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        with django_db_blocker.unblock(), override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            CELERY_TASK_ALWAYS_EAGER=True, DASHBOARD_CACHE_SECONDS=0, MEDIA_ROOT=media,
        ), transaction.atomic():
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("seed_demo", fixed_day=True, verbosity=0)
            tables = {}
            with connection.cursor() as cursor:
                for table in _copy_tables(cursor):
                    with cursor.cursor.copy(f'COPY "{table}" TO STDOUT WITH (FORMAT binary)') as copy:
                        tables[table] = b"".join(copy)
            transaction.set_rollback(True)
    finally:
        celery_app.conf.task_always_eager = eager
    return SimpleNamespace(tables=tables, media=media)


SEQUENCES = """
SELECT s.relname, t.relname, a.attname FROM pg_class s
JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
JOIN pg_class t ON t.oid = d.refobjid
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
WHERE s.relkind = 'S'
"""


@pytest.fixture
def demo(db, _demo_snapshot, settings):
    """The demo municipality of ``seed_demo``, fresh for this test: every table replaced by the
    copy made once per run, the files it wrote put into this test's MEDIA_ROOT. In a
    transactional test the data is committed (the live server and the worker see it); in the
    others it goes with the test's transaction."""
    import shutil

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        tables = _copy_tables(cursor)
        assert sorted(_demo_snapshot.tables) == tables, "the schema changed since the demo was copied"
        cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables))
        for table, data in _demo_snapshot.tables.items():
            with cursor.cursor.copy(f'COPY "{table}" FROM STDIN WITH (FORMAT binary)') as copy:
                copy.write(data)
        # ids go on from the highest copied one; a sequence never goes back
        cursor.execute(SEQUENCES)
        for seq, table, column in cursor.fetchall():
            cursor.execute(f'SELECT setval(\'"{seq}"\', GREATEST((SELECT last_value FROM "{seq}"), '
                           f'(SELECT COALESCE(max("{column}"), 1) FROM "{table}")))')
    ContentType.objects.clear_cache()  # the copied content types may carry other ids
    identity.forget()
    identity.current()  # the demo's identity cached, as a running portal has it
    shutil.copytree(_demo_snapshot.media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    # the test runs on the demo's day, an hour after it was seeded: nothing depends on the day
    # the suite runs
    with time_machine.travel(fixed_moment(hour=FIXED_HOUR + 1), tick=True):
        yield
    ContentType.objects.clear_cache()


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world with its expertise and monitoring objects for a whole module, made in a
    transaction left open until the module ends and then rolled back. Each test of the module
    runs inside it in a savepoint of its own (pytest-django's ``db``), so what a test changes
    is gone for the next one, as with a world of its own."""
    from django.db import transaction
    from django.test import override_settings

    media = tmp_path_factory.mktemp("world-media")
    with django_db_blocker.unblock(), override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], MEDIA_ROOT=media,
    ), transaction.atomic():
        world = plan_world(monitoring_world(add_expertise(make_world())))
        yield SimpleNamespace(world=world, media=media)
        transaction.set_rollback(True)


@pytest.fixture
def module_world(db, _module_world, settings):
    """The world of ``_module_world`` (with expertise and monitoring objects), its files copied
    into this test's MEDIA_ROOT. A module that uses it must use it for every world it needs:
    ``world`` made per test would meet the same usernames."""
    import shutil

    shutil.copytree(_module_world.media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return _module_world.world


def monitoring_world(world):
    """Issue 6, made on first use (so that other tests' registries do not see it): a project
    in progress of the own organisation (the assigned expert on it) with
    a planned period, an actual value with an evidence file, a reporting period with a submitted
    report, a risk, a problem and a pending change request."""
    if hasattr(world, "project"):
        return world
    from django.core.files.base import ContentFile

    from tests.factories import (
        ChangeRequestFactory,
        IndicatorActualFactory,
        IndicatorPlanFactory,
        ProgressReportFactory,
        ProjectFactory,
        ProjectProblemFactory,
        ReportingPeriodFactory,
        RiskFactory,
    )

    project = ProjectFactory(organisation=world.own_org, leader=world.team_own,
                             title="Проект в работе", direction=world.initiative.direction)
    ExpertAssignmentFactory(initiative=project, expert=world.expert_assigned)
    indicator = IndicatorFactory(initiative=project)
    world.project = project
    world.indicator_plan = IndicatorPlanFactory(indicator=indicator)
    world.actual = IndicatorActualFactory(plan=world.indicator_plan, evidence_name="Справка.pdf",
                                          evidence_kind="pdf")
    world.actual.evidence_file.save("evidence.pdf", ContentFile(b"%PDF-1.4\n%test\n"))
    world.period = ReportingPeriodFactory(initiative=project)
    world.progress_report = ProgressReportFactory(period=ReportingPeriodFactory(
        initiative=project, title="II полугодие"))
    world.risk = RiskFactory(initiative=project)
    world.problem = ProjectProblemFactory(initiative=project)
    world.change = ChangeRequestFactory(initiative=project)
    return world


def plan_world(w):
    """Issue 25: the monitored project's plan (a planned point, a point marked done with its
    evidence), its curator and a team row, made on first use."""
    if hasattr(w, "planned_point"):
        return w
    from django.core.files.base import ContentFile

    from portfolio.plan.enums import PlanItemStatus
    from tests.factories import PlanItemFactory, ProjectRoleFactory, TeamMemberFactory

    project = monitoring_world(w).project
    w.planned_point = PlanItemFactory(initiative=project)
    w.done_point = PlanItemFactory(initiative=project, status=PlanItemStatus.DONE,
                                   evidence_name="Приказ.pdf", evidence_kind="pdf")
    w.done_point.evidence_file.save("order.pdf", ContentFile(b"%PDF-1.4\n%test\n"))
    w.curator_role = ProjectRoleFactory(initiative=project)
    w.project_member = TeamMemberFactory(initiative=project, position="учитель")
    return w



def _meetings_world(world):
    """meetings (issue 7): a held meeting of the office (head and staff are its members, both
    present) with world.initiative on the agenda, its team present; an «other» decision whose
    task the own team carries out; minutes PDF stored; a planned meeting; a work plan with an
    activity; a published news item; the own team's calendar token."""
    from django.core.files.base import ContentFile

    from meetings.enums import AgendaKind, MeetingStatus, OfficeRoleInOffice
    from tests.factories import (
        AgendaItemFactory,
        AttendanceFactory,
        CalendarTokenFactory,
        DecisionFactory,
        DecisionTaskFactory,
        MeetingFactory,
        NewsItemFactory,
        OfficeMemberFactory,
        PlannedActivityFactory,
        WorkPlanFactory,
    )

    OfficeMemberFactory(person=world.head, role=OfficeRoleInOffice.HEAD)
    OfficeMemberFactory(person=world.staff, role=OfficeRoleInOffice.SECRETARY)
    meeting = MeetingFactory(status=MeetingStatus.HELD, chair=world.head, secretary=world.staff)
    world.meeting = meeting
    world.agenda_item = AgendaItemFactory(meeting=meeting, kind=AgendaKind.NEW_INITIATIVE,
                                          initiative=world.initiative, title="Сетевой проект")
    for person in (world.head, world.staff, world.team_own):
        AttendanceFactory(meeting=meeting, person=person)
    world.decision = DecisionFactory(item=world.agenda_item)
    world.task = DecisionTaskFactory(decision=world.decision, owner=world.team_own)
    meeting.minutes_pdf.save("protokol.pdf", ContentFile(b"%PDF-1.4\n%test\n"), save=True)
    world.planned_meeting = MeetingFactory(number=1, school_year="2023/2024")
    world.planned_meeting.starts_at = world.planned_meeting.starts_at.replace(year=2023, month=9)
    world.planned_meeting.ends_at = world.planned_meeting.ends_at.replace(year=2023, month=9)
    world.planned_meeting.save()
    world.plan = WorkPlanFactory()
    world.activity = PlannedActivityFactory(plan=world.plan)
    world.news = NewsItemFactory(meeting=meeting)
    world.calendar_token = CalendarTokenFactory(person=world.team_own)


@pytest.fixture
def expertise_world(world):
    """The world with the objects of expertise (issue 5); a separate fixture so that the
    registry's counts over ``world`` stay as issue 4 wrote them. Expertise test modules
    override ``world`` with ``add_expertise(world)``."""
    return add_expertise(world)


def add_expertise(world):
    own, people, initiative = world.own_org, world.people, world.initiative
    # expertise (issue 5): a review form in use; an initiative of own_org under review with the
    # assigned expert (accepted, no review submitted yet) and a draft conclusion; on the draft,
    # an open and an addressed recommendation of the assigned expert and an issued conclusion.
    from initiatives.enums import ExpertAssignmentStatus, InitiativeState, RecommendationState

    world.review_form = review_form_with(2, 1, 1, name="Форма экспертизы (тест)")
    world.criterion = world.review_form.criteria.first()
    world.reviewed = complete_initiative(own, leader=people["team_own"], title="Замысел на "
                                         "экспертизе", state=InitiativeState.UNDER_REVIEW)
    InitiativeVersionFactory(initiative=world.reviewed, number=1)
    ExpertAssignmentFactory(initiative=world.reviewed, expert=people["expert_assigned"],
                            status=ExpertAssignmentStatus.ACCEPTED)
    world.draft_conclusion = ConclusionFactory(initiative=world.reviewed)
    world.recommendation = ThreadMessageFactory(initiative=initiative,
                                                author=people["expert_assigned"])
    world.addressed = ThreadMessageFactory(initiative=initiative, author=people["expert_assigned"],
                                           state=RecommendationState.ADDRESSED)
    world.conclusion = issued_conclusion(initiative)
    world.assignment = initiative.expert_assignments.get(expert=people["expert_assigned"])
    return world


# --- a real Celery worker --------------------------------------------------------------


class WorkerProcess:
    """A ``celery worker`` process that a test may kill (SIGKILL) and start again."""

    def __init__(self, env, mail_dir, media_dir, log_path):
        self.env, self.mail_dir, self.media_dir, self.log = env, mail_dir, media_dir, log_path
        self.process = None

    def start(self, **extra_env):
        """Start a worker (``extra_env`` on top of the session's environment); wait for it."""
        log = open(self.log, "a")  # noqa: SIM115 — the worker writes to it while it runs
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "project_office", "worker", "--pool=solo",
             "--concurrency=1", "-l", "info", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env={**self.env, **extra_env}, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(timeout=0.5):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.process.kill()
                pytest.fail(f"the Celery worker did not start; see {self.log}")
        return self.process

    def kill(self):
        """SIGKILL: the worker dies at once, mid-task, acknowledging nothing."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=20)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def restart(self, **extra_env):
        self.stop()
        return self.start(**extra_env)


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """A separate ``celery worker`` process on the test database and the Redis broker."""
    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker:
        pytest.fail("tests marked 'celery' need CELERY_BROKER_URL: run them through `make test`")
    from django.db import connection

    db = connection.settings_dict
    mail_dir = tmp_path_factory.mktemp("worker-mail")
    media_dir = tmp_path_factory.mktemp("worker-media")
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": "filemail://",
        "EMAIL_FILE_PATH": str(mail_dir),
        "MEDIA_ROOT": str(media_dir),
    }
    worker = WorkerProcess(env, mail_dir, media_dir,
                           tmp_path_factory.mktemp("worker-log") / "worker.log")
    proc = worker.start()
    USED["celery"] = f"Celery worker pid {proc.pid} on {broker} (test database {db['NAME']})"
    yield worker
    worker.stop()


@pytest.fixture
def celery_worker(celery_worker_process, transactional_db, settings):
    """Use in tests marked ``celery``: the worker sees only committed data and shares the
    test's MEDIA_ROOT."""
    settings.MEDIA_ROOT = celery_worker_process.media_dir
    for f in celery_worker_process.mail_dir.iterdir():
        f.unlink()
    return celery_worker_process


# --- headless Chromium -----------------------------------------------------------------

CHROMIUM = os.environ.get("PO_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        USED["browser"] = f"Chromium {chromium.version} (headless, {CHROMIUM}, Playwright)"
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    context.set_default_timeout(15_000)
    pg = context.new_page()
    pg.base_url = live_server.url
    yield pg
    context.close()


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def a11y_page(browser, live_server):
    """A page whose context lets Playwright inject axe-core despite the portal's CSP."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU",
                                  bypass_csp=True)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    pg.base_url = live_server.url
    yield pg
    context.close()


def settled(pg):
    """Wait until the page is loaded and htmx has nothing left to fetch or swap: no element
    still waits for its ``hx-trigger="load"`` request, none is in flight or settling; then two
    animation frames, so a resize has been laid out and its handlers have run. (Playwright's
    "networkidle" would wait half a second of silence on every page.)"""
    pg.wait_for_load_state()
    pg.wait_for_function("""() => !document.querySelector(
        '[hx-trigger="load"], .htmx-request, .htmx-settling, .htmx-swapping, .htmx-added')""")
    pg.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def axe_violations(pg, impacts=("serious", "critical")):
    """Run axe-core (from npm) on the current page; the serious and critical violations."""
    if not pg.evaluate("typeof window.axe !== 'undefined'"):
        pg.add_script_tag(path=str(AXE))
    found = pg.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
        }));
    }""")
    return [v for v in found if v["impact"] in impacts]


def screenshot(pg, name):
    """Save a full-page screenshot under test-artifacts/screenshots and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def choose_experts(pg, experts):
    """Type each expert's surname into the experts' search box (an autocomplete: the office has
    thousands) and choose them from what it finds."""
    box = pg.get_by_role("combobox", name=re.compile("^Эксперты"))
    for expert in experts:
        box.click()
        box.press_sequentially(expert.last_name)
        pg.get_by_role("option").filter(has_text=expert.full_name).first.click()


def sign_in_afresh(pg, login, password, *, accept_consent=True):
    """Sign out by forgetting the cookies and sign in as another person. The blank page first
    stops the last page's polls: one answered without cookies would set a CSRF cookie of its
    own between the sign-in form's load and its submit ("CSRF token incorrect")."""
    pg.goto("about:blank")
    pg.context.clear_cookies()
    sign_in(pg, login, password, accept_consent=accept_consent)


def sign_in(pg, login, password, *, accept_consent=True):
    """Sign in through the form; if the consent page comes first, accept it (unless told not to)."""
    pg.goto(pg.base_url + "/accounts/login/")
    pg.get_by_label("Логин или e-mail").fill(login)
    pg.get_by_label("Пароль").fill(password)
    pg.get_by_role("button", name="Войти").click()
    pg.wait_for_load_state()
    if accept_consent and "/accounts/consent/" in pg.url:
        pg.get_by_label("Я ознакомился", exact=False).check()
        pg.get_by_role("button", name="Согласен", exact=True).click()
        pg.wait_for_load_state()


# --- the project model's browser tests (issue 25) --------------------------------------------


PLAN_COLUMNS = ["№", "Вид", "Мероприятие или контрольная точка", "Проверяемый результат",
                "Подтверждающий документ", "Ответственный", "Срок"]


def plan_xlsx(rows, columns=PLAN_COLUMNS):
    """A calendar plan as an XLSX file (bytes) with the import page's columns."""
    book = Workbook()
    book.active.append(columns)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def held_meeting(world, fmt, number, **extra):
    """A held meeting of ``fmt`` with the office's members (head and staff) present: the
    quorum its minutes need."""
    meeting = MeetingFactory(format=fmt, status=MeetingStatus.HELD, number=number,
                             **{"school_year": "2025/2026", **extra})
    for person in (world.head, world.staff):
        AttendanceFactory(meeting=meeting, person=person, status=AttendanceStatus.PRESENT)
    return meeting


def pytest_report_header(config):
    from django.db import connection

    return [f"database: {connection.vendor} ({django_settings.DATABASES['default']['ENGINE']})",
            f"celery broker: {os.environ.get('CELERY_BROKER_URL', 'none (eager)')}"]


def pytest_terminal_summary(terminalreporter):
    from django.db import connection

    terminalreporter.write_line(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    for line in USED.values():
        terminalreporter.write_line(line)
    if SCREENSHOTS.exists():
        shots = sorted(SCREENSHOTS.glob("*.png"))
        if shots:
            terminalreporter.write_line(f"screenshots ({len(shots)}): {SCREENSHOTS}")
