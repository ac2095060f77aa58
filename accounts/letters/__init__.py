"""Letters the office words: a registry of the kinds of letter, the office's templates, the renderer.

Every app registers its kinds in its ``AppConfig.ready()``::

    letters.register(letters.LetterKind(
        key="invitation", label=_("Invitation to the portal"), group=_("People and roles"),
        subject_template="accounts/email/invitation_subject.txt",
        body_template="accounts/email/invitation.txt",
        placeholders={"name": _("the person's name"), "link": _("the link")},
        required=("link",), token_context=..., sample=...))

The default text stays the Django template named by the kind (translated by ``gettext``); the
office's text, when it has one, is a plain text with placeholders written ``{name}``. A letter is
sent through :func:`render`: the office's text filled with the values if it exists, else the
default template rendered with the sender's context.

Placeholders are written ``{name}``; a name that the kind does not offer is refused with the list
of valid ones, and the placeholders a letter cannot work without (the link, the deadline) cannot be
removed. The letter is text; its HTML alternative (:func:`html_of`) escapes everything.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import linebreaks_filter
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import AuditAction
from accounts.models import LetterTemplate, User

PLACEHOLDER = re.compile(r"\{([^{}\n]{0,60})\}")
SUBJECT_MAX = 300
BODY_MAX = 20000


@dataclass(frozen=True)
class LetterKind:
    key: str
    label: str
    subject_template: str
    body_template: str
    placeholders: dict  # name → what it stands for (lazy text)
    required: tuple = ()
    group: str = ""
    # the default template's context with each placeholder in place of its value: the text the
    # office starts from when it words the letter
    token_context: Callable[[dict], dict] = field(default=lambda tokens: tokens)
    # {placeholder: value} from real data of the portal (a real card, a real notification) for the
    # preview, or None when the portal has nothing of the kind yet
    sample: Callable[[], dict | None] = field(default=lambda: None)

    def example(self):
        return self.sample() or {name: f"«{label}»" for name, label in self.placeholders.items()}


class Number(int):
    """A number that prints as a placeholder, for a ``token_context``: the default text's plural
    forms need a number, the office's text starts from ``{count}``."""

    def __new__(cls, value, token):
        number = super().__new__(cls, value)
        number.token = token
        return number

    def __str__(self):
        return self.token


KINDS: dict[str, LetterKind] = {}


def register(kind: LetterKind):
    """Add a kind of letter (from an app's ``ready()``); registering a key again replaces it."""
    KINDS[kind.key] = kind
    return kind


def get(key) -> LetterKind | None:
    return KINDS.get(key)


def kinds():
    return sorted(KINDS.values(), key=lambda k: (str(k.group), str(k.label)))


def names_in(text):
    return [m.group(1).strip() for m in PLACEHOLDER.finditer(text or "")]


def fill(text, values):
    """Put the values in place of ``{name}``; a name without a value stays as written."""
    def one(match):
        name = match.group(1).strip()
        return str(values[name]) if name in values and values[name] is not None else match.group(0)
    return PLACEHOLDER.sub(one, text or "")


def html_of(body):
    """The HTML alternative of a text letter: every character the office or a team wrote is
    escaped, paragraphs and line breaks kept."""
    return linebreaks_filter(body, autoescape=True)


def check(kind: LetterKind, *, subject, body):
    """{field: message} of what is wrong with the office's text; empty when it is fine."""
    valid = ", ".join(f"{{{name}}}" for name in kind.placeholders)
    errors = {}
    for name, text in (("subject", subject), ("body", body)):
        unknown = sorted({n for n in names_in(text) if n not in kind.placeholders})
        if unknown:
            errors[name] = _("Unknown placeholder %(names)s. Valid placeholders: %(valid)s.") % {
                "names": ", ".join(f"{{{n}}}" for n in unknown), "valid": valid}
    used = set(names_in(subject)) | set(names_in(body))
    missing = [n for n in kind.required if n not in used]
    if missing and "body" not in errors:
        errors["body"] = _("The letter cannot work without %(names)s: put it back in the text.") % {
            "names": ", ".join(f"{{{n}}}" for n in missing)}
    return errors


def default_text(kind: LetterKind):
    """(subject, body) of the default letter with the placeholders in place of the values."""
    tokens = {name: f"{{{name}}}" for name in kind.placeholders}
    with translation.override(settings.LANGUAGE_CODE):
        context = kind.token_context(tokens)
        subject = render_to_string(kind.subject_template, context)
        body = render_to_string(kind.body_template, context)
    return " ".join(subject.split()), body.strip()


def office_template(key):
    return LetterTemplate.objects.filter(kind=key).first()


def office_templates(keys):
    """{key: the office's template} of the kinds ``keys`` the office worded, in one query."""
    return {row.kind: row for row in LetterTemplate.objects.filter(kind__in=list(keys))}


_LOOK_UP = object()


def render(key, *, values, context, worded=_LOOK_UP):
    """(subject, body, html or None) of one letter of kind ``key``: the office's text filled with
    ``values`` if the office worded it, else the default template rendered with ``context``.
    ``worded``: the office's template already read (None: none), to send many in one query."""
    kind = KINDS[key]
    if worded is _LOOK_UP:
        worded = office_template(key)
    if worded is not None:
        body = fill(worded.body, values)
        return " ".join(fill(worded.subject, values).split()), body, html_of(body)
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(kind.subject_template, context)
        body = render_to_string(kind.body_template, context)
    return " ".join(subject.split()), body, None


# --- domain functions ------------------------------------------------------------------------


@transaction.atomic
def save_template(key, *, subject, body, by: User) -> LetterTemplate:
    """Store the office's wording of a kind of letter, after :func:`check`."""
    kind = KINDS.get(key)
    if kind is None:
        raise ValidationError(_("There is no such kind of letter."))
    subject = " ".join((subject or "").replace("\x00", "").split())[:SUBJECT_MAX]
    body = (body or "").replace("\x00", "").replace("\r\n", "\n").strip()[:BODY_MAX]
    errors = check(kind, subject=subject, body=body)
    if not subject:
        errors.setdefault("subject", _("Write the subject of the letter."))
    if not body:
        errors.setdefault("body", _("Write the text of the letter."))
    if errors:
        raise ValidationError(errors)
    row, created = LetterTemplate.objects.select_for_update().get_or_create(
        kind=key, defaults={"subject": subject, "body": body, "updated_by": by})
    if not created:
        if (row.subject, row.body) == (subject, body):
            return row
        row.subject, row.body, row.updated_by = subject, body, by
        row.save()
    audit.record(row, actor=by, action=AuditAction.CREATED if created else AuditAction.UPDATED,
                 to_value=str(kind.label), comment=subject)
    return row


@transaction.atomic
def reset_template(key, *, by: User) -> bool:
    """Go back to the default text of a kind of letter. Returns whether there was a wording."""
    row = LetterTemplate.objects.select_for_update().filter(kind=key).first()
    if row is None:
        return False
    kind = KINDS.get(key)
    audit.record(row, actor=by, action=AuditAction.DELETED,
                 from_value=str(kind.label) if kind else key, comment=row.subject)
    row.delete()
    return True
