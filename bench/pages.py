"""Every page, every role: the second part of ``make bench`` (alone: ``make bench-pages``).

For each scale it builds a fresh PostgreSQL database with ``seed_demo --scale`` (the rows that
grow with time included: audit lines, notifications, letters, versions), lists every page of the
URL resolver with its viewers and SQL counts (``manage.py bench_walk``), serves the portal as
production does (gunicorn, DEBUG off) and times REQUESTS sequential requests of each page by each
of its viewers (after two unmeasured ones): p50 and p95. The table, sorted by time, goes to
bench/results/pages.md (and pages.json).

Targets (printed as met / missed): every page ≤ 15 SQL queries and the same count at every
scale; p50 ≤ 2× the card's p50 of the same scale and run; p50 growth from the smallest to the
largest scale ≤ 30 %. Exports and feeds (XLSX, CSV, .ics, PDF: ``reports.walk.is_export``) grow
with their rows by nature, so they are held instead to: streamed (not built whole in memory),
memory flat (the peak of Python's allocations while one is made and read, measured by
``bench_walk`` with tracemalloc, grows ≤ 30 % or ≤ 1 MB from the smallest to the largest scale)
and time linear (p50 per KB of the answer grows ≤ 30 %).

At the largest scale, on the same database, the run also makes the annual report of
BENCH_REPORT_YEAR through a Celery worker (time and the worker's peak memory: ≤ 60 s and ≤ 800 MB)
and runs ``make load``'s locust mix (0 errors, p95 < 500 ms), so that a scale seeded once (the
100k one takes about half an hour) serves all three; BENCH_PAGES_EXTRAS="" leaves them out.

Knobs: BENCH_SCALES ("10 100"), BENCH_PAGE_REQUESTS (20; an export or feed is timed
EXPORT_REQUESTS times, since at 100k one answer takes seconds), BENCH_PAGE_NAMES (URL names to
time, the card always among them; the table then goes to bench/results/pages-subset.md and .json so the
full table stays), e.g. ``BENCH_SCALES="1 10" BENCH_PAGE_NAMES="meetings:item initiatives:export"``.
"""

import json
import os
import statistics
import subprocess
import sys
import time

import load

import bench as core

SCALES = [int(s) for s in os.environ.get("BENCH_SCALES", "10 100").split()]
REQUESTS = int(os.environ.get("BENCH_PAGE_REQUESTS", "20"))
ONLY = set(os.environ.get("BENCH_PAGE_NAMES", "").split())
EXTRAS = set(os.environ.get("BENCH_PAGES_EXTRAS", "annual load").split())
EXPORT_REQUESTS = 5
CARD = ("initiatives:detail", "staff")
MAX_QUERIES, MAX_CARD_RATIO, MAX_GROWTH = 15, 2.0, 0.30
MEMORY_SLACK_KB = 1024  # an export's peak may grow by this much whatever its rows
MAX_REPORT_S, MAX_REPORT_MB = 60, 800  # the annual report at the largest scale
# pages whose time is their purpose, not their cost: measured and shown, not held to the card
SLOW_BY_DESIGN = {"healthz": "asks the Celery workers to answer within 1 s (no worker runs here)"}


def label(scale):
    """1k, 10k, 100k: seed_demo --scale N makes 100 × N initiatives."""
    return f"{scale / 10:g}k"


