from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from initiatives.enums import RegistryImportStatus


class RegistryImport(ChoiceLabelsMixin, models.Model):
    """One confirmed registry file: the rows it brings (kept until a worker writes them), its
    progress, and what it wrote."""

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    status = models.CharField(_("status"), max_length=16, choices=RegistryImportStatus.choices,
                              default=RegistryImportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    error = models.TextField(_("error"), blank=True)
    source_rows = models.JSONField(
        _("rows of the file"), default=list, blank=True,
        help_text=_("The rows as read, until the import is written; then emptied."))
    rows_new = models.PositiveIntegerField(_("new rows"), default=0)
    rows_matched = models.PositiveIntegerField(_("rows already in the registry"), default=0)
    rows_error = models.PositiveIntegerField(_("rows with errors"), default=0)
    initiatives_created = models.PositiveIntegerField(_("initiatives created"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("initiatives:registry_import_detail", kwargs={"pk": self.pk})
