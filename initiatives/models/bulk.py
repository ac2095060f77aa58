from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from initiatives.enums import BulkJobStatus


class BulkJob(ChoiceLabelsMixin, models.Model):
    """One action over many initiatives (assign experts, change the state, a message to the
    teams): the cards chosen, the action's parameters, its progress and what became of each card
    (``results``: [{"id", "title", "ok", "reason"}])."""

    kind = models.CharField(_("action"), max_length=40)
    label = models.CharField(_("title"), max_length=300)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    initiative_ids = models.JSONField(_("initiatives"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=BulkJobStatus.choices,
                              default=BulkJobStatus.QUEUED)
    total = models.PositiveIntegerField(_("rows"), default=0)
    processed = models.PositiveIntegerField(_("rows processed"), default=0)
    done = models.PositiveIntegerField(_("rows done"), default=0)
    results = models.JSONField(_("results"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("started by"))
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("action over many initiatives")
        verbose_name_plural = _("actions over many initiatives")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("initiatives:bulk_job", kwargs={"pk": self.pk})

    @property
    def progress(self):
        return 100 if not self.total else min(100, self.processed * 100 // self.total)

    @property
    def refused(self):
        return self.processed - self.done