def prepare(scale):
    database_url = core.recreate_database(f"bench_pages_{scale}")
    env = core.django_env(database_url)
    core.log(f"pages, scale {scale}: migrate, collectstatic, seed_demo --scale {scale}")
    core.manage(env, "migrate", "--noinput", "-v0")
    core.manage(env, "collectstatic", "--noinput", "-v0")
    t0 = time.monotonic()
    core.manage(env, "seed_demo", "--scale", str(scale), stdout=subprocess.DEVNULL)
    seed_s = time.monotonic() - t0
    subprocess.run(["psql", database_url, "-qc", "VACUUM ANALYZE"], check=True)
    size = subprocess.run(["psql", database_url, "-Atc", "SELECT pg_database_size(current_database())"],
                          check=True, capture_output=True, text=True).stdout.strip()
    core.enrol_second_factor(env)
    out = core.WORK / f"walk-{scale}.json"
    with open(core.WORK / f"walk-{scale}.log", "w") as log:  # the refused requests' tracebacks
        core.manage(env, "bench_walk", str(out), stdout=log, stderr=log)
    walk = json.loads(out.read_text(encoding="utf-8"))
    core.log(f"pages, scale {scale}: seeded in {seed_s:.0f} s, database {int(size) / 2**20:.0f} MB, "
             f"{len(walk['pages'])} pages, {len(walk['missing'])} not measured")
    return {"scale": scale, "env": env, "seed_s": round(seed_s), "db_mb": int(size) // 2**20,
            **walk}


def time_pages(scale):
    port = core.free_port()
    proc = core.gunicorn(scale["env"], port)
    base = f"http://127.0.0.1:{port}"
    try:
        cookies = {}
        for page in scale["pages"].values():
            for viewer in page["viewers"]:
                if viewer != "guest" and viewer not in cookies:
                    cookies[viewer] = core.Http(base).sign_in(viewer)
        for name, page in scale["pages"].items():
            for viewer, figures in page["viewers"].items():
                http = core.Http(base)  # keeps the viewer's session and whatever is set
                http.jar = dict(pair.split("=", 1) for pair in cookies[viewer].split("; ")) \
                    if viewer in cookies else {}
                times, statuses = [], set()
                requests = EXPORT_REQUESTS if "peak_kb" in figures else REQUESTS
                for n in range(requests + 2):
                    t0 = time.perf_counter()
                    status, _ = http.request("GET", page["url"])
                    if n >= 2:
                        times.append((time.perf_counter() - t0) * 1000)
                        statuses.add(status)
                times.sort()
                figures["p50"] = round(statistics.median(times), 1)
                figures["p95"] = round(times[int(len(times) * 0.95) - 1], 1)
                figures["statuses"] = sorted(statuses)
            core.log(f"{scale['scale']:>4} {name:40} " + " ".join(
                f"{v}:{f['p50']:.0f}ms" for v, f in page["viewers"].items()))
    finally:
        core.stop(proc)


def rows(scales):
    """One row per (page, viewer) with its figures at each scale."""
    keys = dict.fromkeys((name, viewer) for s in scales for name, page in s["pages"].items()
                         for viewer in page["viewers"])
    table = []
    for name, viewer in keys:
        at = {s["scale"]: s["pages"].get(name, {}).get("viewers", {}).get(viewer) for s in scales}
        table.append({"page": name, "viewer": viewer, "url": next(
            s["pages"][name]["url"] for s in scales if name in s["pages"]), "at": at})
    biggest = scales[-1]["scale"]
    return sorted(table, key=lambda r: -(r["at"][biggest] or {}).get("p50", 0))


def is_export(row):
    """An export or feed: the walk measured its memory (``reports.walk.is_export``)."""
    return any(f and "peak_kb" in f for f in row["at"].values())


def export_verdicts(who, row, small, big):
    """Streamed, memory flat, time linear with the answer's size."""
    missed = []
    figures = [(s, f) for s, f in row["at"].items() if f]
    if not all(f.get("streamed") for _s, f in figures):
        missed.append(f"{who}: not streamed (the whole answer is built in memory)")
    a, b = row["at"].get(small), row["at"].get(big)
    if not (a and b and small != big):
        return missed
    if b["peak_kb"] > max(a["peak_kb"] * (1 + MAX_GROWTH), a["peak_kb"] + MEMORY_SLACK_KB):
        missed.append(f"{who}: memory peak grows from {a['peak_kb'] / 1024:.1f} MB at "
                      f"{label(small)} to {b['peak_kb'] / 1024:.1f} MB at {label(big)}")
    per_kb = [f["p50"] / max(f["bytes"] / 1024, 1) for f in (a, b)]
    if per_kb[1] / per_kb[0] - 1 > MAX_GROWTH:
        missed.append(f"{who}: time per KB grows {per_kb[1] / per_kb[0] - 1:+.0%} from "
                      f"{label(small)} to {label(big)} ({per_kb[0]:.2f} → {per_kb[1]:.2f} ms/KB)")
    return missed


