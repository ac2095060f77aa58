from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from reports.enums import ReportKind, ReportStatus
from reports.scope import Scope


def report_path(instance, filename):
    return f"reports/{instance.kind}/{instance.pk}/{filename}"


class GeneratedReport(ChoiceLabelsMixin, models.Model):
    """A consolidated report somebody asked for: its parameters, its progress and its PDF.

    Built by a Celery task (never inside a request); every report is kept.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=ReportKind.choices)
    params = models.JSONField(_("parameters"), default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    error = models.TextField(_("reason of the failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("build attempts"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=report_path, blank=True)
    xlsx = models.FileField(_("XLSX"), upload_to=report_path, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("on the agenda as"),
    )
    approved_by_decision = models.ForeignKey(
        "meetings.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("approved by the decision"),
    )
    approval_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("approval recorded by"),
    )
    approval_recorded_at = models.DateTimeField(_("approval recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("generated report")
        verbose_name_plural = _("generated reports")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self):
        if self.kind == ReportKind.ANNUAL:
            return f"{self.get_kind_display()} {self.params.get('year', '')} (№ {self.pk})"
        return f"{self.get_kind_display()} № {self.pk}"

    def get_absolute_url(self):
        return reverse("reports:report", kwargs={"pk": self.pk})

    @property
    def parameters_label(self):
        """The parameters in words, from ``params`` alone (no queries): «2022 год» or
        «с 01.02.2022 по 30.06.2022; направление …; организация …; состояние …»."""
        try:
            scope = Scope.from_params(self.params)
        except (KeyError, TypeError, ValueError):
            return ""
        return "; ".join(f"{label}: {value}" for label, value in scope.describe())
