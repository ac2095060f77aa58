"""Bench of experts assigned to many initiatives at once (issue 24): 500 submitted cards, two
experts, «all by the filter», through the portal's own pages.

Runs inside ``scripts/services.sh run`` (it needs ``DATABASE_URL`` of the throw-away
PostgreSQL): ``python bench/bulk_assign.py``. It makes a fresh database, migrates it, then a
child process makes CARDS submitted cards of 40 organisations and two experts, signs in as office
staff with Django's test client, asks the assignment page for the row-by-row plan (conflicts of
interest and load) and confirms it. More than ``initiatives.bulk.jobs.SYNC_LIMIT`` cards run as a
Celery task; here it runs eagerly in the same process, so the confirm's figure is the request
plus the work on every card (``expertise.bulk.assign_many`` in batches of 100 cards: the checks
read once a batch, the assignments, audit lines, notifications and e-mails written in bulk).
Wall time and SQL queries of each step are printed; ``make bench``
puts them in its table (``bench.py`` calls :func:`measure`). Targets: plan ≤ 3 s, confirm ≤ 60 s.

Knob: BENCH_BULK_CARDS (500).
"""

import json
import os
import sys
import time
from pathlib import Path

from isolated import measure_in_child

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CARDS = int(os.environ.get("BENCH_BULK_CARDS", "500"))
PLAN_MAX_S, CONFIRM_MAX_S = 3, 60


def child():
    """In a child process: the cards, the plan page and the confirmed assignment."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project_office.settings")
    django.setup()
    from django.core import mail
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.enums import OfficeRole
    from accounts.models import AuditRecord, Notification, RoleAssignment, User
    from accounts.personal_data import give_consent
    from expertise.models import ExpertAssignment
    from initiatives.enums import InitiativeState
    from initiatives.models import BulkJob, Initiative
    from network.models import Organisation

    def person(username, role, last_name):
        user, _ = User.objects.get_or_create(username=username, defaults={
            "first_name": "Анна", "last_name": last_name, "email": f"{username}@example.org"})
        RoleAssignment.objects.get_or_create(user=user, role=role)
        give_consent(user, text="Согласие (замер).")
        return user

    staff = person("bench-staff", OfficeRole.OFFICE_STAFF, "Замерова")
    experts = [person(f"bench-expert-{n}", OfficeRole.EXPERT, f"Экспертова-{n}")
               for n in (1, 2)]
    organisations = [Organisation.objects.get_or_create(
        short_name=f"МБОУ СОШ № {n} (замер)", defaults={"full_name": f"Школа № {n}"})[0]
        for n in range(1, 41)]
    Initiative.objects.bulk_create(
        Initiative(title=f"Замысел № {n} (замер)", organisation=organisations[n % 40],
                   state=InitiativeState.SUBMITTED, academic_year="2026/2027")
        for n in range(CARDS))
    client = Client()
    client.force_login(staff)
    data = {"scope": "filter", "q": "state=submitted", "experts": [e.pk for e in experts]}
    with CaptureQueriesContext(connection) as plan_queries:
        started = time.perf_counter()
        plan = client.post("/initiatives/bulk/experts/", {**data, "preview": "1"})
        plan_s = time.perf_counter() - started
    assert plan.status_code == 200, (plan.status_code, plan.get("Location"))
    with CaptureQueriesContext(connection) as confirm_queries:
        started = time.perf_counter()
        done = client.post("/initiatives/bulk/experts/", {**data, "confirm": "1"})
        confirm_s = time.perf_counter() - started
    assert done.status_code == 302, done.status_code
    job = BulkJob.objects.get()
    assigned = ExpertAssignment.objects.count()
    assert (job.status, job.done, assigned) == ("done", CARDS, 2 * CARDS), (
        job.status, job.done, assigned, job.error)
    # every card audited and every expert told of every card, in the portal and by e-mail
    told = Notification.objects.filter(kind="expert_assigned", recipient__in=experts).count()
    lines = AuditRecord.objects.filter(action="expert_assigned").count()
    assert (told, lines, len(mail.outbox)) == (2 * CARDS, 2 * CARDS, 2 * CARDS), (
        told, lines, len(mail.outbox))
    print(json.dumps({
        "cards": CARDS, "assignments": assigned, "plan_s": round(plan_s, 2),
        "plan_queries": len(plan_queries), "confirm_s": round(confirm_s, 2),
        "confirm_queries": len(confirm_queries),
        "per_card_ms": round(confirm_s * 1000 / CARDS, 1),
        "per_card_queries": round(len(confirm_queries) / CARDS, 1),
    }))


def measure():
    """Fresh database, the child's figures (a dict), or ``{"error": …}``."""
    return measure_in_child(__file__, "bench_bulk", EMAIL_URL="memorymail://",
                            # the staff signs in without the second factor, as in the demo
                            DASHBOARD_CACHE_SECONDS="0", OTP_EXEMPT_DEMO="1")


def lines(result):
    """The bench table's section about the bulk assignment."""
    if not result:
        return ["Not measured in this run (BENCH_BULK=0)."]
    if "error" in result:
        return [f"Failed: {result['error']}"]
    return [
        "| step | cards | wall s | SQL queries | target |", "|---|---|---|---|---|",
        f"| plan (the page: conflicts of interest and load, row by row) | {result['cards']:,} | "
        f"{result['plan_s']:.2f} | {result['plan_queries']} | ≤ {PLAN_MAX_S} s |",
        f"| confirm (the request and the Celery task in-process: {result['assignments']:,} "
        f"assignments, each audited and notified) | {result['cards']:,} | "
        f"{result['confirm_s']:.2f} | {result['confirm_queries']:,} | ≤ {CONFIRM_MAX_S} s |",
        "", f"Per card: {result['per_card_ms']} ms, {result['per_card_queries']} queries "
        f"(two experts each).",
    ]


def verdicts(result):
    """(met, text) lines for the bench's targets."""
    if not result or "error" in result:
        return [(False, f"bulk assignment: {result['error']}")] if result else []
    return [
        (result["plan_s"] <= PLAN_MAX_S,
         f"bulk assignment: plan of {result['cards']:,} cards ≤ {PLAN_MAX_S} s: "
         f"{result['plan_s']:.2f} s"),
        (result["confirm_s"] <= CONFIRM_MAX_S,
         f"bulk assignment: {result['cards']:,} cards × 2 experts ≤ {CONFIRM_MAX_S} s: "
         f"{result['confirm_s']:.2f} s"),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child()
    else:
        figures = measure()
        print("\n".join(lines(figures)))
        for ok, text in verdicts(figures):
            print(("met: " if ok else "MISSED: ") + text)
