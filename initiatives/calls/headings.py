"""Matching a Word card's heading to a question's label by the stems of their words (a leaf
module: the Word card's reader uses it without loading the models)."""

import re

_WORD = re.compile(r"[a-zа-я0-9]+")


def stems(text):
    """The stems of the words of a heading: words of four letters and more, cut to five."""
    text = (text or "").lower().replace("ё", "е")
    return {w[:5] for w in _WORD.findall(text) if len(w) >= 4}


def heading_matches(heading, label):
    """A heading names a question when it holds most of the stems of its label."""
    wanted, found = stems(label), stems(heading)
    if not wanted or not found:
        return False
    return len(wanted & found) * 3 >= len(wanted) * 2 and len(found & wanted) * 2 >= len(found)
