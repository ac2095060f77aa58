"""Bench of a project's calendar plan (issue 25): the plan page with its Gantt chart at 1 and
at 200 lines (activities and control points), through the portal's own page.

Runs inside ``scripts/services.sh run`` (it needs ``DATABASE_URL`` of the throw-away
PostgreSQL): ``python bench/gantt_plan.py``. It makes a fresh database, migrates it, and a child
process builds a project in progress with LINES lines of plan (half activities, half control
points, a fifth of them overdue), signs in as office staff with Django's test client and loads
the plan page ROUNDS times: the median wall time, the SQL queries (the same at 1 line and at
LINES lines), the page's size and the time of the SVG renderer alone are printed; ``make bench``
puts them in its table (``bench.py`` calls :func:`measure`). Target: the page ≤ 1 s at LINES
lines, the queries constant.

Knobs: BENCH_GANTT_LINES (200), BENCH_GANTT_ROUNDS (7).
"""

import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

from isolated import measure_in_child

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "gantt-plan"
PY = sys.executable
LINES = int(os.environ.get("BENCH_GANTT_LINES", "200"))
ROUNDS = int(os.environ.get("BENCH_GANTT_ROUNDS", "7"))
PAGE_MAX_S = 1.0


def child():
    """In a child process: the project, its plan, the page timed."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project_office.settings")
    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.enums import OfficeRole
    from accounts.models import RoleAssignment, User
    from accounts.personal_data import give_consent
    from initiatives.enums import InitiativeState
    from initiatives.models import Initiative
    from network.gantt import gantt_chart
    from network.models import Organisation
    from portfolio.models import PlanItem
    from portfolio.plan import queries as plan_queries
    from reports.bench import client_of

    staff, _ = User.objects.get_or_create(username="bench-staff", defaults={
        "first_name": "Сотрудник", "last_name": "Замеров"})
    RoleAssignment.objects.get_or_create(user=staff, role=OfficeRole.OFFICE_STAFF)
    give_consent(staff, text="Согласие (замер).")
    organisation, _ = Organisation.objects.get_or_create(
        short_name="МБОУ СОШ № 1 (замер)", defaults={"full_name": "МБОУ СОШ № 1 (замер)"})
    today = timezone.localdate()
    start = today.replace(day=1) - datetime.timedelta(days=365)
    project = Initiative.objects.create(
        organisation=organisation, title="Проект с большим планом (замер)", leader=staff,
        starts_on=start, ends_on=start + datetime.timedelta(days=730),
        state=InitiativeState.IN_PROGRESS)
    client = client_of(staff.username)  # signed in, the second factor counted as given
    url = f"/portfolio/projects/{project.pk}/plan/"

    def add(n, offset=0):
        rows = []
        for i in range(offset, offset + n):
            day = start + datetime.timedelta(days=(i * 3) % 700)
            point = i % 2 == 1
            rows.append(PlanItem(
                initiative=project, kind="point" if point else "activity", number=str(i + 1),
                title=f"{'Контрольная точка' if point else 'Мероприятие'} {i + 1} плана "
                      "сетевого проекта", result="Результат достигнут" if point else "",
                planned_start=None if point else day,
                planned_end=day + datetime.timedelta(days=0 if point else 30),
                status="accepted" if point and i % 5 else "planned", order=i))
        PlanItem.objects.bulk_create(rows)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            assert response.status_code == 200, (response.status_code, response.get("Location"))
        return len(ctx.captured_queries)

    add(1)
    queries()  # the first request of the process reads what is then cached (identity, ...)
    queries_1 = queries()
    add(LINES - 1, offset=1)
    queries_n = queries()
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
    items = plan_queries.plan_rows(project)
    rows = plan_queries.gantt_rows(items, today=today, state=project.state)
    started = time.perf_counter()
    svg = gantt_chart(title="План", desc="План", rows=rows, today=today,
                      starts_on=project.starts_on, ends_on=project.ends_on)
    render_s = time.perf_counter() - started
    print(json.dumps({
        "lines": len(items), "queries_1": queries_1, "queries_n": queries_n,
        "page_s": round(statistics.median(times), 3), "page_max_s": round(max(times), 3),
        "html_kb": round(len(response.content) / 1024), "svg_kb": round(len(svg) / 1024),
        "render_s": round(render_s, 3),
    }))


def measure():
    """Fresh database, the child's figures (a dict), or ``{"error": …}``."""
    WORK.mkdir(parents=True, exist_ok=True)
    return measure_in_child(__file__, "bench_gantt", MEDIA_ROOT=str(WORK / "media"))


def lines(result):
    """The bench table's section about the plan page."""
    if not result:
        return ["Not measured in this run (BENCH_GANTT=0)."]
    if "error" in result:
        return [f"Failed: {result['error']}"]
    return [
        "| page | lines | SQL at 1 line | SQL | median s | max s | page KB | SVG KB | SVG alone s |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| roles and calendar plan with its Gantt chart | {result['lines']} | "
        f"{result['queries_1']} | {result['queries_n']} | {result['page_s']:.3f} | "
        f"{result['page_max_s']:.3f} | {result['html_kb']} | {result['svg_kb']} | "
        f"{result['render_s']:.3f} |",
    ]


def verdicts(result):
    if not result or "error" in result:
        return [(False, f"gantt plan: {result['error']}")] if result else []
    return [
        (result["queries_1"] == result["queries_n"],
         f"gantt plan: SQL constant at 1 and {result['lines']} lines: "
         f"{result['queries_1']} and {result['queries_n']}"),
        (result["page_s"] <= PAGE_MAX_S,
         f"gantt plan: the page of {result['lines']} lines ≤ {PAGE_MAX_S} s: "
         f"{result['page_s']:.3f} s"),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child()
    else:
        figures = measure()
        print("\n".join(lines(figures)))
        for ok, text in verdicts(figures):
            print(("met: " if ok else "MISSED: ") + text)
