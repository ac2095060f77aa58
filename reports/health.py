"""Checks behind ``/healthz``. They report reachability only, never personal data."""

from django.conf import settings
from django.db import connection

from project_office.celery import app as celery_app
from reports import backups


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True, "vendor": connection.vendor}
    except Exception as e:  # noqa: BLE001 — any failure means "not reachable"
        return {"ok": False, "error": e.__class__.__name__}


def check_broker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "in-process"}
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return {"ok": True, "mode": "redis"}
    except Exception as e:  # noqa: BLE001
        return {"ok": False, "mode": "redis", "error": e.__class__.__name__}


def check_workers(broker_ok):
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "in-process", "count": 0}
    if not broker_ok:
        return {"ok": False, "count": 0}
    try:
        replies = celery_app.control.ping(timeout=1.0)
    except Exception as e:  # noqa: BLE001
        return {"ok": False, "count": 0, "error": e.__class__.__name__}
    return {"ok": bool(replies), "count": len(replies)}


def check_all():
    database = check_database()
    broker = check_broker()
    workers = check_workers(broker["ok"])
    backup = backups.health()
    ok = database["ok"] and broker["ok"] and workers["ok"] and backup["ok"]
    return {"status": "ok" if ok else "degraded", "database": database, "broker": broker,
            "workers": workers, "backups": backup}
