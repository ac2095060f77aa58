from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from initiatives.enums import ConclusionState, Recommendation


def conclusion_path(instance, filename):
    return f"conclusions/{instance.initiative_id}/{filename}"


class Conclusion(ChoiceLabelsMixin, models.Model):
    """The office's expert conclusion (экспертное заключение) on an initiative.

    Composed by office staff from the reviews, issued by the office head; issuing moves the
    initiative through the lifecycle and a Celery task renders the PDF into ``pdf``.
    """

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE,
                                   related_name="conclusions", verbose_name=_("initiative"))
    number = models.CharField(_("number"), max_length=32, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=ConclusionState.choices,
                             default=ConclusionState.DRAFT)
    summary = models.TextField(_("summary of the reviews"))
    recommendation = models.CharField(_("recommendation"), max_length=32,
                                      choices=Recommendation.choices)
    conditions = models.TextField(_("conditions"), blank=True)
    composed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+", verbose_name=_("composed by"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+", verbose_name=_("issued by"))
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=conclusion_path, blank=True, max_length=300)
    pdf_built_at = models.DateTimeField(_("PDF built at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        db_table = "initiatives_conclusion"
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        ordering = ["initiative", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=~models.Q(number=""),
                                    name="conclusion_number_unique"),
            models.UniqueConstraint(fields=["initiative"], condition=models.Q(state="draft"),
                                    name="conclusion_one_draft_per_initiative"),
        ]

    def __str__(self):
        return _("Conclusion No. %(number)s") % {"number": self.number or "—"}

    def get_absolute_url(self):
        return reverse("initiatives:detail", kwargs={"pk": self.initiative_id}) + "#conclusions"
