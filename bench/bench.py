"""The portal's benchmark, run by ``make bench`` inside ``scripts/services.sh run``.

For each scale it builds a fresh PostgreSQL database with ``seed_demo --scale``, counts the SQL
queries of each page (``manage.py bench_probe``), serves the portal as production does
(gunicorn, 2 sync workers, DEBUG off, 127.0.0.1), signs in over HTTP and loads each page with
wrk. It runs the pretalx peer (../shared/peers/pretalx/run.sh) in the same run and prints one
table with the ratios to the peer and to the sign-in page; the table goes to
bench/results/latest.md. Every server it starts is stopped by PID.

Knobs (environment): BENCH_SCALES ("10 100" = 1,000 and 10,000 initiatives), BENCH_DURATION
(20 s), BENCH_WARMUP (3 s), BENCH_CONNECTIONS ("1 4"), BENCH_PEER (1; 0 skips the peer),
BENCH_PEER_DB (postgres).
"""

import datetime
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
PEER = ROOT.parent / "shared" / "peers" / "pretalx"
PY = sys.executable
SCALES = [int(s) for s in os.environ.get("BENCH_SCALES", "10 100").split()]
DURATION = int(os.environ.get("BENCH_DURATION", "20"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "1 4").split()]
# page of ours -> page of the peer it is compared with, and the target ratio
PEER_PAIRS = {"registry": ("submissions_list", 10.0), "initiative_card": ("review_page", 5.0),
              "sign_in": ("login_page", None)}


def log(message):
    print(f"==> [{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def django_env(database_url):
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "bench-only-" + "k" * 50 + "-not-secret",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "BEHIND_PROXY": "false",
        "EMAIL_URL": "dummymail://",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args, **kwargs):
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def recreate_database(name):
    admin = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name


class Http:
    """A tiny cookie-keeping HTTP client for signing in on loopback."""

    def __init__(self, base):
        self.url = urlparse(base)
        assert self.url.hostname == "127.0.0.1"
        self.jar = {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=30)
        hdrs = {"Host": self.url.netloc, **(headers or {})}
        if self.jar:
            hdrs["Cookie"] = self.cookie()
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        data = resp.read()
        for header in resp.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.jar[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return resp.status, data

    def cookie(self):
        return "; ".join(f"{k}={v}" for k, v in self.jar.items())

    def sign_in(self, login, password="demo"):
        status, html = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
        body = urlencode({"csrfmiddlewaretoken": token, "username": login, "password": password})
        status, _ = self.request("POST", "/accounts/login/", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"{self.url.scheme}://{self.url.netloc}/accounts/login/"})
        assert status == 302 and "sessionid" in self.jar, (status, list(self.jar))
        return self.cookie()


def wrk(url, cookie, connections, duration):
    threads = min(connections, 2)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s",
         "-s", str(ROOT / "bench" / "wrk_report.lua"), url],
        env={**os.environ, "BENCH_COOKIE": cookie or ""}, capture_output=True, text=True,
        timeout=duration + 60, check=True).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("BENCHJSON "))
    return json.loads(line.removeprefix("BENCHJSON "))


def gunicorn(env, port):
    proc = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "project_office.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60",
         "--error-logfile", str(WORK / "gunicorn.log")], cwd=ROOT, env=env)
    for _ in range(120):
        try:
            status, _ = Http(f"http://127.0.0.1:{port}").request("GET", "/accounts/login/")
            if status == 200:
                return proc
        except OSError:
            pass
        if proc.poll() is not None:
            raise SystemExit("gunicorn died; see bench/work/gunicorn.log")
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit("gunicorn did not answer in 60 s")


