from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CallExpertise(models.Model):
    """What the expertise of a call's cards uses: its review form (several forms may be in use
    at once, one per call) and the experts it draws on (all experts when none are named). It
    lives on the expertise side, so the call (``initiatives``) knows nothing of it."""

    call = models.OneToOneField("initiatives.Call", on_delete=models.CASCADE,
                                related_name="expertise", verbose_name=_("call"))
    review_form = models.ForeignKey("expertise.ReviewForm", on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="calls",
                                    verbose_name=_("review form"),
                                    help_text=_("Empty: the form in use of the office."))
    experts = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                     verbose_name=_("experts of the call"),
                                     help_text=_("Leave empty to draw on every expert."))

    class Meta:
        verbose_name = _("expertise of a call")
        verbose_name_plural = _("expertise of calls")

    def __str__(self):
        return str(self.call)
