from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoAnchor(models.Model):
    """The day a database was first seeded with the demo: ``seed_demo`` writes the current
    academic year relative to it, and a rerun reads it back instead of today (so it adds
    nothing). One row at most."""

    seeded_on = models.DateField(_("demo seeded on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo anchor date")
        verbose_name_plural = _("demo anchor dates")

    def __str__(self):
        return self.seeded_on.strftime("%d.%m.%Y")
