"""``make load``: locust, headless, 50 mixed people for 3 minutes against 127.0.0.1.

Runs inside ``scripts/services.sh run`` (PostgreSQL + Redis on loopback): builds the demo data
with ``seed_demo --scale 10`` (1,000 initiatives), serves the portal as production does
(gunicorn, 2 sync workers, DEBUG off), runs locust with a time limit (people arrive one a second,
each signs in once), stops everything by PID, and prints errors and p95 per request with the
verdict against the targets (0 errors, p95 < 500 ms). Knobs: LOAD_USERS (50), LOAD_TIME (3m),
LOAD_SCALE (10), LOAD_SPAWN_RATE (1 a second).
"""

import csv
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import (  # noqa: E402,I001
    RESULTS, ROOT, TOTP_KEY, WORK, busiest, cpu_busy, django_env, free_port, gunicorn, log, machine,
    manage, recreate_database, stop,
)

USERS = int(os.environ.get("LOAD_USERS", "50"))
DURATION = os.environ.get("LOAD_TIME", "3m")
SCALE = int(os.environ.get("LOAD_SCALE", "10"))
SPAWN_RATE = os.environ.get("LOAD_SPAWN_RATE", "1")
P95_TARGET_MS = 500
# experts of the generated data with a review in progress on a card under review, as
# "login:initiative id", one review per expert
EXPERTS = """
from expertise.models import Review
pairs = dict(Review.objects.filter(
    state="draft", assignment__initiative__state="under_review",
    assignment__expert__username__startswith="scale-").order_by("pk").values_list(
    "assignment__expert__username", "assignment__initiative_id"))
print(",".join(f"{login}:{pk}" for login, pk in sorted(pairs.items())[:10]))
"""
# The office signs in with its second factor, and a code is taken once: each simulated member of
# the office gets an account of its own (load-staff-N, load-head-N: the demo's role, password and
# consent) with an authenticator of the bench's key, so that no two sign-ins share a device.
OFFICE = f"""
from django_otp.plugins.otp_totp.models import TOTPDevice
from accounts.models import Consent, RoleAssignment, User
for login in ("staff", "head"):
    model = User.objects.get(username=login)
    for n in range({USERS}):
        person, _ = User.objects.get_or_create(username=f"load-{{login}}-{{n}}", defaults=dict(
            password=model.password, last_name=model.last_name, first_name=model.first_name))
        for role in model.role_codes:
            RoleAssignment.objects.get_or_create(user=person, role=role)
        TOTPDevice.objects.update_or_create(user=person, defaults=dict(
            name="load", key="{TOTP_KEY}", confirmed=True))
"""


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = django_env(recreate_database("load"))
    log(f"migrate, collectstatic, seed_demo --scale {SCALE}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "seed_demo", "--fixed-day", "--scale", str(SCALE), stdout=subprocess.DEVNULL)
    text, met = run(env, SCALE)
    (RESULTS / "load-latest.md").write_text(text, encoding="utf-8")
    print(text)
    return 0 if met else 1


def run(env, scale):
    """The load on a database seeded at this scale (``bench/pages.py`` runs it on the largest
    scale it walks): the office's load accounts, locust against gunicorn, the table and whether
    the targets are met."""
    manage(env, "shell", "--no-imports", "-c", OFFICE)
    experts = manage(env, "shell", "--no-imports", "-c", EXPERTS, capture_output=True,
                     text=True).stdout.strip().rpartition("\n")[2]
    busy = cpu_busy()
    top = busiest()
    log(f"machine {busy} % busy before the load ({', '.join(top)}); experts {experts}")
    port = free_port()
    server = gunicorn(env, port)
    prefix = WORK / "load"
    try:
        log(f"locust: {USERS} users for {DURATION} against http://127.0.0.1:{port}")
        subprocess.run(
            [str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"),
             "--headless", "-u", str(USERS), "-r", SPAWN_RATE, "-t", DURATION, "--stop-timeout", "10",
             "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary"],
            env={**os.environ, "LOAD_HOST": f"http://127.0.0.1:{port}", "LOAD_EXPERTS": experts,
                 "LOAD_TOTP_KEY": TOTP_KEY},
            check=False,
            timeout=60 * 10,
        )
    finally:
        stop(server)
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))
    busy_after = cpu_busy()
    lines = ["# Load test (make load)", "",
             f"{USERS} users arriving {SPAWN_RATE} a second, {DURATION}, demo data at scale "
             f"{scale} (`seed_demo --scale {scale}`), gunicorn 2 sync workers, PostgreSQL, "
             "127.0.0.1; locust runs on the same machine.", "",
             f"Machine: {machine(with_wrk=False)}.", "",
             f"Noise: the machine was {busy} % busy for 5 s before the load with nothing of it "
             f"running (busiest: {', '.join(top)}), {busy_after} % after it."
             + (" **Other work shared the CPUs during this run.**" if max(busy, busy_after) >= 10
                else ""), "",
             "Mix: teams (15) create a draft and autosave it; experts (10) fill their review "
             "with autosave; staff (10) browse the registries, cards, organisations, meetings; "
             "the head (5) the dashboard, home, reports, audit log; guests (10) the landing page, "
             "library searches and networks. Every signed-in person signs in once on arrival.", "",
             "| request | count | failures | median ms | p95 ms | max ms |", "|---|---|---|---|---|---|"]
    total = None
    for row in rows:
        median, top = float(row["Median Response Time"]), float(row["Max Response Time"])
        line = (f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
                f"{median:.0f} | {row['95%']} | {top:.0f} |")
        if row["Name"] == "Aggregated":
            total = row
        lines.append(line)
    failures = int(total["Failure Count"]) if total else -1
    p95 = float(total["95%"]) if total else float("inf")
    met = failures == 0 and p95 < P95_TARGET_MS
    lines += ["", f"Targets (0 errors, p95 < {P95_TARGET_MS} ms): {'met' if met else 'MISSED'} — "
              f"{failures} failures, p95 {p95:.0f} ms."]
    failed = Path(f"{prefix}_failures.csv")
    if failures and failed.exists():  # what locust was told for each failure, and how often
        lines += ["", "| request | failure | occurrences |", "|---|---|---|"]
        lines += [f"| {row['Name']} | {row['Error']} | {row['Occurrences']} |"
                  for row in csv.DictReader(failed.open(encoding="utf-8"))]
    return "\n".join(lines) + "\n", met


if __name__ == "__main__":
    sys.exit(main())
