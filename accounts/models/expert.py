from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from accounts.enums import ExpertPositionKind


class ExpertPosition(ChoiceLabelsMixin, models.Model):
    """One step of an expert's path: the position held since a date, and why it was given.

    The newest row is the current position; the rows together are its history. Written only by
    ``accounts.expertise.set_expert_position``.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_positions",
        verbose_name=_("expert"),
    )
    position = models.CharField(_("position"), max_length=32, choices=ExpertPositionKind.choices)
    since = models.DateField(_("since"))
    reason = models.TextField(_("reason"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("expert position")
        verbose_name_plural = _("expert positions")
        ordering = ["person", "-since", "-pk"]
        indexes = [models.Index(fields=["person", "-since"], name="accounts_position_person")]

    def __str__(self):
        return f"{self.person}: {self.get_position_display()} ({self.since:%d.%m.%Y})"
