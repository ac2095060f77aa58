from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from accounts.enums import FileKind


def attachment_path(instance, filename):
    """Files live under MEDIA_ROOT/initiatives/<id>/ with a sanitised, unique name."""
    return f"initiatives/{instance.initiative_id}/{filename}"


class Attachment(ChoiceLabelsMixin, models.Model):
    """A file attached to an initiative. It is served only through a permission-checking view."""

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("initiative"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=16, choices=FileKind.choices)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("initiatives:attachment", kwargs={"pk": self.pk})
