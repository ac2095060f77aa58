"""The columns of a registry file and how one cell becomes a value of the card.

``accounts.tabular`` reads the file and matches headers by name in any order; here every column
also answers to its Russian and English names, so the portal's own registry export
(``initiatives/exports.py``) is a valid input in either language. Every parser takes the cell's
text and returns a value or raises ``CellError`` with the reason in Russian.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import tabular
from initiatives.enums import InitiativeState


def _column(key, label, aliases, required=False):
    """A column of ``accounts.tabular`` that also answers to its other names: the export's
    header in the other language, the words offices use in their own registers."""
    return tabular.Column(key=key, label=label, required=required, aliases=aliases)


COLUMNS = (
    _column("title", gettext_lazy("Title"), ("title", "название", "наименование",
                                              "название проекта", "название инициативы"), True),
    _column("organisation", gettext_lazy("Organisation"),
            ("organisation", "organization", "организация", "оо",
             "образовательная организация"), True),
    _column("direction", gettext_lazy("Direction"), ("direction", "направление")),
    _column("academic_year", gettext_lazy("Academic year"), ("academic year", "учебный год"),
            True),
    _column("state", gettext_lazy("State"), ("state", "состояние", "статус"), True),
    _column("leader", gettext_lazy("Project leader"),
            ("project leader", "руководитель проекта", "руководитель")),
    _column("starts_on", gettext_lazy("Starts on"), ("starts on", "дата начала", "начало")),
    _column("ends_on", gettext_lazy("Ends on"), ("ends on", "дата окончания", "окончание")),
    _column("submitted", gettext_lazy("Submitted"), ("submitted", "подана", "дата подачи")),
    _column("indicator", gettext_lazy("Indicator"),
            ("indicator", "показатель", "целевой показатель")),
    _column("unit", gettext_lazy("Unit"), ("unit", "единица", "единица измерения")),
    _column("planned", gettext_lazy("Planned value"),
            ("planned value", "плановое значение", "план")),
    _column("achieved", gettext_lazy("Achieved value"),
            ("achieved value", "достигнутое значение", "фактическое значение", "факт")),
    # columns of the portal's own export that an import has no use for
    _column("number", gettext_lazy("No."), ("no.", "№", "n")),
    _column("link", gettext_lazy("Link"), ("link", "ссылка")),
)
_SPACES = re.compile(r"\s+")


def normalise(text) -> str:
    """Case, «ё», quotes and runs of spaces aside: how names in a file are compared."""
    text = _SPACES.sub(" ", str(text or "")).strip().casefold().replace("ё", "е")
    return text.replace("«", '"').replace("»", '"').replace("“", '"').replace("”", '"')


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in Russian."""


def text(value, *, limit=500, label="") -> str:
    """A cell as plain text. A leading apostrophe the export put before = + - @ is taken off;
    anything else that looks like a formula stays text and is never evaluated."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = _SPACES.sub(" ", str(value).replace("\x00", "")).strip()
    if result[:1] == "'" and result[1:2] in ("=", "+", "-", "@"):
        result = result[1:]
    if len(result) > limit:
        raise CellError(_("%(column)s is longer than %(limit)s characters.")
                        % {"column": label, "limit": limit})
    return result


_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y")


def date(value, *, label):
    """A date written «дд.мм.гггг», ISO, or a date cell of a spreadsheet; empty gives None."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value, limit=40, label=label)
    if not raw:
        return None
    raw = raw.split(" ")[0]  # «01.09.2021 0:00:00» as some spreadsheets write it
    for fmt in _DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a plain date
        except ValueError:
            continue
        if 1990 <= day.year <= 2100:
            return day
    raise CellError(_("%(column)s: «%(value)s» is not a date; write it as dd.mm.yyyy.")
                    % {"column": label, "value": raw[:40]})


_YEAR = re.compile(r"^(\d{4})\s*[/\-–—]\s*(\d{2}|\d{4})$")


def academic_year(value, *, label) -> str:
    """«2021/2022» (also «2021-2022», «2021/22»); empty gives ""."""
    raw = text(value, limit=40, label=label)
    if not raw:
        return ""
    found = _YEAR.match(raw)
    if found:
        start, end = int(found[1]), found[2]
        end = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
        if end == start + 1 and 1990 <= start <= 2100:
            return f"{start}/{end}"
    raise CellError(_("%(column)s: «%(value)s» is not an academic year; write it as 2021/2022.")
                    % {"column": label, "value": raw[:40]})


def state_names():
    """Every way a file may name a state (code, label, translated label) → the state's code.
    Built once per file: a row only looks its cell up."""
    names = {}
    for state in InitiativeState:
        names[normalise(state.value)] = state.value
        names[normalise(state.label)] = state.value
        names[normalise(_(str(state.label)))] = state.value
    return names


def state(value, *, label, names) -> str:
    """A state of the lifecycle by its name as the registry shows it (or its code)."""
    raw = text(value, limit=100, label=label)
    if not raw:
        raise CellError(_("The state is empty."))
    found = names.get(normalise(raw))
    if found is None:
        raise CellError(
            _("«%(value)s» is not a state of an initiative. Possible: %(states)s.")
            % {"value": raw[:100], "states": ", ".join(str(s.label) for s in InitiativeState)})
    return found


def number(value, *, label):
    """A number with a comma or a point; empty gives None."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise CellError(_("%(column)s: «%(value)s» is not a number.")
                        % {"column": label, "value": value})
    if isinstance(value, int | float):
        value = repr(value)
    raw = text(value, limit=40, label=label).replace(" ", "").replace("\xa0", "")
    if not raw:
        return None
    try:
        result = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        result = None
    if result is None or not result.is_finite() or abs(result) >= Decimal(10) ** 12:
        raise CellError(_("%(column)s: «%(value)s» is not a number.")
                        % {"column": label, "value": raw[:40]})
    return result.quantize(Decimal("0.01"))
