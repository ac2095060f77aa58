"""Matching the headings of a Word card to the sections of the portal's card, by their words.

Headings vary from school to school, so they are matched by stems («проблемн…», «замысел»,
«срок», «цель», «задач», «результат», «продукт»…), never by their number or position. The
rules are tried in order (the more specific first); :func:`register_heading` adds more, e.g.
the extra questions of a call, before or after a given rule. :func:`map_blocks` turns the
reader's blocks into the values of a draft; every piece of text it cannot place is kept under
``unrecognised`` with its heading.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from initiatives.calls.headings import heading_matches
from initiatives.wordcard.reader import read_blocks


@dataclass(frozen=True)
class HeadingRule:
    key: str
    pattern: re.Pattern


CONTAINER = "container"  # a heading of a part («Содержание…», «Краткий план…»): no field
UNRECOGNISED = "unrecognised"

HEADINGS = [
    HeadingRule(UNRECOGNISED, re.compile(r"не\s+распознан")),
    HeadingRule("results_people", re.compile(
        r"изменени\w*\s+(в|у|для)\s+(педагог|люд|участник|учител|обучающ|дет|ученик|кадр|"
        r"команд|сотрудник)")),
    HeadingRule("results_process", re.compile(
        r"изменени\w*\s+(в|для)\s+(процесс|систем|организаци|деятельност|управлени)")),
    HeadingRule("main_product", re.compile(r"продукт")),
    HeadingRule("results", re.compile(r"результат")),
    HeadingRule("indicators", re.compile(r"показател|индикатор")),
    HeadingRule("leader", re.compile(r"руководител")),
    HeadingRule("team", re.compile(
        r"команд|состав\w*\s+(проектн\w*\s+)?групп|участники\s+проекта|исполнител|рабоч\w*\s+групп")),
    HeadingRule("strategy_goals", re.compile(r"стратеги|национальн\w*\s+проект|нацпроект")),
    HeadingRule("direction", re.compile(r"направлени")),
    HeadingRule("network", re.compile(r"^сеть\b|сеть,?\s+в\s+которой|сетев\w*\s+объединени")),
    HeadingRule("organisation", re.compile(
        r"образовательн\w*\s+(организаци|учреждени)|наименовани\w*\s+(оо|организаци|учреждени)"
        r"|^(организаци|учреждени)\w*$|^оо$")),
    HeadingRule("title", re.compile(r"названи|наименовани\w*\s+проект|^тема\b|тема\s+проекта")),
    HeadingRule("annotation", re.compile(r"аннотаци|краткое\s+описание|резюме")),
    HeadingRule("problem", re.compile(r"проблем|актуальност")),
    HeadingRule(CONTAINER, re.compile(r"содержани|\bплан\b|^раздел")),
    HeadingRule("idea", re.compile(r"замыс[её]?л|^иде[яи]\b|иде[яи]\s+проекта|концепци|суть\s+проекта")),
    HeadingRule("timeframe", re.compile(r"срок|период\w*\s+реализаци|продолжительност")),
    HeadingRule("goal", re.compile(r"^цел[ьи]\b|цел[ьи]\s+проекта")),
    HeadingRule("tasks", re.compile(r"задач")),
]

# What each key fills, as the preview names it.
LABELS = {
    "organisation": _("Organisation"),
    "title": _("Title"),
    "leader": _("Project leader"),
    "team": _("Team"),
    "annotation": _("Short annotation"),
    "problem": _("Problem analysis"),
    "idea": _("The idea"),
    "timeframe": _("Timeframe"),
    "goal": _("Goal"),
    "tasks": _("Tasks"),
    "results_people": _("Expected changes in people"),
    "results_process": _("Expected changes in the process"),
    "main_product": _("Main product"),
    "indicators": _("Target indicators"),
    "direction": _("Portfolio direction"),
    "strategy_goals": _("Alignment with the strategy and the national project"),
    "network": _("Network the initiative is born in"),
}
TEXT_KEYS = ("annotation", "problem", "idea", "goal", "results_people", "results_process",
             "main_product")
# a general «Результат» without parts fills the expected changes in people
ALIASES = {"results": "results_people"}


def register_heading(key, pattern, *, before=None):
    """Recognise one more heading (e.g. a call's extra question) as ``key``; with ``before``,
    tried before the rule of that key, else after all the others."""
    rule = HeadingRule(key, re.compile(pattern))
    index = next((i for i, r in enumerate(HEADINGS) if r.key == before), len(HEADINGS))
    HEADINGS.insert(index, rule)
    return rule


def normalise(text):
    text = (text or "").lower().replace("ё", "е")
    text = re.sub(r"^\s*\d{1,2}\s*[.)]\s*", "", text)
    text = re.sub(r"[«»\"'“”„.:;()\[\]]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def match(heading):
    """The key of a heading, or None."""
    text = normalise(heading)
    if not text:
        return None
    for rule in HEADINGS:
        if rule.pattern.search(text):
            return rule.key
    return None


def is_known(heading):
    return match(heading) is not None


# --- the values -------------------------------------------------------------------------

_ORGANISATION = re.compile(
    r"учреждени|школ|\bсош\b|\bоош\b|гимнази|лице[йя]|детск\w*\s+сад|\bдоу\b|центр|\bмбоу\b|"
    r"\bмаоу\b|\bмбу\b|\bмадоу\b|\bмбдоу\b|\bмау\b|\bмоу\b|\bмбоу\b|\bдо\b", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+7|\b8)?[\s(-]*\d{3,5}[\s)-]*\d{1,3}[\s-]?\d{2}[\s-]?\d{2}\b")
_LABEL = re.compile(r"\b(тел\.?|телефон|e-?mail|эл\.?\s*почта|почта)\s*:?\s*", re.I)
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|[·•\-–—*▪●])\s*")
_LEADER_MARK = " (руководитель проекта)"
_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_YEARS = re.compile(r"\b(20\d\d)\s*[-–—/]\s*(20\d\d)\b")
_MONTHS = ("январ", "феврал", "март", "апрел", "ма[йя]", "июн", "июл", "август", "сентябр",
           "октябр", "ноябр", "декабр")
_MONTH_YEAR = re.compile(r"\b(" + "|".join(_MONTHS) + r")\w*\s+(20\d\d)", re.I)


def looks_like_organisation(text):
    return bool(_ORGANISATION.search(text or ""))


def _balanced(text):
    depth = 0
    for char in text:
        depth += (char == "«") - (char == "»")
        if depth < 0:
            return False
    return depth == 0


def strip_quotes(text):
    """«Название» → Название (only quotes that enclose the whole text)."""
    text = text.strip().rstrip(".").strip()
    if text.startswith("«") and text.endswith("»") and _balanced(text[1:-1]):
        return text[1:-1].strip()
    return text


def parse_person(line):
    """{name, position, phone, email} of a line «Фамилия Имя Отчество, должность, телефон,
    e-mail» (any of them may be missing)."""
    line = line.replace(_LEADER_MARK.strip(), "").replace("()", "").strip()
    name = ""
    if line.startswith("[") and "]" in line:  # «[ФИО удалено]»: a name left out on purpose
        name, line = line[: line.index("]") + 1], line[line.index("]") + 1:]
    email = _EMAIL.search(line)
    line = _EMAIL.sub("", line)
    phone = _PHONE.search(line)
    line = _PHONE.sub("", line)
    line = _LABEL.sub("", line)
    if name:
        rest = line
    else:
        parts = re.split(r",|\s[–—-]\s", line, maxsplit=1)
        name, rest = parts[0], parts[1] if len(parts) > 1 else ""
    position = ", ".join(p.strip() for p in rest.split(",") if p.strip(" ,;.-–—"))
    name = name.strip(" ,;-–—")
    if name.endswith(".") and not re.search(r"\b\w\.$", name):  # keep the dot of «П. П.»
        name = name[:-1].strip()
    return {"name": name[:300], "position": position.strip(" ,;")[:300],
            "phone": phone.group(0).strip()[:50] if phone else "",
            "email": email.group(0)[:254] if email else ""}


def _month_end(year, month):
    first_next = datetime.date(year + month // 12, month % 12 + 1, 1)
    return first_next - datetime.timedelta(days=1)


def parse_period(text):
    """(start, end) dates of a timeframe written as «01.09.2021 — 31.05.2022», «сентябрь 2021 —
    май 2022» or «2021-2022 учебный год» (1 September to 31 August), or (None, None)."""
    dates = []
    for d, m, y in _DATE.findall(text):
        try:
            dates.append(datetime.date(int(y), int(m), int(d)))
        except ValueError:
            return None, None
    if len(dates) == 2 and dates[0] <= dates[1]:
        return dates[0], dates[1]
    months = _MONTH_YEAR.findall(text)
    if len(months) == 2:
        (m1, y1), (m2, y2) = months
        n1 = next(i for i, s in enumerate(_MONTHS, 1) if re.match(s, m1.lower()))
        n2 = next(i for i, s in enumerate(_MONTHS, 1) if re.match(s, m2.lower()))
        start, end = datetime.date(int(y1), n1, 1), _month_end(int(y2), n2)
        return (start, end) if start <= end else (None, None)
    years = _YEARS.search(text)
    if years and int(years.group(2)) == int(years.group(1)) + 1:
        return datetime.date(int(years.group(1)), 9, 1), datetime.date(int(years.group(2)), 8, 31)
    return None, None


_INDICATOR = re.compile(r"^(?P<name>.+),\s*(?P<unit>[^,:]+):\s*(?P<baseline>[\d\s.,—-]+?)\s*→\s*"
                        r"(?P<target>[\d\s.,]+?)\s*(?:\((?P<period>[^)]*)\))?\s*$")


def parse_indicator(line):
    """{name, unit, baseline, target, period} of «name, unit: baseline → target (period)»."""
    m = _INDICATOR.match(line.strip())
    if not m:
        return None

    def number(text):
        text = text.strip().replace(" ", "").replace(",", ".")
        if text in ("", "—", "-"):
            return None
        try:
            return str(float(text)) if text.count(".") <= 1 else None
        except ValueError:
            return None

    target = number(m.group("target"))
    if target is None:
        return None
    return {"name": m.group("name").strip()[:500], "unit": m.group("unit").strip()[:50],
            "baseline": number(m.group("baseline")), "target": target,
            "period": (m.group("period") or "").strip()[:100]}


def _list_items(lines):
    out = []
    for line in lines:
        for part in line.split(";") if ";" in line and not _LIST_MARK.match(line) else [line]:
            part = _LIST_MARK.sub("", part).strip()
            if part:
                out.append(part)
    return out


def empty_card():
    return {
        "organisation_text": "", "title": "", "leader": None, "team": [],
        **{key: "" for key in TEXT_KEYS},
        "timeframe_text": "", "starts_on": None, "ends_on": None, "tasks": [],
        "indicators": [], "direction_text": "", "strategy_goals_text": [], "network_text": "",
        "unrecognised": [], "extra": [], "headings": {},
    }


def _unplaced(card, heading, text):
    if (text or "").strip() or (heading or "").strip():
        card["unrecognised"].append({"heading": heading or "", "text": (text or "").strip()})


def map_blocks(blocks):
    """The values of a draft from the reader's blocks (a JSON-ready dict)."""
    card = empty_card()
    for index, block in enumerate(blocks):
        key = match(block.heading) if block.heading else None
        key = ALIASES.get(key, key)
        text = block.text.strip()
        if block.heading is None or (index == 0 and key == "idea" and _is_document_title(block)):
            _preamble(card, block.lines)
            continue
        if key is not None:
            card["headings"].setdefault(key, []).append(block.heading)
        if key is None:
            if not text and looks_like_organisation(block.heading) and \
                    not card["organisation_text"]:
                card["organisation_text"] = strip_quotes(block.heading)
            else:
                _unplaced(card, block.heading, text)
        elif key == UNRECOGNISED:
            _unplaced(card, "", text)
        elif key == CONTAINER:
            if text:
                _unplaced(card, block.heading, text)
        else:
            _place(card, key, block, text)
    return card


def _is_document_title(block):
    """The first line «Проектный замысел» names the form, it is not the idea's section: its
    text is then what comes before the first item (the organisation)."""
    return normalise(block.heading) in ("проектный замысел", "проектная инициатива",
                                        "проектная идея", "замысел проекта")


def _preamble(card, lines):
    for line in lines:
        line = _LIST_MARK.sub("", line).strip()
        if looks_like_organisation(line) and not card["organisation_text"]:
            card["organisation_text"] = strip_quotes(line)
        else:
            _unplaced(card, "", line)


def _place(card, key, block, text):
    if key in TEXT_KEYS:
        card[key] = f"{card[key]}\n{text}".strip() if card[key] else text
    elif key in ("title", "organisation"):
        field = "title" if key == "title" else "organisation_text"
        if card[field] or not text:
            _unplaced(card, block.heading, text)
        else:
            card[field] = strip_quotes(" ".join(block.lines))[:500]
    elif key == "leader":
        if card["leader"] is None and text:
            card["leader"] = parse_person(" ".join(block.lines))
        else:
            _unplaced(card, block.heading, text)
    elif key == "team":
        for line in _list_items(block.lines):
            person = parse_person(line)
            if not person["name"]:
                _unplaced(card, block.heading, line)
            elif _LEADER_MARK.strip() in line and card["leader"] is None:
                card["leader"] = person
            else:
                card["team"].append({"name": person["name"], "position": person["position"]})
    elif key == "tasks":
        card["tasks"].extend(_list_items(block.lines))
    elif key == "timeframe":
        start, end = parse_period(text)
        if start is None or card["starts_on"]:
            _unplaced(card, block.heading, text)
        else:
            card["timeframe_text"] = text
            card["starts_on"], card["ends_on"] = start.isoformat(), end.isoformat()
    elif key == "indicators":
        for line in _list_items(block.lines):
            indicator = parse_indicator(line)
            if indicator is None:
                _unplaced(card, block.heading, line)
            else:
                card["indicators"].append(indicator)
    elif key == "direction":
        card["direction_text"] = text
    elif key == "strategy_goals":
        card["strategy_goals_text"].extend(_list_items(block.lines))
    elif key == "network":
        card["network_text"] = text
    elif text:  # a heading registered later (e.g. a call's question): kept under its key
        card["extra"].append({"key": key, "heading": block.heading, "text": text})


def read_card(source, *, question_labels=()):
    """Read a DOCX into the values of a draft. ``question_labels`` (a call's own questions)
    are recognised as headings after the seed's sections, never instead of them; their text
    stays unrecognised here and goes to the answers when the card is confirmed."""
    labels = list(question_labels)

    def known(heading):
        return is_known(heading) or any(heading_matches(heading, label) for label in labels)

    return map_blocks(read_blocks(source, is_known=known if labels else is_known))


__all__ = ["HEADINGS", "LABELS", "map_blocks", "match", "read_card", "register_heading"]
