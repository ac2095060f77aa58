"""Reading a 30-page Word card: wall time and peak memory (target ≤ 1 s, ≤ 150 MB).

The card is the seed card «Проектный замысел» as typed, its problem analysis repeated until the
document holds 15,000 words (≈ 30 pages of 12 pt text, 500 words a page), with the team as a
table. A fresh Python process (Django set up as the web process has it) reads it three times
with ``initiatives.wordcard.mapping.read_card``; the figure is the median time and the process's
peak resident memory (VmHWM), next to its peak before reading.

Runs alone (``python bench/docx_read.py``) and inside ``make bench``, which prints its line in
the results table.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "project-office-plus-concept.txt"
MAX_S, MAX_MB = 1.0, 150
WORDS = 15_000  # ≈ 30 pages
RUNS = 3


def build(path):
    import docx

    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = lines.index("Проблемный анализ ситуации.") + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Проектный замысел:"))
    problem = lines[start:end]
    words = sum(len(line.split()) for line in lines)
    body = lines[:end]
    while words < WORDS:
        body += problem
        words += sum(len(line.split()) for line in problem)
    document = docx.Document()
    for line in body[:5]:
        document.add_paragraph(line)
    team = document.add_table(rows=0, cols=2)
    for member in body[5:10]:
        cells = team.add_row().cells
        cells[0].text, cells[1].text = member.split(", ", 1)
    for line in body[10:] + lines[end:]:
        document.add_paragraph(line)
    document.save(path)
    return words


def _hwm_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def read(path):
    """In the child process: read the card RUNS times; print the figures as JSON."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project_office.settings")
    import django

    django.setup()
    from initiatives.wordcard.mapping import read_card

    before = _hwm_mb()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        card = read_card(path)
        times.append(time.perf_counter() - started)
    print(json.dumps({"seconds": statistics.median(times), "runs": times,
                      "peak_mb": _hwm_mb(), "before_mb": before,
                      "problem_chars": len(card["problem"])}))


def measure():
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "card-30-pages.docx"
        words = build(path)
        out = subprocess.run([sys.executable, __file__, "--read", str(path)], check=True,
                             capture_output=True, text=True, cwd=ROOT).stdout
        result = json.loads(out.strip().splitlines()[-1])
        result.update(words=words, pages=round(words / 500), size_kb=path.stat().st_size / 1024)
    return result


def lines(result):
    if not result:
        return ["Not measured in this run."]
    return [f"- Reading a {result['pages']}-page Word card ({result['words']:,} words, "
            f"{result['size_kb']:.0f} KB .docx): **{result['seconds']:.2f} s** (median of "
            f"{len(result['runs'])}), process peak memory **{result['peak_mb']:.0f} MB** "
            f"(VmHWM; {result['before_mb']:.0f} MB before reading)."]


def verdicts(result):
    """(ok, text) of the two targets."""
    if not result:
        return []
    return [(result["seconds"] <= MAX_S,
             f"reading a {result['pages']}-page Word card ≤ {MAX_S:g} s: {result['seconds']:.2f} s"),
            (result["peak_mb"] <= MAX_MB,
             f"reading a {result['pages']}-page Word card ≤ {MAX_MB} MB: "
             f"{result['peak_mb']:.0f} MB")]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--read"]:
        read(sys.argv[2])
    else:
        figures = measure()
        print("\n".join(lines(figures)))
        for ok, text in verdicts(figures):
            print(("met: " if ok else "MISSED: ") + text)
