from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from meetings.enums import ActivityKind, ActivityStatus, WorkPlanStatus


class WorkPlan(ChoiceLabelsMixin, models.Model):
    """The office's work plan for a calendar year, approved by a meeting's decision."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(_("status"), max_length=20, choices=WorkPlanStatus.choices,
                              default=WorkPlanStatus.DRAFT)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approval_basis = models.CharField(_("basis of approval"), max_length=300, blank=True)
    approved_by_decision = models.ForeignKey("meetings.Decision", on_delete=models.SET_NULL,
                                             null=True, blank=True, related_name="+",
                                             verbose_name=_("approved by the decision"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-year"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:plan", kwargs={"pk": self.pk})


class PlannedActivity(ChoiceLabelsMixin, models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="activities",
                             verbose_name=_("work plan"))
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices,
                            default=ActivityKind.MEETING)
    title = models.CharField(_("topic"), max_length=500)
    month = models.PositiveSmallIntegerField(
        _("month"), choices=[(m, m) for m in range(1, 13)])
    responsible = models.CharField(_("responsible"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActivityStatus.choices,
                              default=ActivityStatus.PLANNED)
    note = models.TextField(_("note"), blank=True)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="planned_activities",
                                verbose_name=_("meeting"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("updated by"))

    class Meta:
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")
        ordering = ["plan", "month", "pk"]

    def __str__(self):
        return self.title
