from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from meetings.enums import DecisionKind


class Decision(ChoiceLabelsMixin, models.Model):
    """A decision on an agenda item. Decisions on initiatives and plans are carried out once,
    when the minutes are approved (``meetings.services.approve_minutes``)."""

    item = models.ForeignKey("meetings.AgendaItem", on_delete=models.CASCADE,
                             related_name="decisions", verbose_name=_("agenda item"))
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    text = models.TextField(_("text of the decision"))
    executed_at = models.DateTimeField(_("carried out at"), null=True, blank=True)
    executed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("carried out by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["item", "pk"]

    def __str__(self):
        return self.text[:100]


class DecisionTask(models.Model):
    """What an «other» decision asks somebody to do, tracked until done."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="task",
                                    verbose_name=_("decision"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="decision_tasks", verbose_name=_("owner"))
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("task of a decision")
        verbose_name_plural = _("tasks of decisions")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["done_at", "due_on"], name="decision_task_open")]

    def __str__(self):
        return str(self.decision)
