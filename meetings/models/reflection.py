from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reflection(models.Model):
    """A participant's short reflection after a meeting (the office as a place of reflection)."""

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE,
                                related_name="reflections", verbose_name=_("meeting"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="meeting_reflections", verbose_name=_("person"))
    valuable = models.TextField(_("what was valuable"), blank=True)
    to_change = models.TextField(_("what to change"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating of the format"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        ordering = ["meeting", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="reflection_once"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5),
                                   name="reflection_rating_1_5"),
        ]

    def __str__(self):
        return f"{self.meeting} — {self.rating}"
