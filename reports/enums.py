from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    ANNUAL = "annual", _("Annual analytical report")
    ON_REQUEST = "on_request", _("Report on request")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    WAITING = "waiting", _("waiting for the background service")
    RUNNING = "running", _("being built")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class ReportAction(models.TextChoices):
    REQUESTED = "report_requested", _("report requested")
    BUILT = "report_built", _("report built")
    FAILED = "report_failed", _("report failed")
    RETRIED = "report_retried", _("report build retried")
    PUT_ON_AGENDA = "report_put_on_agenda", _("report put on a meeting's agenda")
    APPROVED = "report_approved", _("report approval recorded")
