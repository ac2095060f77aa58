"""Word-by-word comparison of two frozen versions, section by section."""

from accounts.diff import tokens, word_diff
from initiatives.sections import SECTIONS

__all__ = ["compare", "tokens", "word_diff"]


def compare(old_version, new_version):
    """[(section label, changed?, html)] for every section of the card."""
    old = (old_version.snapshot or {}).get("sections", {}) if old_version else {}
    new = (new_version.snapshot or {}).get("sections", {})
    rows = []
    for section in SECTIONS:
        before, after = old.get(section.key, ""), new.get(section.key, "")
        rows.append((section.label, before != after, word_diff(before, after)))
    # the call's own questions, matched by their lineage (a new version of a question keeps it)
    old_answers = {a["key"]: a["text"] for a in (old_version.snapshot or {}).get("answers", [])} \
        if old_version else {}
    for answer in (new_version.snapshot or {}).get("answers", []):
        before, after = old_answers.get(answer["key"], ""), answer["text"]
        rows.append((answer["label"], before != after, word_diff(before, after)))
    return rows
