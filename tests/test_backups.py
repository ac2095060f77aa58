"""Backups that run themselves: a nightly copy of one snapshot with its row counts, a weekly
restore into a scratch database that compares them, retention, loud failures that keep the
earlier copies, e-mail to the heads and /healthz. On the test PostgreSQL, as the fault tests."""

import datetime
import json
import os
import subprocess

import psycopg
import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from accounts.enums import OfficeRole
from reports import backups
from tests.factories import InitiativeFactory, person_with_roles

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def root(tmp_path, settings):
    if connection.vendor != "postgresql" or "PO_PG_DATA" not in os.environ:
        pytest.fail("backup tests need the PostgreSQL of `make test` (scripts/services.sh)")
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "files").mkdir(parents=True)
    (tmp_path / "media" / "files" / "plan.txt").write_text("план")
    folder = tmp_path / "backups"
    folder.mkdir()
    settings.BACKUP_ROOT = str(folder)
    return folder


@pytest.fixture
def head():
    return person_with_roles(OfficeRole.OFFICE_HEAD, email="head@example.org")


def _databases():
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database")
        return {row[0] for row in cursor.fetchall()}


def test_a_backup_restores_into_a_scratch_database_with_the_same_counts(root, head, client):
    InitiativeFactory.create_batch(3)
    copy = backups.make_backup(root=root)
    assert sorted(p.name for p in copy.iterdir()) == ["counts.json", "database.dump",
                                                     "media.tar.gz"]
    counts = json.loads((copy / "counts.json").read_text())
    assert counts["initiatives_initiative"] == 3
    assert counts["accounts_user"] >= 1

    result = backups.run("verify")
    assert result["copy"] == copy.name
    assert result["rows"] == sum(counts.values())
    assert f"{connection.settings_dict['NAME']}_restore_check" not in _databases()
    status = backups.read_status(root)
    assert status["verify"]["ok"] is True
    # /healthz tells the last backup and the last restore check
    client.force_login(person_with_roles(OfficeRole.OFFICE_STAFF))
    backups.run("backup")
    health = client.get(reverse("healthz")).json()["backups"]
    assert (health["ok"], health["backup_ok"], health["restore_check_ok"]) == (True, True, True)


def test_a_copy_that_does_not_restore_as_counted_fails_the_check_and_tells_the_heads(
        root, head, client):
    InitiativeFactory()
    copy = backups.make_backup(root=root)
    counts = json.loads((copy / "counts.json").read_text())
    counts["initiatives_initiative"] += 1  # the copy no longer holds what was counted
    (copy / "counts.json").write_text(json.dumps(counts))
    with pytest.raises(backups.BackupError, match="initiatives_initiative"):
        backups.run("verify")
    assert backups.read_status(root)["verify"]["ok"] is False
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["head@example.org"], "Еженедельная проверка восстановления резервной копии не прошла")]
    assert "initiatives_initiative" in mail.outbox[0].body
    client.force_login(head)
    response = client.get(reverse("healthz"))
    assert response.json()["status"] == "degraded"
    assert response.json()["backups"]["restore_check_ok"] is False


def test_a_missing_target_fails_loudly(root, head, tmp_path):
    with pytest.raises(backups.BackupError, match="is missing"):
        backups.run("backup", root=tmp_path / "not-mounted")
    assert [m.subject for m in mail.outbox] == ["Резервная копия портала не создана"]
    result = subprocess.run([".venv/bin/python", "manage.py", "backup", "--root",
                             str(tmp_path / "not-mounted")], capture_output=True, text=True,
                            env={**os.environ, "DATABASE_URL": _dsn()}, timeout=120)
    assert result.returncode != 0
    assert "is missing" in result.stderr


def _dsn():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_a_full_target_fails_and_keeps_the_earlier_copies(root, head, tmp_path, settings):
    full = tmp_path / "full"
    full.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(full)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        earlier = full / "daily" / "2026-01-01"
        earlier.mkdir(parents=True)
        (earlier / "database.dump").write_bytes(b"earlier copy")
        # media bigger than the 256 KiB target: the archive cannot be written
        (tmp_path / "media" / "files" / "big.bin").write_bytes(os.urandom(600 * 1024))
        with pytest.raises(backups.BackupError, match="backup.sh failed"):
            backups.run("backup", root=full)
        assert sorted(p.name for p in (full / "daily").iterdir()) == ["2026-01-01"]
        assert (earlier / "database.dump").read_bytes() == b"earlier copy"
        assert backups.read_status(full)["backup"]["ok"] is False
        assert [m.subject for m in mail.outbox] == ["Резервная копия портала не создана"]
    finally:
        subprocess.run(["umount", str(full)], check=True)


def test_retention_keeps_fourteen_daily_and_eight_weekly_copies(root, head):
    first = datetime.date(2025, 1, 1)
    for n in range(20):
        (root / "daily" / (first + datetime.timedelta(days=n)).isoformat()).mkdir(parents=True)
    for n in range(10):
        (root / "weekly" / f"2024-W{n + 10:02d}").mkdir(parents=True)
    copy = backups.make_backup(root=root)
    daily = sorted(p.name for p in (root / "daily").iterdir())
    assert len(daily) == 14
    assert daily[-1] == copy.name
    assert daily[0] == (first + datetime.timedelta(days=7)).isoformat()
    weekly = sorted(p.name for p in (root / "weekly").iterdir())
    assert len(weekly) == 8
    # this week's copy shares the files of tonight's (hard links)
    assert (root / "weekly" / weekly[-1] / "database.dump").stat().st_ino == \
        (copy / "database.dump").stat().st_ino


def test_the_dump_and_the_counts_come_from_one_snapshot(root, head):
    """pg_dump runs on the snapshot the counts were taken in: rows added meanwhile are in
    neither (here: the restore of the dump has exactly the counted rows)."""
    InitiativeFactory.create_batch(2)
    copy = backups.make_backup(root=root)
    scratch = f"{connection.settings_dict['NAME']}_snapshot_check"
    db = connection.settings_dict
    admin = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        conn.execute(f'CREATE DATABASE "{scratch}"')
    try:
        subprocess.run(["pg_restore", "--no-owner", "--dbname",
                        f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{scratch}",
                        str(copy / "database.dump")], check=True, timeout=120)
        with psycopg.connect(f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{scratch}") as c:
            restored = c.execute("SELECT count(*) FROM initiatives_initiative").fetchone()[0]
        assert restored == json.loads((copy / "counts.json").read_text())["initiatives_initiative"]
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
