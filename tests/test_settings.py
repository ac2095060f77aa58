"""Production settings: secrets without defaults, and a clean ``check --deploy``."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x7#kq2!vLp9@wZ4r$Tn8&bMf3^Hs6*Jd1%Yc5(Ge0)Ua-Ri_Oe=Pl+Nw~Qz",
    "DATABASE_URL": "postgres://po@127.0.0.1:5432/po",
    "ALLOWED_HOSTS": "office.example.org",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
}


def _environ(**env):
    """This process's environment without the variables the tests set, plus ``env``."""
    clean = {k: v for k, v in os.environ.items()
             if k not in PRODUCTION and k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return {**clean, **env}


def manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=_environ(**env),
                          capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_ENV=production needs the environment variable SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_each_required_variable():
    for name in ("DATABASE_URL", "ALLOWED_HOSTS", "CELERY_BROKER_URL"):
        env = {k: v for k, v in PRODUCTION.items() if k != name}
        result = manage("check", env=env)
        assert (result.returncode, f"variable {name}" in result.stderr) == (1, True), name


def test_check_deploy_prints_no_warnings():
    result = manage("check", "--deploy", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def _database_options(**env):
    code = ("import django; from django.conf import settings; django.setup(); "
            "o = settings.DATABASES['default']['OPTIONS']; "
            "print(o['server_side_binding'], o['prepare_threshold'])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_environ(
        **PRODUCTION, DJANGO_SETTINGS_MODULE="project_office.settings", **env),
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_postgresql_binds_parameters_on_the_server_and_prepares_repeated_queries():
    assert _database_options() == ["True", "5"]
    assert _database_options(PG_PREPARE_THRESHOLD="2") == ["True", "2"]
    assert _database_options(PG_PREPARE_THRESHOLD="") == ["True", "None"]  # behind a pooler


@pytest.mark.django_db
def test_a_query_a_connection_repeats_is_prepared_once():
    from django.db import connection

    from accounts.models import User

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for _ in range(7):
        list(User.objects.filter(username="nobody"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                       ['%"accounts_user"."username" = $1%'])
        assert cursor.fetchone()[0] == 1