def verdicts(scales, table):
    small, big = scales[0]["scale"], scales[-1]["scale"]
    card = {s["scale"]: s["pages"][CARD[0]]["viewers"][CARD[1]]["p50"] for s in scales
            if CARD[1] in s["pages"].get(CARD[0], {}).get("viewers", {})}
    missed = []
    for r in table:
        who = f"`{r['page']}` ({r['viewer']})"
        figures = [(s, f) for s, f in r["at"].items() if f]
        counts = {f["queries"] for _s, f in figures}
        odd = {s: f["statuses"] for s, f in figures if f.get("statuses") != [200]}
        if odd:
            missed.append(f"{who}: answered " + ", ".join(
                f"{'/'.join(map(str, st))} at {label(s)}" for s, st in odd.items())
                + " over HTTP (200 to the test client)")
        if max(counts) > MAX_QUERIES:
            missed.append(f"{who}: {max(counts)} SQL queries (≤ {MAX_QUERIES})")
        if len(counts) > 1:
            missed.append(f"{who}: SQL count differs between scales: "
                          + ", ".join(f"{f['queries']} at {label(s)}" for s, f in figures))
        if is_export(r):
            missed += export_verdicts(who, r, small, big)
            continue
        for s, f in figures:
            if r["page"] in SLOW_BY_DESIGN:
                continue
            if s in card and f["p50"] > MAX_CARD_RATIO * card[s]:
                missed.append(f"{who}: p50 {f['p50']:.0f} ms at {label(s)} > "
                              f"{MAX_CARD_RATIO:.0f}× the card's {card[s]:.0f} ms")
        a, b = r["at"].get(small), r["at"].get(big)
        if (a and b and small != big and r["page"] not in SLOW_BY_DESIGN
                and b["p50"] / a["p50"] - 1 > MAX_GROWTH):
            missed.append(f"{who}: p50 grows {b['p50'] / a['p50'] - 1:+.0%} from "
                          f"{label(small)} to {label(big)} "
                          f"({a['p50']:.1f} → {b['p50']:.1f} ms)")
    return card, missed


def extra_lines(largest):
    """The annual report and the load at the largest scale, and what they missed."""
    lines, missed = [], []
    annual = largest.get("annual")
    if annual:
        met = (annual["status"] == "done" and (annual["wall_s"] or 1e9) <= MAX_REPORT_S
               and (annual["child_peak_mb"] or 1e9) <= MAX_REPORT_MB)
        lines += ["", f"## The annual report at {label(largest['scale'])}", "",
                  f"{annual['year']}: {annual['projects']} projects, {annual['status']}, "
                  f"{annual['pages']} pages, {annual['wall_s']} s from request to PDF "
                  f"({annual['build_s']} s building), worker peak {annual['child_peak_mb']} MB "
                  f"(targets ≤ {MAX_REPORT_S} s, ≤ {MAX_REPORT_MB} MB: {'met' if met else 'MISSED'})."]
        if not met:
            missed.append(f"the annual report at {label(largest['scale'])}: {annual['status']}, "
                          f"{annual['wall_s']} s, {annual['child_peak_mb']} MB")
    if largest.get("load"):
        lines += ["", f"## make load at {label(largest['scale'])}", ""]
        lines += ["#" + line if line.startswith("# ") else line
                  for line in largest["load"].splitlines()[2:]]
        if "MISSED" in largest["load"]:
            verdict = next(line for line in largest["load"].splitlines()
                           if line.startswith("Targets"))
            missed.append(f"make load at {label(largest['scale'])}: {verdict}")
    return lines, missed


