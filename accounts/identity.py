"""The office's identity (:class:`~accounts.models.OfficeIdentity`): reading it and its one
domain function.

Pages read it through :func:`current`, which keeps it in Django's cache (without the logo's
bytes) so that the header and the footer cost no query; :func:`update_identity` drops the
cached copy at once and again after commit. With a per-process cache (``locmemcache``) another
process sees a change within ``CACHE_SECONDS``; with a shared cache (``CACHE_URL=rediscache``)
at once. Documents and letters built in Celery read it fresh (:func:`load`).
"""

import logging

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import AuditAction
from accounts.errors import DomainError
from accounts.logo import Logo, check_logo, data_uri
from accounts.models import OfficeIdentity
from accounts.models.identity import SINGLETON_ID

log = logging.getLogger(__name__)

CACHE_KEY = "accounts:office-identity:1"
CACHE_SECONDS = 300
TEXT_FIELDS = ("body_name", "office_name", "municipality", "region", "place_name", "address",
               "phone", "email", "website", "head_name", "head_position", "secretary_name",
               "secretary_position")


def load(*, with_logo=False) -> OfficeIdentity:
    """The identity as stored now (one query), or the neutral defaults if none is stored."""
    rows = OfficeIdentity.objects.filter(pk=SINGLETON_ID)
    if not with_logo:
        rows = rows.defer("logo")
    return rows.first() or OfficeIdentity()


def current() -> OfficeIdentity:
    """The identity for pages: from the cache, or loaded once and cached (no logo bytes).
    While the database cannot be reached, pages that need nothing else from it (the sign-in
    page, the error pages) still render, with the neutral defaults (not cached)."""
    identity = cache.get(CACHE_KEY)
    if identity is None:
        try:
            identity = load()
        except OperationalError as e:
            log.warning("the office's identity could not be read: %s", e)
            return OfficeIdentity()
        cache.set(CACHE_KEY, identity, CACHE_SECONDS)
    return identity


def forget() -> None:
    """Drop the cached copy; the next page loads the stored identity."""
    cache.delete(CACHE_KEY)


def remember_defaults() -> None:
    """Cache the neutral defaults without asking the database (an empty database has no row)."""
    cache.set(CACHE_KEY, OfficeIdentity(), CACHE_SECONDS)


def document_context() -> dict:
    """What every document gets: the stored identity and its logo as a ``data:`` URI."""
    identity = load(with_logo=True)
    logo = data_uri(identity.logo, identity.logo_type) if identity.has_logo else ""
    return {"identity": identity, "logo_uri": logo}


@transaction.atomic
def update_identity(actor, *, logo=None, remove_logo=False, **fields) -> OfficeIdentity:
    """Change the office's identity: any of ``TEXT_FIELDS``, a new ``logo`` (bytes, checked
    and sanitised by :func:`accounts.logo.check_logo`) or ``remove_logo``. ``actor`` is the
    person (``None`` for a management command). One audit record lists the changed fields;
    raises ``ValidationError`` (by field) and changes nothing if a value is wrong."""
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed here."))
    identity = (OfficeIdentity.objects.select_for_update().filter(pk=SINGLETON_ID).first()
                or OfficeIdentity(pk=SINGLETON_ID))
    before = {f: getattr(identity, f) for f in TEXT_FIELDS}
    for name, value in fields.items():
        setattr(identity, name, " ".join(str(value or "").split()))
    changed = [f for f in TEXT_FIELDS if getattr(identity, f) != before[f]]
    if logo is not None:
        try:
            checked = logo if isinstance(logo, Logo) else check_logo(bytes(logo))
        except ValidationError as e:
            raise ValidationError({"logo": e.messages}) from None
        if checked.version != identity.logo_version:
            identity.logo, identity.logo_type = checked.data, checked.content_type
            identity.logo_version = checked.version
            changed.append("logo")
    elif remove_logo and identity.logo_version:
        identity.logo, identity.logo_type, identity.logo_version = None, "", ""
        changed.append("logo")
    if not changed:
        return identity
    identity.full_clean()
    identity.save()
    labels = [str(OfficeIdentity._meta.get_field(f).verbose_name) for f in changed]
    audit.record(identity, actor=actor, action=AuditAction.IDENTITY_UPDATED,
                 comment=_("Changed: %(fields)s.") % {"fields": ", ".join(labels)}, data={
        "fields": changed,
        "before": {f: before[f] for f in changed if f != "logo"},
        "after": {f: getattr(identity, f) for f in changed if f != "logo"},
    })
    forget()
    transaction.on_commit(forget)
    return identity