def stop(proc):
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def measure_scale(scale):
    database_url = recreate_database(f"bench_{scale}")
    env = django_env(database_url)
    log(f"scale {scale}: migrate, collectstatic, seed_demo --scale {scale}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    t0 = time.monotonic()
    manage(env, "seed_demo", "--scale", str(scale), stdout=subprocess.DEVNULL)
    seed_s = time.monotonic() - t0
    shell = manage(env, "shell", "--no-imports", "-c", COUNTS, capture_output=True, text=True)
    counts = json.loads(shell.stdout.strip().splitlines()[-1])
    log(f"scale {scale}: data {counts} (seeded in {seed_s:.0f} s)")
    probe_file = WORK / f"probe-{scale}.json"
    manage(env, "bench_probe", str(probe_file))
    probe = json.loads(probe_file.read_text())
    port = free_port()
    proc = gunicorn(env, port)
    rows = []
    try:
        base = f"http://127.0.0.1:{port}"
        cookies = {}
        for name, page in probe.items():
            if "missing" in page:
                log(f"{name}: not measured ({page['missing']})")
                continue
            login = page["login"]
            if login and login not in cookies:
                cookies[login] = Http(base).sign_in(login)
            cookie = cookies.get(login)
            status, _ = Http(base).request("GET", page["url"], headers={"Cookie": cookie or ""})
            assert status == 200, f"{name}: {page['url']} answered {status}"
            wrk(base + page["url"], cookie, 2, WARMUP)
            for c in CONNECTIONS:
                r = wrk(base + page["url"], cookie, c, DURATION)
                rows.append({"scale": scale, "page": name, "conns": c, "queries": page["queries"],
                             "bytes": page["bytes"], "label": page["label"], **r})
                log(f"{name:16} c={c} {r['rps']:8.1f} req/s  p50 {r['p50']:6.1f} ms  "
                    f"p95 {r['p95']:6.1f} ms  non-200 {r['non_200']}  queries {page['queries']}")
    finally:
        stop(proc)
    return {"scale": scale, "counts": counts, "seed_s": round(seed_s, 1), "rows": rows}


COUNTS = """
import json
from django.apps import apps
print(json.dumps({m._meta.label: m.objects.count() for m in apps.get_models()
                  if m._meta.app_label in ("accounts", "network", "initiatives", "meetings",
                                            "reports") and m.objects.count()}))
"""


def run_peer():
    if os.environ.get("BENCH_PEER", "1") == "0":
        return None
    log("pretalx peer (../shared/peers/pretalx/run.sh)")
    env = {**os.environ, "PEER_DB": os.environ.get("BENCH_PEER_DB", "postgres"),
           "PEER_DURATION": str(DURATION), "PEER_WARMUP": str(WARMUP),
           "PEER_CONNECTIONS": " ".join(map(str, CONNECTIONS)), "PEER_KEEP_VENV": "1"}
    for var in ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(var, None)
    subprocess.run(["bash", str(PEER / "run.sh")], env=env, check=True,
                   stdout=open(WORK / "peer.log", "w"), stderr=subprocess.STDOUT)
    res = Path("/tmp/peer-pretalx/results")
    runs = [json.loads(x) for x in (res / "wrk.jsonl").read_text().splitlines() if x.strip()]
    qc = json.loads((res / "querycount.json").read_text())
    return {"runs": runs, "queries": qc, "summary": (res / "summary.md").read_text()}


def peer_figure(peer, page, conns):
    for r in peer["runs"] if peer else []:
        if r["page"] == page and r["conns"] == conns:
            return r
    return None


def peer_queries(peer, page):
    entry = (peer or {}).get("queries", {}).get(page) if peer else None
    if isinstance(entry, dict):
        return entry.get("warm", entry.get("queries"))
    return entry


def machine():
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo")
                if ln.startswith("model name")), platform.processor())
    mem = next(int(ln.split()[1]) // 1024 // 1024 for ln in open("/proc/meminfo")
               if ln.startswith("MemTotal"))
    pg = subprocess.run(["psql", os.environ["DATABASE_URL"], "-tAc", "show server_version"],
                        capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} CPUs ({cpu}), {mem} GiB RAM, Python {platform.python_version()}, "
            f"PostgreSQL {pg}, gunicorn 2 sync workers, wrk {DURATION} s per run after "
            f"{WARMUP} s warm-up")