def report(scales, minutes):
    table = rows(scales)
    card, missed = verdicts(scales, table)
    extras, extra_missed = extra_lines(scales[-1])
    missed += extra_missed
    labels = [label(s["scale"]) for s in scales]
    lines = [
        "# Every page, every role", "",
        f"Run of {time.strftime('%Y-%m-%d %H:%M')}, {minutes:.0f} min; {REQUESTS} sequential requests "
        "per page and viewer through gunicorn (2 sync workers, DEBUG off) on PostgreSQL.", "",
        "| scale | seeding | database | pages measured | not measured |", "|---|---|---|---|---|"]
    lines += [f"| {label(s['scale'])} | {s['seed_s']} s | {s['db_mb']} MB | "
              f"{len(s['pages'])} | {len(s['missing'])} |" for s in scales]
    lines += ["", f"The card ({CARD[0]}, {CARD[1]}): "
              + ", ".join(f"p50 {p:.1f} ms at {label(s)}" for s, p in card.items()), "",
              "## Targets", ""]
    lines += ["Every target met." if not missed else f"{len(missed)} missed:"]
    lines += [f"- {m}" for m in missed]
    lines += [f"- `{page}` is not held to the card's time: {why}" for page, why in
              SLOW_BY_DESIGN.items()]
    lines += ["- exports and feeds (target «export» below) are held to «streamed, memory flat, "
              "time linear» instead of the card's time and the p50 growth"]
    lines += extras
    lines += ["", "## Pages, slowest first (at the largest scale)", "",
              "| page | viewer | target | " + " | ".join(f"SQL {x}" for x in labels) + " | "
              + " | ".join(f"p50 / p95 ms {x}" for x in labels) + " | "
              + " | ".join(f"size / memory peak {x}" for x in labels) + " |",
              "|---|---|---|" + "---|" * (3 * len(labels))]
    for r in table:
        sql = " | ".join(str(f["queries"]) if f else "—" for f in r["at"].values())
        times = " | ".join(f"{f['p50']:.1f} / {f['p95']:.1f}" if f else "—" for f in r["at"].values())
        export = is_export(r)
        sizes = " | ".join(
            f"{(f.get('bytes') or 0) / 1024:.0f} KB / {f['peak_kb'] / 1024:.1f} MB"
            + (" streamed" if f.get("streamed") else "") if f and export else "—"
            for f in r["at"].values())
        lines.append(f"| `{r['page']}` | {r['viewer']} | {'export' if export else 'page'} | "
                     f"{sql} | {times} | {sizes} |")
    lines += ["", "## Not measured", ""]
    missing = {}
    for s in scales:
        for name, why in s["missing"].items():
            missing.setdefault((name, why), []).append(label(s["scale"]))
    lines += [f"- `{name}`: {why} ({', '.join(at)})" for (name, why), at in sorted(missing.items())]
    return "\n".join(lines) + "\n"


def main():
    core.WORK.mkdir(parents=True, exist_ok=True)
    core.RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    # each scale is timed right after it is seeded: seeding a larger one first left PostgreSQL's
    # autovacuum working through gigabytes while the smaller ones were timed (run of 2026-12-07)
    scales = []
    for size in SCALES:
        scale = prepare(size)
        if ONLY:
            scale["pages"] = {n: p for n, p in scale["pages"].items() if n in ONLY | {CARD[0]}}
        time_pages(scale)
        scales.append(scale)
    largest = scales[-1]
    if "annual" in EXTRAS:
        largest["annual"] = core.annual_report(largest["env"], largest["scale"])
    if "load" in EXTRAS:
        largest["load"], _met = load.run(largest["env"], largest["scale"])
    for scale in scales:
        scale.pop("env")
    name = "pages-subset" if ONLY else "pages"
    (core.RESULTS / f"{name}.json").write_text(json.dumps(scales, ensure_ascii=False, indent=1),
                                               encoding="utf-8")
    text = report(scales, (time.monotonic() - started) / 60)
    (core.RESULTS / f"{name}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
