"""Bench of the registry brought in from a file (issue 19): a 2,000-row XLSX previewed and
confirmed through the portal's own pages.

Runs inside ``scripts/services.sh run`` (it needs ``DATABASE_URL`` of the throw-away
PostgreSQL): ``python bench/registry_import.py``. It makes a fresh database, migrates it, writes
an XLSX of ROWS rows (every state, 40 organisations, 6 directions, a tenth of the rows with an
indicator's planned and achieved values), then a child process signs in as office staff with
Django's test client and posts the file to the upload page (the preview: reading, checking,
matching and the page with every row) and then confirms it (the Celery task that writes the rows
in one transaction runs in the same process, eagerly, so the figure is the request plus the
writing). Wall time of each step and the child's peak memory (VmHWM) after each are printed;
``make bench`` puts them in its table (``bench.py`` calls :func:`measure`). Targets: preview
≤ 10 s and ≤ 300 MB, confirm ≤ 30 s.

Knob: BENCH_REGISTRY_ROWS (2000).
"""

import datetime
import json
import os
import re
import sys
import time
from pathlib import Path

from isolated import measure_in_child

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "registry-import"
PY = sys.executable
ROWS = int(os.environ.get("BENCH_REGISTRY_ROWS", "2000"))
PREVIEW_MAX_S, PREVIEW_MAX_MB, CONFIRM_MAX_S = 10, 300, 30
ORGANISATIONS = [f"МБОУ СОШ № {n} (замер)" for n in range(1, 41)]
DIRECTIONS = [f"Направление {n} (замер)" for n in range(1, 7)]
STATES = ["черновик", "подана", "на экспертизе", "рекомендована", "утверждена", "в реализации",
          "завершена", "закрыта", "отклонена", "отозвана"]
HEADERS = ["№", "Название", "Организация", "Направление", "Учебный год", "Руководитель проекта",
           "Состояние", "Дата начала", "Дата окончания", "Подана", "Показатель",
           "Единица измерения", "Плановое значение", "Достигнутое значение"]


def write_xlsx(path, rows=ROWS):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Инициативы")
    ws.append(HEADERS)
    for n in range(rows):
        start = 2015 + n % 8
        starts = datetime.date(start, 9, 1) + datetime.timedelta(days=n % 20)
        indicator = ["Доля педагогов, освоивших практику", "%", 40 + n % 30, 35 + n % 40] \
            if n % 10 == 0 else ["", "", "", ""]
        ws.append([n + 1, f"Проект развития № {n + 1}: сетевое взаимодействие и наставничество",
                   ORGANISATIONS[n % len(ORGANISATIONS)], DIRECTIONS[n % len(DIRECTIONS)],
                   f"{start}/{start + 1}", f"Иванова Мария Петровна {n}",
                   STATES[n % len(STATES)], starts.strftime("%d.%m.%Y"),
                   datetime.date(start + 1, 5, 31).strftime("%d.%m.%Y"),
                   datetime.date(start, 6, 1).strftime("%d.%m.%Y"), *indicator])
    wb.save(path)


