from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.enums import ExpertAssignmentStatus


class ExpertAssignment(models.Model):
    """An expert asked to review an initiative. The expertise issue extends it."""

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="expert_assignments",
        verbose_name=_("initiative"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_assignments",
        verbose_name=_("expert"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ExpertAssignmentStatus.choices,
        default=ExpertAssignmentStatus.PROPOSED,
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        ordering = ["initiative", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "expert"], name="initiatives_one_assignment_per_expert"
            )
        ]
        indexes = [models.Index(fields=["expert", "status"], name="assignment_expert_status")]

    def __str__(self):
        return f"{self.expert} → {self.initiative}"
