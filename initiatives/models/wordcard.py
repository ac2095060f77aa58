from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class WordCardImport(models.Model):
    """A Word card read and waiting for its person's confirmation.

    What the reader made of the file is kept here, on the server, between the preview and the
    confirmation; the page knows it only by ``token``. Nothing of the card exists as a draft
    until the person confirms; a confirmed or abandoned reading is deleted.
    """

    token = models.CharField(_("token"), max_length=64, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="+", verbose_name=_("read for"))
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", verbose_name=_("draft to fill"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    card = models.JSONField(_("what was read"), default=dict)
    created_at = models.DateTimeField(_("read at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Word card being imported")
        verbose_name_plural = _("Word cards being imported")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("initiatives:wordcard_preview", kwargs={"token": self.token})