def _vmhwm_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def child(path):
    """In a child process: the preview and the confirm of the file through the pages."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project_office.settings")
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from accounts.enums import OfficeRole
    from accounts.models import RoleAssignment, User
    from accounts.personal_data import give_consent
    from initiatives.models import Direction, Initiative, Portfolio, RegistryImport
    from network.models import Organisation

    staff, _ = User.objects.get_or_create(username="bench-staff", defaults={
        "first_name": "Сотрудник", "last_name": "Замеров"})
    RoleAssignment.objects.get_or_create(user=staff, role=OfficeRole.OFFICE_STAFF)
    give_consent(staff, text="Согласие (замер).")
    for name in ORGANISATIONS:
        Organisation.objects.get_or_create(short_name=name, defaults={"full_name": name})
    portfolio, _ = Portfolio.objects.get_or_create(name="Портфель (замер)")
    for name in DIRECTIONS:
        Direction.objects.get_or_create(portfolio=portfolio, name=name)
    content = Path(path).read_bytes()
    client = Client()
    client.force_login(staff)
    before = _vmhwm_mb()
    started = time.perf_counter()
    response = client.post("/initiatives/import/",
                           {"file": SimpleUploadedFile("реестр.xlsx", content)})
    preview_s = time.perf_counter() - started
    preview_mb = _vmhwm_mb()
    assert response.status_code == 200, response.status_code
    token = re.search(r'name="token" value="([^"]+)"', response.content.decode())[1]
    started = time.perf_counter()
    done = client.post("/initiatives/import/confirm/", {"token": token})
    confirm_s = time.perf_counter() - started
    assert done.status_code == 302, done.status_code
    record = RegistryImport.objects.get()
    assert (record.status, record.initiatives_created) == ("done", ROWS), (record.status,
                                                                          record.error)
    print(json.dumps({
        "rows": record.rows_new + record.rows_matched + record.rows_error,
        "counts": [record.rows_new, record.rows_matched, record.rows_error],
        "bytes": len(content),
        "html_kb": round(len(response.content) / 1024), "preview_s": round(preview_s, 2),
        "preview_peak_mb": round(preview_mb, 1), "confirm_s": round(confirm_s, 2),
        "confirm_peak_mb": round(_vmhwm_mb(), 1), "start_mb": round(before, 1),
        "initiatives": Initiative.objects.count(),
    }))


def measure():
    """Fresh database, the file, the child's figures (a dict), or ``{"error": …}``."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / "registry.xlsx"
    write_xlsx(path)
    return measure_in_child(__file__, "bench_registry", path, MEDIA_ROOT=str(WORK / "media"),
                            # the staff signs in without the second factor, as in the demo
                            DASHBOARD_CACHE_SECONDS="0", OTP_EXEMPT_DEMO="1")


def lines(result):
    """The bench table's section about the registry import."""
    if not result:
        return ["Not measured in this run (BENCH_REGISTRY=0)."]
    if "error" in result:
        return [f"Failed: {result['error']}"]
    return [
        "| step | rows | wall s | peak MB (VmHWM) | target |", "|---|---|---|---|---|",
        f"| preview (upload page: read, check, match, page of {result['html_kb']} KB) | "
        f"{result['rows']:,} | {result['preview_s']:.2f} | {result['preview_peak_mb']:.0f} | "
        f"≤ {PREVIEW_MAX_S} s, ≤ {PREVIEW_MAX_MB} MB |",
        f"| confirm (the request and the Celery task run in-process: one transaction, "
        f"{result['initiatives']:,} initiatives written) | "
        f"{result['rows']:,} | {result['confirm_s']:.2f} | {result['confirm_peak_mb']:.0f} | "
        f"≤ {CONFIRM_MAX_S} s |",
        "", f"The process started at {result['start_mb']:.0f} MB (Django and the portal loaded); "
        f"the file is {result['bytes'] / 1024:.0f} KB.",
    ]


def verdicts(result):
    """(met, text) lines for the bench's targets."""
    if not result or "error" in result:
        return [(False, f"registry import: {result['error']}")] if result else []
    return [
        (result["preview_s"] <= PREVIEW_MAX_S,
         f"registry import: preview of {result['rows']:,} rows ≤ {PREVIEW_MAX_S} s: "
         f"{result['preview_s']:.2f} s"),
        (result["preview_peak_mb"] <= PREVIEW_MAX_MB,
         f"registry import: preview of {result['rows']:,} rows ≤ {PREVIEW_MAX_MB} MB: "
         f"{result['preview_peak_mb']:.0f} MB"),
        (result["confirm_s"] <= CONFIRM_MAX_S,
         f"registry import: confirm of {result['rows']:,} rows ≤ {CONFIRM_MAX_S} s: "
         f"{result['confirm_s']:.2f} s"),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        figures = measure()
        print("\n".join(lines(figures)))
        for ok, text in verdicts(figures):
            print(("met: " if ok else "MISSED: ") + text)
