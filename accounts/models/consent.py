from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    """A person's consent to the processing of personal data (152-ФЗ): the exact text shown."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("person"),
    )
    version = models.CharField(_("text version"), max_length=32)
    text = models.TextField(_("text shown"))
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent to personal data processing")
        verbose_name_plural = _("consents to personal data processing")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "version"], name="accounts_consent_once_per_version")
        ]

    def __str__(self):
        return f"{self.person}: {self.version} ({self.given_at:%d.%m.%Y})"