def report(scales, peer, annual):
    lines = [f"# Benchmark of the portal ({datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC)",
             "", f"Machine: {machine()}.", ""]
    for s in scales:
        lines.append(f"- scale {s['scale']}: {s['counts']} (seed {s['seed_s']} s)")
    lines += ["", "| scale | page | conns | req/s | p50 ms | p95 ms | SQL | × sign-in | × peer |",
              "|---|---|---|---|---|---|---|---|---|"]
    misses = []
    by_key = {(r["scale"], r["page"], r["conns"]): r for s in scales for r in s["rows"]}
    for (scale, page, conns), r in by_key.items():
        ceiling = by_key.get((scale, "sign_in", conns))
        to_ceiling = r["rps"] / ceiling["rps"] if ceiling else None
        pair = PEER_PAIRS.get(page)
        p = peer_figure(peer, pair[0], conns) if pair else None
        to_peer = r["rps"] / p["rps"] if p else None
        lines.append(
            f"| {scale} | {page} | {conns} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['queries']} | {fmt(to_ceiling)} | {fmt(to_peer)} |")
        if page != "sign_in" and to_ceiling is not None and to_ceiling < 0.15:
            misses.append(f"{page} at scale {scale}, c={conns}: {to_ceiling:.0%} of the sign-in "
                          "page's req/s (target ≥ 15 %)")
        if pair and pair[1] and to_peer is not None and to_peer < pair[1]:
            misses.append(f"{page} at scale {scale}, c={conns}: {to_peer:.1f}× the peer's "
                          f"{pair[0]} (target ≥ {pair[1]:.0f}×)")
        if r["queries"] > 15:
            misses.append(f"{page} at scale {scale}: {r['queries']} SQL queries (target ≤ 15)")
        if r["non_200"] or r["errors"]:
            misses.append(f"{page} at scale {scale}, c={conns}: {r['non_200']} non-200 answers, "
                          f"{r['errors']} socket errors")
    if len(scales) >= 2:
        small, big = scales[0]["scale"], scales[-1]["scale"]
        for (scale, page, conns), r in by_key.items():
            if scale != small or (big, page, conns) not in by_key:
                continue
            other = by_key[(big, page, conns)]
            growth = other["p50"] / r["p50"] - 1 if r["p50"] else 0
            if growth > 0.30:
                misses.append(f"{page}, c={conns}: p50 grows {growth:.0%} from scale {small} to "
                              f"{big} (target ≤ 30 %)")
            if other["queries"] != r["queries"]:
                misses.append(f"{page}: {r['queries']} queries at scale {small}, "
                              f"{other['queries']} at {big} (target: the same)")
    if peer:
        lines += ["", "Peer (pretalx, same run):", ""]
        for r in peer["runs"]:
            lines.append(f"- {r['page']} c={r['conns']}: {r['rps']:.1f} req/s, p50 "
                         f"{r['lat_p50_ms']:.0f} ms, p95 {r['lat_p95_ms']:.0f} ms, SQL "
                         f"{peer_queries(peer, r['page'])}")
    else:
        lines += ["", "Peer: not run in this run (BENCH_PEER=0)."]
    lines += ["", "## Annual report", "", annual or "Not measured: the annual report is not built yet."]
    lines += ["", "## Targets missed", ""]
    lines += [f"- {m}" for m in misses] or ["None: every measured target is met."]
    missing = sorted({n for s in scales for n in s.get("missing", [])})
    if missing:
        lines += ["", "Pages not measured yet (their features are not built): " + ", ".join(missing)]
    return "\n".join(lines) + "\n"


def fmt(x):
    return "—" if x is None else f"{x:.2f}"


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    peer = run_peer()
    scales = []
    for scale in SCALES:
        result = measure_scale(scale)
        probe = json.loads((WORK / f"probe-{scale}.json").read_text())
        result["missing"] = [n for n, p in probe.items() if "missing" in p]
        scales.append(result)
    annual = None
    text = report(scales, peer, annual)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(json.dumps({"scales": scales, "peer": peer and {
        "runs": peer["runs"], "queries": peer["queries"]}}, ensure_ascii=False, indent=1))
    print(text)


if __name__ == "__main__":
    main()
