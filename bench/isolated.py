"""A measurement run in a child process on a database of its own (the registry import, the Gantt
plan, the bulk assignment): the child starts with a fresh, migrated database and the Russian
catalogue compiled, and prints its figures as JSON on its last line."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def measure_in_child(script, database, *args, **env):
    """Drop and create ``database`` beside the run's own, migrate it, then run ``script --child
    *args`` on it with the tasks in-process and ``env`` added; the child's figures (a dict) or
    ``{"error": …}``."""
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    for sql in (f'DROP DATABASE IF EXISTS "{database}"', f'CREATE DATABASE "{database}"'):
        subprocess.run(["psql", base + "/postgres", "-qc", sql], check=True)
    env = {**os.environ, "DATABASE_URL": f"{base}/{database}", "CELERY_TASK_ALWAYS_EAGER": "true",
           "LOG_LEVEL": "WARNING", **env}
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "compilemessages", "-l", "ru", "--ignore", ".venv",
                    "--ignore", "node_modules", "-v0"], cwd=ROOT, env=env, check=True)
    out = subprocess.run([PY, str(script), "--child", *map(str, args)], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    if out.returncode:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])
