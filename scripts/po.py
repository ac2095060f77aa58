"""Translation catalogue tools.

    python scripts/po.py check             every msgid translated, none fuzzy (after makemessages)
    python scripts/po.py apply FILE.json    fill msgstr from {"msgid": "перевод", ...}; plural
                                            entries take a list of the four Russian forms
    python scripts/po.py missing            print untranslated msgids as a JSON skeleton
"""

import json
import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def _short_plural(entry):
    """A plural entry without all four Russian forms (1, 2–4, 5–20, fractions)."""
    return bool(entry.msgid_plural) and sum(1 for v in entry.msgstr_plural.values() if v) < 4


def _pending(po):
    return [e for e in po if not e.obsolete
            and (not e.translated() or "fuzzy" in e.flags or _short_plural(e))]


def check():
    po = polib.pofile(str(CATALOGUE))
    pending = _pending(po)
    for entry in pending:
        state = "fuzzy" if "fuzzy" in entry.flags else "untranslated"
        where = ", ".join(f"{f}:{n}" for f, n in entry.occurrences[:2])
        print(f"{state}: {entry.msgid!r} ({where})")
    print(f"{CATALOGUE.name}: {len(po.translated_entries())} translated, {len(pending)} pending")
    return 1 if pending else 0


def apply(path):
    table = json.loads(Path(path).read_text(encoding="utf-8"))
    po = polib.pofile(str(CATALOGUE))
    done = 0
    for entry in po:
        if entry.msgid not in table:
            continue
        value = table[entry.msgid]
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(value))
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        done += 1
    po.metadata_is_fuzzy = False
    po.metadata.update({"Project-Id-Version": "project-office", "Language": "ru",
                        "Language-Team": "Russian", "Last-Translator": "Project office team"})
    po.save()
    print(f"applied {done} of {len(table)}")
    return 0


def missing():
    po = polib.pofile(str(CATALOGUE))
    out = {e.msgid: (["", "", "", ""] if e.msgid_plural else "") for e in _pending(po)}
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    sys.exit({"check": check, "missing": missing}.get(command, lambda: apply(sys.argv[2]))())
