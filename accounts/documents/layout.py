"""What every official document shares (ГОСТ Р 7.0.97): the requisites of its head, the
approval stamp, the signature block with «И.О. Фамилия», the date «дд.мм.гггг», the margins.

A document's builder makes one :class:`DocumentHead` and hands it, as ``doc``, to its template
(which extends ``documents/base.html``); the PDF and the DOCX both read the head from there, so
both carry the same requisites. Words of the layout are lazy translations: they take the
portal's language when the PDF or the DOCX is rendered (both in ``settings.LANGUAGE_CODE``).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# Margins of every page, in millimetres (ГОСТ Р 7.0.97: left 20, right 10, top and bottom 20).
MARGINS_MM = {"top": 20, "right": 10, "bottom": 20, "left": 20}

_INITIAL = re.compile(r"^(?:[^\W\d_]\.)+(?:-[^\W\d_]\.)*$")  # «А.», «А.Б.», «А.-М.»


def _initial(name: str) -> str:
    """«Мария» → «М.»; a hyphenated name keeps both letters: «Анна-Мария» → «А.-М.»."""
    parts = [p for p in name.split("-") if p]
    return "-".join(f"{p[0].upper()}." for p in parts)


def signature_name(last_name: str = "", first_name: str = "", patronymic: str = "") -> str:
    """«И.О. Фамилия», the way a signature block and a stamp name a person (ГОСТ Р 7.0.97):
    («Соколова», «Мария», «Викторовна») → «М.В. Соколова»; a surname alone stays as it is;
    hyphenated names keep the hyphen (surname «Иванова-Петрова», name «Анна-Мария» → «А.-М.»)."""
    last_name, first_name, patronymic = ((v or "").strip() for v in (last_name, first_name,
                                                                    patronymic))
    initials = "".join(_initial(p) for p in (first_name, patronymic) if p)
    if not last_name:
        return initials
    return f"{initials} {last_name}" if initials else last_name


def signature_name_of_text(text: str) -> str:
    """The same for a name typed as text: «Соколова Мария Викторовна», «Соколова М. В.»,
    «Соколова М.В.» and «М.В. Соколова» all give «М.В. Соколова»; one word stays as it is."""
    words = (text or "").split()
    if len(words) < 2:
        return "".join(words)
    initials = [w for w in words if _INITIAL.match(w)]
    if initials:
        others = " ".join(w for w in words if not _INITIAL.match(w))
        return f"{''.join(initials)} {others}".strip()
    last, first, *rest = words
    return signature_name(last, first, " ".join(rest))


def person_signature_name(person) -> str:
    """«И.О. Фамилия» of a portal user (``None`` → empty)."""
    if person is None:
        return ""
    if not person.last_name:
        return person.username
    return signature_name(person.last_name, person.first_name, person.patronymic)


def document_date(value) -> str:
    """«дд.мм.гггг» (a datetime in the local time zone), empty for none."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return value.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class Signature:
    """One line of the signature block: «position — signature — И.О. Фамилия»."""

    position: str
    name: str


@dataclass(frozen=True)
class Stamp:
    """The approval stamp in the top right corner of page 1. Either «УТВЕРЖДАЮ» with the
    approver's position, a line for the signature, «И.О. Фамилия» and the date, or
    «УТВЕРЖДЁН(О)» with the approving document («протоколом заседания … от дд.мм.гггг № N»)."""

    word: str
    lines: tuple[str, ...] = ()
    name: str = ""  # «И.О. Фамилия» beside the signature line (the first form only)
    date: str = ""

    @property
    def signed(self) -> bool:
        return bool(self.name)


def approver_stamp(*, position: str, name: str, date=None) -> Stamp:
    """«УТВЕРЖДАЮ / position / ________ И.О. Фамилия / дд.мм.гггг»."""
    return Stamp(word=_("APPROVE"), lines=(position,), name=name, date=document_date(date))


def approved_by_stamp(*, document: str, date, number: str, word=None) -> Stamp:
    """«УТВЕРЖДЁН / протоколом заседания проектного комитета / от дд.мм.гггг № N»; ``word``
    agrees with the document's kind (by default «УТВЕРЖДЁН»: паспорт, отчёт)."""
    word = word if word is not None else _("APPROVED")
    line = format_lazy(_("of {date} No. {number}"), date=document_date(date), number=number)
    return Stamp(word=word, lines=(document, line))


@dataclass(frozen=True)
class DocumentHead:
    """The requisites of an official document, in the order they stand on page 1."""

    body: str  # the body's name (the office's identity)
    office: str  # the office's name, under the body's
    kind: str  # ПРОТОКОЛ, ЗАКЛЮЧЕНИЕ, ОТЧЁТ …
    date: str  # «дд.мм.гггг»
    number: str  # the registration number, without «№»
    title: str  # the heading to the text
    place: str = ""  # the town the document is made in
    area: str = ""  # «municipality, region»
    stamp: Stamp | None = None
    signatures: tuple[Signature, ...] = field(default_factory=tuple)
    file_stem: str = "document"  # the download's name without the extension

    @property
    def number_line(self) -> str:
        return f"№\u00a0{self.number}" if self.number else ""


def document_head(identity, *, kind: str, date, number: str, title: str, stamp=None,
                  signatures=(), file_stem="document") -> DocumentHead:
    """The head of a document of the office ``identity`` (:class:`OfficeIdentity`)."""
    return DocumentHead(
        body=identity.body_display, office=identity.office_display, area=identity.area_display,
        place=identity.place_name, kind=kind, date=document_date(date), number=number or "",
        title=title, stamp=stamp, signatures=tuple(s for s in signatures if s is not None),
        file_stem=file_stem,
    )
