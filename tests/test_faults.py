"""Faults of the real services (marked ``faults``; run by ``make test`` on PostgreSQL)."""

import os
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts import mail
from accounts.enums import OfficeRole, OutgoingEmailState
from accounts.models import AuditRecord, OutgoingEmail
from project_office.celery import app as celery_app
from reports.enums import ReportAction, ReportStatus
from reports.models import GeneratedReport
from reports.services import request_annual_report, requeue_waiting_reports
from tests.factories import UserFactory, person_with_roles

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def _needs_services():
    if connection.vendor != "postgresql" or "PO_PG_DATA" not in os.environ:
        pytest.fail("fault tests need the PostgreSQL of `make test` (scripts/services.sh)")


def pg_ctl(*args):
    command = [f"{os.environ['PO_PG_BIN']}/pg_ctl", "-D", os.environ["PO_PG_DATA"], "-w", "-s", *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", os.environ["PO_PG_OWNER"], "--", *command]
    subprocess.run(command, check=True, timeout=90, cwd="/tmp")


def test_a_request_during_a_postgresql_restart_gets_a_russian_503_and_the_next_works():
    _needs_services()
    person = UserFactory()
    client = Client(raise_request_exception=False)
    client.force_login(person)
    pg_ctl("stop", "-m", "fast")
    try:
        connection.close()
        down = client.get(reverse("network:organisation_list"))
    finally:
        pg_ctl("start", "-l", f"{os.environ['PO_SERVICES_DIR']}/postgres.log")
    connection.close()
    up = client.get(reverse("network:organisation_list"))
    assert (down.status_code, down["Retry-After"]) == (503, "10")
    assert "Сервис временно недоступен" in down.content.decode()
    assert up.status_code == 200


def _table_counts(dsn):
    with psycopg.connect(dsn) as conn, conn.cursor() as cur:
        counts = {}
        for model in apps.get_models():
            cur.execute(f'SELECT count(*) FROM "{model._meta.db_table}"')
            counts[model._meta.label] = cur.fetchone()[0]
        return counts


def test_backup_and_restore_into_a_fresh_database_keeps_every_count(demo, tmp_path):
    _needs_services()
    db = connection.settings_dict
    source = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    fresh = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/restore_check"
    admin = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/postgres"
    conn = psycopg.connect(admin, autocommit=True)
    with conn.cursor() as cur:
        cur.execute("DROP DATABASE IF EXISTS restore_check")
        cur.execute("CREATE DATABASE restore_check")
    conn.close()
    env = {**os.environ, "MEDIA_ROOT": str(tmp_path / "media")}
    subprocess.run(["bash", "scripts/backup.sh", str(tmp_path / "b")], cwd=ROOT, check=True,
                   env={**env, "DATABASE_URL": source}, timeout=120)
    subprocess.run(["bash", "scripts/restore.sh", str(tmp_path / "b")], cwd=ROOT, check=True,
                   env={**env, "DATABASE_URL": fresh}, timeout=120)
    before, after = _table_counts(source), _table_counts(fresh)
    assert after == before
    assert before["accounts.User"] >= 6


def _redis(*args):
    return subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", os.environ["PO_REDIS_PORT"], *args],
                          capture_output=True, text=True, timeout=30)


def _restart_redis():
    pidfile = f"{os.environ['PO_SERVICES_DIR']}/redis-restarted.pid"
    subprocess.run(["redis-server", "--bind", "127.0.0.1", "--port", os.environ["PO_REDIS_PORT"],
                    "--save", "", "--appendonly", "no", "--daemonize", "yes", "--pidfile", pidfile,
                    "--dir", os.environ["PO_SERVICES_DIR"]], check=True, timeout=30)
    for _ in range(50):
        if _redis("ping").stdout.strip() == "PONG":
            return
        time.sleep(0.1)
    raise AssertionError("Redis did not come back")


@pytest.mark.celery  # Celery really publishes to the broker here (not eager); no worker needed
def test_with_redis_stopped_pages_work_and_a_report_waits_until_it_is_back(
    client, django_capture_on_commit_callbacks
):
    _needs_services()
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    client.force_login(staff)
    assert _redis("shutdown", "nosave").returncode in (0, 1)
    try:
        page = client.get(reverse("network:organisation_list"))
        health = client.get(reverse("healthz")).json()
        with django_capture_on_commit_callbacks(execute=True):
            asked = client.post(reverse("reports:list"), {"year": "2022"})
        report = GeneratedReport.objects.get()
        waiting = client.get(report.get_absolute_url()).content.decode()
        # a letter asked for during the outage is kept in the outbox, not lost
        with django_capture_on_commit_callbacks(execute=True):
            mail.queue_email(subject="Заседание 27.12", body="Приглашение", to=["a@example.org"])
        kept = list(OutgoingEmail.objects.values_list("subject", "state"))
    finally:
        _restart_redis()
    assert (page.status_code, health["broker"]["ok"], asked.status_code) == (200, False, 302)
    assert report.status == ReportStatus.WAITING
    assert "Запрос сохранён, отчёт будет сформирован, как только служба восстановится" in waiting
    celery_app.conf.task_always_eager = True  # the broker is back; build here instead of a worker
    assert requeue_waiting_reports() == 1
    assert GeneratedReport.objects.get(pk=report.pk).status == ReportStatus.DONE
    assert kept == [("Заседание 27.12", OutgoingEmailState.PENDING)]
    assert mail.resend_pending_emails() == 1
    assert OutgoingEmail.objects.get().state == OutgoingEmailState.SENT


def _wait_for(report, done, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if done(report):
            return report
        time.sleep(0.2)
    raise AssertionError(f"report {report.pk} stuck at {report.status} {report.progress} %")


@pytest.mark.celery
def test_a_worker_killed_during_a_report_build_finishes_it_once_after_a_new_worker_starts(
    celery_worker, django_capture_on_commit_callbacks
):
    _needs_services()
    head = person_with_roles(OfficeRole.OFFICE_HEAD)
    # a worker that pauses 3 s after each section of the report, so it can be killed mid-build
    celery_worker.restart(REPORT_SECTION_PAUSE="3")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            report = request_annual_report(year=2022, by=head)
        _wait_for(report, lambda r: r.status == ReportStatus.RUNNING and r.progress > 10, 60)
        taken = time.monotonic()  # the task was taken before this
        celery_worker.kill()
        killed = GeneratedReport.objects.get(pk=report.pk)
        # the new worker takes the unacknowledged task back one second after it was taken.
        # It looks for such tasks as it starts and then only every ten polls or so, so it
        # must not start within that second: it would find the task too young and leave it.
        time.sleep(max(0.0, taken + 1.5 - time.monotonic()))
        celery_worker.start(CELERY_VISIBILITY_TIMEOUT="1")
        _wait_for(report, lambda r: r.status in (ReportStatus.DONE, ReportStatus.FAILED), 90)
        time.sleep(2)  # nothing more arrives for it
    finally:
        celery_worker.restart()  # a plain worker for the tests after this one
    report.refresh_from_db()
    folder = celery_worker.media_dir / "reports" / report.kind / str(report.pk)
    pdfs = sorted(p.name for p in folder.iterdir() if p.suffix == ".pdf")
    built = AuditRecord.objects.filter(content_type__model="generatedreport",
                                       object_id=str(report.pk), action=ReportAction.BUILT)
    assert (killed.status, bool(killed.pdf)) == (ReportStatus.RUNNING, False)
    assert (report.status, report.error, report.attempts) == (ReportStatus.DONE, "", 2)
    assert pdfs == [f"annual-report-{report.pk}.pdf"]
    assert built.count() == 1
