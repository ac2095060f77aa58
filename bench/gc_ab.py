"""A/B of the collector's settings of ``project_office/wsgi.py`` through gunicorn, as the bench
serves the portal: one server with them (``project_office.wsgi:application``), one without
(Django's own ``get_wsgi_application()``), one sync worker each, on the same database. Blocks of
BLOCK requests go to one server then the other (A, B, B, A, …), signed in as the bench does
(``bench/bench.py``: the second factor's code typed); a block's figure is its mean time (the
collector's pauses are rare and long, so the mean, not the median); the share is the median
over the pairs of blocks of (without − with) / without.

In a services.sh shell with a seeded database and ``collectstatic`` done into STATIC_ROOT:

    DJANGO_ENV=production ... .venv/bin/python bench/gc_ab.py page ...

Knobs: GC_BLOCKS (12 pairs), GC_BLOCK (40 requests).
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402 - bench/bench.py: the sign-in with the second factor, free ports

BLOCKS = int(os.environ.get("GC_BLOCKS", "12"))
BLOCK = int(os.environ.get("GC_BLOCK", "40"))
APPS = {"A": "project_office.wsgi:application", "B": "django.core.wsgi:get_wsgi_application()"}
PAGES = {"sign_in": (None, "/accounts/login/"), "registry": ("staff", "/initiatives/"),
         "home_head": ("head", "/home/"),
         "library_search": (None, "/network/library/?q=%D1%87%D1%82%D0%B5%D0%BD%D0%B8%D0%B5")}


def serve(app, port):
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), app, "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--timeout", "60"], cwd=bench.ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "project_office.settings"},
        stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            if bench.Http(f"http://127.0.0.1:{port}").request("GET", "/accounts/login/")[0] == 200:
                return proc
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{app} did not answer")


def main():
    env = dict(os.environ)
    bench.enrol_second_factor(env)
    ports = {way: bench.free_port() for way in APPS}
    procs = {way: serve(app, ports[way]) for way, app in APPS.items()}
    try:
        for name in sys.argv[1:]:
            login, path = PAGES[name]
            clients = {way: bench.Http(f"http://127.0.0.1:{ports[way]}") for way in APPS}
            if login:  # one sign-in (a code is taken once), its session used on both servers
                clients["A"].sign_in(login)
                clients["B"].jar = dict(clients["A"].jar)
            for way in APPS:
                for _ in range(20):  # warm-up
                    assert clients[way].request("GET", path)[0] == 200
            means = {"A": [], "B": []}
            for r in range(BLOCKS):
                for way in ("AB" if r % 2 == 0 else "BA"):
                    t = time.perf_counter()
                    for _ in range(BLOCK):
                        clients[way].request("GET", path)
                    means[way].append((time.perf_counter() - t) * 1000 / BLOCK)
            a, b = statistics.median(means["A"]), statistics.median(means["B"])
            share = statistics.median((y - x) / y for x, y in zip(means["A"], means["B"],
                                                                   strict=True))
            row = {"construct": "gc", "page": name, "with_ms": round(a, 2),
                   "without_ms": round(b, 2), "share": round(share, 4), "n": BLOCKS,
                   "stat": f"gunicorn, median of {BLOCK}-request block means"}
            print(f"gc {name:20} with {a:7.2f} ms  without {b:7.2f} ms  saves {share:6.1%}",
                  flush=True)
            print("ROW " + json.dumps(row), flush=True)
    finally:
        for proc in procs.values():
            bench.stop(proc)


if __name__ == "__main__":
    main()
