"""The production deployment: docker-compose.yml and .env.example agree and are complete.

Reads files only: no database, no Docker.
"""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"

REQUIRED_IN_PRODUCTION = [
    "SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "CELERY_BROKER_URL",
    "DJANGO_ENV",
]
APP_SERVICES = ["web", "worker", "beat"]

# ${VAR}, ${VAR:-default}, ${VAR?error}; "$${VAR}" is an escaped "$" for the container's shell.
REFERENCE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")


def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def environment(service):
    """A service's ``environment`` as a dict, written either as a mapping or as a list."""
    env = compose()["services"][service].get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return env


def command(service):
    cmd = compose()["services"][service].get("command") or ""
    return cmd if isinstance(cmd, str) else " ".join(cmd)


def env_example_names():
    names = set()
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            names.add(line.removeprefix("export ").split("=", 1)[0].strip())
    return names


def test_services_exist():
    services = compose()["services"]
    assert sorted(name for name in ["web", "worker", "beat", "db", "redis"] if name in services) == [
        "beat",
        "db",
        "redis",
        "web",
        "worker",
    ]


def test_db_redis_and_web_have_a_healthcheck():
    services = compose()["services"]
    without = [name for name in ["db", "redis", "web"] if not services[name].get("healthcheck")]
    assert without == []


def test_required_variables_reach_web_worker_and_beat():
    missing = [
        (service, name)
        for service in APP_SERVICES
        for name in REQUIRED_IN_PRODUCTION
        if not environment(service).get(name)
    ]
    assert missing == []


def test_app_services_run_in_production_mode():
    modes = {service: environment(service).get("DJANGO_ENV") for service in APP_SERVICES}
    assert modes == {"web": "production", "worker": "production", "beat": "production"}


def test_worker_and_beat_commands():
    assert ("worker" in command("worker"), "beat" in command("beat")) == (True, True)


def test_volumes_exist():
    volumes = compose().get("volumes") or {}
    assert sorted(name for name in ["pgdata", "media"] if name in volumes) == ["media", "pgdata"]


def test_media_volume_is_mounted_in_app_services():
    services = compose()["services"]
    mounted = {
        service: any(str(v).startswith("media:/app/media") for v in services[service]["volumes"])
        for service in APP_SERVICES
    }
    assert mounted == {"web": True, "worker": True, "beat": True}


def test_every_referenced_variable_is_in_env_example():
    referenced = set(REFERENCE.findall(COMPOSE_FILE.read_text(encoding="utf-8")))
    assert sorted(referenced - env_example_names()) == []


def test_env_example_defines_the_required_variables():
    assert sorted(set(REQUIRED_IN_PRODUCTION) - env_example_names()) == []
