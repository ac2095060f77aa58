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
    return rows
