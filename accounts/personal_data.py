"""Personal data under 152-ФЗ: consent, the export of a person's data, anonymisation.

Other apps add their part of a person's data without this module knowing them::

    from accounts.personal_data import DataPart, register_exporter

    def export_reviews(person):
        return DataPart("initiatives-reviews", [...], files=[("review-5.pdf", review.file)])

    register_exporter(export_reviews)   # in the app's AppConfig.ready()

and, if they keep personal fields of their own, ``register_anonymiser(callable(person))``.
"""

import io
import json
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import AuditAction
from accounts.errors import DomainError
from accounts.models import AuditRecord, Consent, User

SESSION_KEY = "consent_version"


# --- consent -----------------------------------------------------------------------------


def consent_text():
    """The consent text of the current version, in the language of the request."""
    return render_to_string("accounts/consent_text.txt").strip()


def has_consent(person):
    return Consent.objects.filter(person=person, version=settings.CONSENT_VERSION).exists()


@transaction.atomic
def give_consent(person: User, *, text: str, ip_address: str | None = None) -> Consent:
    """Record that the person accepted the current text; ``text`` is exactly what they were shown."""
    if not text.strip():
        raise DomainError(_("The consent text is missing."))
    consent, created = Consent.objects.get_or_create(
        person=person,
        version=settings.CONSENT_VERSION,
        defaults={"text": text, "ip_address": ip_address},
    )
    if created:
        audit.record(person, actor=person, action=AuditAction.CONSENT_GIVEN,
                     to_value=settings.CONSENT_VERSION)
    return consent


# --- export --------------------------------------------------------------------------------


@dataclass
class DataPart:
    """One app's share of a person's data: JSON-ready ``data`` and files as (name, file)."""

    name: str
    data: object
    files: list = field(default_factory=list)


_EXPORTERS = []
_ANONYMISERS = []


def register_exporter(exporter):
    """``exporter(person)`` returns a :class:`DataPart` or a list of them."""
    if exporter not in _EXPORTERS:
        _EXPORTERS.append(exporter)
    return exporter


def register_anonymiser(anonymiser):
    """``anonymiser(person)`` clears the app's own personal fields of a person who left."""
    if anonymiser not in _ANONYMISERS:
        _ANONYMISERS.append(anonymiser)
    return anonymiser


def _audit_line(line):
    return {
        "at": line.at,
        "action": line.action,
        "object_type": line.content_type.model,
        "object": line.object_repr,
        "from": line.from_value,
        "to": line.to_value,
        "comment": line.comment,
    }


@register_exporter
def export_account(person):
    profile = {
        "login": person.username,
        "last_name": person.last_name,
        "first_name": person.first_name,
        "patronymic": person.patronymic,
        "email": person.email,
        "phone": person.phone,
        "date_joined": person.date_joined,
        "last_login": person.last_login,
        "roles": sorted(person.role_codes),
    }
    user_type = ContentType.objects.get_for_model(User)
    return [
        DataPart("profile", profile),
        DataPart("consents", list(person.consents.values("version", "text", "given_at", "ip_address"))),
        DataPart(
            "notifications",
            list(person.notifications.values("kind", "title", "body", "url", "created_at", "read_at")),
        ),
        DataPart(
            "notification-settings", dict(person.notification_preferences.values_list("kind", "channel"))
        ),
        DataPart(
            "history-about-me",
            [_audit_line(a) for a in AuditRecord.objects.filter(
                content_type=user_type, object_id=str(person.pk)).select_related("content_type")],
        ),
        DataPart(
            "my-actions",
            [_audit_line(a) for a in AuditRecord.objects.filter(actor=person)
             .select_related("content_type")],
        ),
    ]


def collect(person):
    parts = []
    for exporter in _EXPORTERS:
        result = exporter(person)
        parts.extend(result if isinstance(result, list | tuple) else [result])
    return parts


def build_export(person) -> bytes:
    """A ZIP: ``manifest.json``, ``data/<part>.json`` and ``files/<part>/<name>``."""
    parts = collect(person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        manifest = {
            "generated_at": timezone.now(),
            "person": person.full_name or person.username,
            "portal": settings.SITE_URL,
            "parts": [],
        }
        for part in parts:
            name = get_valid_filename(part.name)
            archive.writestr(f"data/{name}.json", _json(part.data))
            files = []
            for arcname, file in part.files:
                target = f"files/{name}/{get_valid_filename(arcname)}"
                with file.open("rb") as source:
                    archive.writestr(target, source.read())
                files.append(target)
            manifest["parts"].append({"name": name, "data": f"data/{name}.json", "files": files})
        archive.writestr("manifest.json", _json(manifest))
    return buffer.getvalue()


def _json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


@transaction.atomic
def export_personal_data(person: User, *, by: User) -> bytes:
    """The person's own data as a ZIP; the export is written to the audit trail."""
    if by.pk != person.pk:
        raise DomainError(_("A person downloads only their own data."))
    content = build_export(person)
    audit.record(person, actor=by, action=AuditAction.DATA_EXPORTED, data={"bytes": len(content)})
    return content


# --- anonymisation ------------------------------------------------------------------------------


def neutral_label(person):
    with translation.override(settings.LANGUAGE_CODE):
        return _("Participant %(number)s") % {"number": person.pk}


@transaction.atomic
def anonymise_person(person: User, *, by: User) -> User:
    """A person who left: name → «Участник N», contacts removed, sign-in closed.

    The row stays, so reviews, reports and history that point to it stay consistent.
    """
    if person.pk == by.pk:
        raise DomainError(_("You cannot anonymise yourself."))
    if person.username.startswith("anonymised-"):
        raise DomainError(_("This person is already anonymised."))
    label = neutral_label(person)
    person.last_name = label
    person.first_name = ""
    person.patronymic = ""
    person.email = ""
    person.phone = ""
    person.username = f"anonymised-{person.pk}-{get_random_string(8).lower()}"
    person.set_unusable_password()
    person.is_active = False
    person.save()
    person.notification_preferences.all().delete()
    person.notifications.all().delete()
    for anonymiser in _ANONYMISERS:
        anonymiser(person)
    # Lines about the person named them: keep the lines, replace the name.
    AuditRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(person.pk)
    ).update(object_repr=label)
    audit.record(person, actor=by, action=AuditAction.ANONYMISED)
    return person
