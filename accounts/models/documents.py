"""Registration numbers of official documents of the kinds that have no scheme of their own
(a sequence per kind and calendar year) and the PDF issued under each number.

The protocol (per school year) and the conclusion («N-ЭЗ/год») keep their own schemes; the
progress report, the final report and the passport get theirs here
(:func:`accounts.documents.numbers.issue_document`).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class DocumentSequence(models.Model):
    """The last number given to a document of ``kind`` in ``year``; the row is locked while the
    next number is taken, so concurrent issues get unique numbers in order."""

    kind = models.CharField(_("kind of document"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("document number sequence")
        verbose_name_plural = _("document number sequences")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="document_sequence_per_year"),
        ]

    def __str__(self):
        return f"{self.kind} {self.year}: {self.last}"


def issued_document_path(instance, filename):
    return f"documents/{instance.kind}/{instance.year}/{filename}"


class IssuedDocument(models.Model):
    """One official document that got its registration number, and its PDF once built."""

    kind = models.CharField(_("kind of document"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial number"))
    number = models.CharField(_("registration number"), max_length=40)
    issued_on = models.DateField(_("issued on"))
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("issued by"))
    pdf = models.FileField(_("PDF"), upload_to=issued_document_path, blank=True, max_length=300)
    pdf_built_at = models.DateTimeField(_("PDF built at"), null=True, blank=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["kind", "year", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "serial"],
                                    name="issued_document_serial_unique"),
            models.UniqueConstraint(fields=["content_type", "object_id", "kind"],
                                    name="issued_document_one_per_object"),
        ]

    def __str__(self):
        return gettext("No. %(number)s of %(date)s") % {
            "number": self.number, "date": f"{self.issued_on:%d.%m.%Y}"}
