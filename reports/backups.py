"""Backups that run themselves (Celery beat, the ``backups`` queue) and prove they restore.

Every night ``make_backup`` writes ``BACKUP_ROOT/daily/<date>/`` with ``scripts/backup.sh``
(pg_dump of one exported snapshot, the uploaded files) and ``counts.json``, the row count of
every table in that same snapshot. The copy is written under a hidden ``.partial`` name and
renamed only when complete: a full or missing target fails loudly and the earlier copies stay.
The first copy of each ISO week is also kept under ``weekly/`` (hard links, no extra space).
Retention: ``BACKUP_KEEP_DAILY`` (14) daily and ``BACKUP_KEEP_WEEKLY`` (8) weekly copies.

Every week ``verify_latest`` restores the newest copy into a scratch database with
``scripts/restore.sh`` and compares every table's row count with ``counts.json``.

Each run writes ``status.json`` (read by ``/healthz``); a failure e-mails the office heads.
"""

import datetime
import json
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
from django.conf import settings
from django.utils import timezone, translation

from accounts import letters
from accounts.enums import OfficeRole
from accounts.mail import queue_email
from accounts.models import User
from reports import letters as backup_letters

log = logging.getLogger(__name__)
SCRIPTS = Path(settings.BASE_DIR) / "scripts"
STATUS = "status.json"
TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"


class BackupError(Exception):
    pass


def _dsn(dbname=None):
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("backups need PostgreSQL (DATABASE_URL=postgres://…)")
    host = f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"
    return f"postgresql://{db['USER']}@{host}/{dbname or db['NAME']}"


def _env(dsn):
    db = settings.DATABASES["default"]
    env = {**os.environ, "DATABASE_URL": dsn, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _connect(dsn, **kwargs):
    return psycopg.connect(dsn, password=settings.DATABASES["default"].get("PASSWORD") or None,
                           **kwargs)


def _counts(cursor):
    cursor.execute(TABLES)
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def _run(script, *args, env):
    result = subprocess.run(["bash", str(SCRIPTS / script), *map(str, args)], env=env,
                            capture_output=True, text=True, timeout=6 * 3600)
    if result.returncode != 0:
        raise BackupError(f"{script} failed: {(result.stderr or result.stdout).strip()[-1000:]}")


def _copies(folder: Path):
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def make_backup(*, root: Path, now: datetime.datetime | None = None) -> Path:
    """Tonight's copy under ``root/daily``; then the weekly copy and the pruning."""
    root = Path(root)
    if not root.is_dir():
        raise BackupError(f"the backup target {root} is missing (is the volume mounted?)")
    day = timezone.localtime(now or timezone.now()).date()
    daily = root / "daily"
    daily.mkdir(exist_ok=True)
    final, partial = daily / day.isoformat(), daily / f".{day.isoformat()}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    dsn = _dsn()
    try:
        with _connect(dsn) as conn, conn.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _counts(cursor)
            _run("backup.sh", partial, env={**_env(dsn), "PG_SNAPSHOT": snapshot})
            conn.rollback()
        (partial / "counts.json").write_text(json.dumps(counts, indent=1, sort_keys=True))
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if final.exists():  # a second run on the same day replaces the first one
        shutil.rmtree(final)
    partial.rename(final)
    weekly = root / "weekly"
    weekly.mkdir(exist_ok=True)
    year, week, _weekday = day.isocalendar()
    this_week = weekly / f"{year}-W{week:02d}"
    if not this_week.exists():
        shutil.copytree(final, this_week, copy_function=os.link)
    _prune(daily, settings.BACKUP_KEEP_DAILY)
    _prune(weekly, settings.BACKUP_KEEP_WEEKLY)
    return final


def _prune(folder: Path, keep: int):
    for old in _copies(folder)[:-keep] if keep > 0 else []:
        shutil.rmtree(old)


def verify_latest(*, root: Path) -> dict:
    """Restore the newest daily copy into a scratch database; compare every table's count."""
    copies = _copies(Path(root) / "daily")
    if not copies:
        raise BackupError(f"there is no backup in {root}/daily to check")
    latest = copies[-1]
    expected = json.loads((latest / "counts.json").read_text())
    scratch = f"{settings.DATABASES['default']['NAME']}_restore_check"
    with _connect(_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        with tempfile.TemporaryDirectory() as media:
            _run("restore.sh", latest, env={**_env(_dsn(scratch)), "MEDIA_ROOT": media})
        with _connect(_dsn(scratch)) as conn, conn.cursor() as cursor:
            restored = _counts(cursor)
    finally:
        with _connect(_dsn("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
    differ = {t: (n, restored.get(t)) for t, n in expected.items() if restored.get(t) != n}
    if differ:
        raise BackupError(f"the restored copy {latest.name} differs: {differ}")
    return {"copy": latest.name, "tables": len(expected), "rows": sum(expected.values())}


# --- running, reporting ----------------------------------------------------------------


def read_status(root) -> dict:
    try:
        return json.loads((Path(root) / STATUS).read_text())
    except (OSError, ValueError):
        return {}


def _write_status(root, kind, *, ok, detail):
    root = Path(root)
    status = read_status(root)
    status[kind] = {"ok": ok, "at": timezone.now().isoformat(timespec="seconds"), "detail": detail}
    if root.is_dir():
        (root / STATUS).write_text(json.dumps(status, indent=1, ensure_ascii=False))
    return status


def _tell_heads(kind, error):
    heads = User.objects.filter(role_assignments__role=OfficeRole.OFFICE_HEAD, is_active=True) \
        .exclude(email="").values_list("email", flat=True)
    if not heads:
        return
    values = {"error": str(error), "root": str(settings.BACKUP_ROOT)}
    with translation.override(settings.LANGUAGE_CODE):
        subject, body, html = letters.render(backup_letters.key_of(kind), values=values,
                                             context={**values, "kind": kind})
        queue_email(subject=subject, body=body, to=sorted(set(heads)), html=html)


def run(kind: str, *, root=None):
    """``kind`` is ``backup`` or ``verify``. Writes the status; a failure is e-mailed to the
    heads, logged and raised again (the task and the command fail loudly)."""
    root = Path(root or settings.BACKUP_ROOT)
    try:
        detail = (str(make_backup(root=root)) if kind == "backup" else verify_latest(root=root))
    except Exception as e:
        log.exception("%s of the portal failed", kind)
        _write_status(root, kind, ok=False, detail=str(e)[:2000])
        _tell_heads(kind, str(e))
        raise
    _write_status(root, kind, ok=True, detail=detail)
    return detail


def health() -> dict:
    """For ``/healthz``: the last backup is good and recent, the last restore check passed."""
    if not settings.BACKUP_ROOT:
        return {"ok": True, "mode": "off"}
    status = read_status(settings.BACKUP_ROOT)
    backup, verify = status.get("backup"), status.get("verify")
    now = timezone.now()

    def recent(entry, hours):
        return now - datetime.datetime.fromisoformat(entry["at"]) < datetime.timedelta(hours=hours)

    backup_ok = bool(backup and backup["ok"] and recent(backup, 36))
    verify_ok = verify is None or bool(verify["ok"] and recent(verify, 8 * 24 + 12))
    return {"ok": backup_ok and verify_ok, "last_backup": backup and backup["at"],
            "backup_ok": backup_ok, "last_restore_check": verify and verify["at"],
            "restore_check_ok": verify_ok}
