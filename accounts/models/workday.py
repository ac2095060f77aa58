from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkdayCorrection(models.Model):
    """The office's correction of the production calendar for one day: a working day the
    library does not know of (a moved working Saturday), or a day off it does not know of."""

    day = models.DateField(_("day"), unique=True)
    is_working = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("changed by"))
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("correction of the production calendar")
        verbose_name_plural = _("corrections of the production calendar")
        ordering = ["-day"]

    def __str__(self):
        return self.day.strftime("%d.%m.%Y")
