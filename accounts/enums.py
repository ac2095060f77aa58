from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeRole(models.TextChoices):
    """Roles the office grants as data. ``school_team`` is not here: it comes from a membership."""

    EXPERT = "expert", _("Expert")
    OFFICE_STAFF = "office_staff", _("Office staff")
    OFFICE_HEAD = "office_head", _("Office head")


class AuditAction(models.TextChoices):
    CREATED = "created", _("created")
    UPDATED = "updated", _("updated")
    DELETED = "deleted", _("deleted")
    STATE_CHANGED = "state_changed", _("state changed")
    STATE_FORCED = "state_forced", _("state forced by the office head")
    ROLE_GRANTED = "role_granted", _("role granted")
    ROLE_REVOKED = "role_revoked", _("role revoked")
    PROFILE_UPDATED = "profile_updated", _("profile updated")
    PASSWORD_CHANGED = "password_changed", _("password changed")
    MEMBERSHIP_ADDED = "membership_added", _("added to a team")
    MEMBERSHIP_ENDED = "membership_ended", _("left a team")
    DATA_EXPORTED = "data_exported", _("personal data exported")
    ANONYMISED = "anonymised", _("anonymised")


class FileKind(models.TextChoices):
    """File formats the portal accepts, recognised by content (see ``accounts.files``)."""

    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    PPTX = "pptx", "PPTX"
    ODT = "odt", "ODT"
    ODS = "ods", "ODS"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
