from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistryImport(models.Model):
    """One confirmed import of a registry file: what it brought in, who and when."""

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    rows_new = models.PositiveIntegerField(_("new rows"), default=0)
    rows_matched = models.PositiveIntegerField(_("rows already in the registry"), default=0)
    rows_error = models.PositiveIntegerField(_("rows with errors"), default=0)
    initiatives_created = models.PositiveIntegerField(_("initiatives created"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.file_name
