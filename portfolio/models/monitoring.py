"""Monitoring of a project in progress: indicator plans and facts, reports, risks, changes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from accounts.enums import FileKind
from initiatives.enums import (
    ChangeKind,
    ChangeStatus,
    Level,
    ReviewStatus,
    RiskStatus,
)
from portfolio.passport.enums import PassportSection

_USER = settings.AUTH_USER_MODEL


def evidence_path(instance, filename):
    return f"initiatives/{instance.indicator.initiative_id}/evidence/{filename}"


class IndicatorPlan(models.Model):
    """The value an indicator should reach by the end of one reporting period."""

    indicator = models.ForeignKey(
        "initiatives.Indicator", on_delete=models.CASCADE, related_name="plans",
        verbose_name=_("indicator"),
    )
    period_label = models.CharField(_("period"), max_length=100)
    period_start = models.DateField(_("period starts on"))
    period_end = models.DateField(_("period ends on"))
    planned = models.DecimalField(_("planned value"), max_digits=14, decimal_places=2)

    class Meta:
        db_table = "initiatives_indicatorplan"
        verbose_name = _("indicator plan")
        verbose_name_plural = _("indicator plans")
        ordering = ["indicator", "period_end", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_end"],
                                    name="indicator_plan_one_per_period"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="indicator_plan_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.indicator} — {self.period_label}"


class IndicatorActual(ChoiceLabelsMixin, models.Model):
    """The value the team measured for a planned period, with its evidence (a file or a link)."""

    indicator = models.ForeignKey(
        "initiatives.Indicator", on_delete=models.CASCADE, related_name="actuals",
        verbose_name=_("indicator"),
    )
    plan = models.ForeignKey(IndicatorPlan, on_delete=models.CASCADE, related_name="actuals",
                             verbose_name=_("period"))
    value = models.DecimalField(_("actual value"), max_digits=14, decimal_places=2)
    measured_on = models.DateField(_("measured on"))
    evidence_file = models.FileField(_("evidence file"), upload_to=evidence_path, max_length=300,
                                     blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_kind = models.CharField(_("evidence file type"), max_length=16,
                                     choices=FileKind.choices, blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ReviewStatus.choices,
                              default=ReviewStatus.SUBMITTED)
    staff_comment = models.TextField(_("office comment"), blank=True)
    entered_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("entered by"))
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    decided_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        db_table = "initiatives_indicatoractual"
        verbose_name = _("indicator actual value")
        verbose_name_plural = _("indicator actual values")
        ordering = ["plan__period_end", "entered_at", "pk"]
        indexes = [models.Index(fields=["plan", "status"], name="actual_plan_status")]

    def __str__(self):
        return f"{self.indicator}: {self.value}"

    def get_absolute_url(self):
        return reverse("initiatives:monitoring", kwargs={"pk": self.indicator.initiative_id})


class ReportingPeriod(models.Model):
    """A period the team reports on, with the date the report is due."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="reporting_periods",
        verbose_name=_("project"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    due_on = models.DateField(_("report due on"))
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True)
    overdue_since = models.DateField(_("overdue since"), null=True, blank=True)

    class Meta:
        db_table = "initiatives_reportingperiod"
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["initiative", "due_on", "pk"]
        indexes = [models.Index(fields=["due_on"], name="reporting_period_due")]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="reporting_period_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.initiative} — {self.title}"

    def get_absolute_url(self):
        return reverse("initiatives:report", kwargs={"pk": self.pk})


class ProgressReport(ChoiceLabelsMixin, models.Model):
    """What the team did in one reporting period."""

    period = models.OneToOneField(ReportingPeriod, on_delete=models.CASCADE,
                                  related_name="report", verbose_name=_("reporting period"))
    done = models.TextField(_("what was done"), blank=True)
    results = models.TextField(_("results"), blank=True)
    problems = models.TextField(_("problems"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ReviewStatus.choices,
                              default=ReviewStatus.DRAFT)
    staff_comment = models.TextField(_("office comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("submitted by"))
    decided_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        db_table = "initiatives_progressreport"
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["period__due_on", "pk"]

    def __str__(self):
        return str(self.period)

    def get_absolute_url(self):
        return reverse("initiatives:report", kwargs={"pk": self.period_id})


class Risk(ChoiceLabelsMixin, models.Model):
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="risks",
        verbose_name=_("project"),
    )
    title = models.CharField(_("risk"), max_length=500)
    probability = models.CharField(_("probability"), max_length=8, choices=Level.choices)
    impact = models.CharField(_("impact"), max_length=8, choices=Level.choices)
    owner = models.CharField(_("owner"), max_length=300, blank=True)
    response = models.TextField(_("response"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=RiskStatus.choices,
                              default=RiskStatus.OPEN)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        db_table = "initiatives_risk"
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["initiative", "status", "-created_at", "pk"]
        indexes = [models.Index(fields=["initiative", "status"], name="risk_initiative_status")]

    def __str__(self):
        return self.title


class ProjectProblem(ChoiceLabelsMixin, models.Model):
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="problems",
        verbose_name=_("project"),
    )
    title = models.CharField(_("problem"), max_length=500)
    probability = models.CharField(_("probability"), max_length=8, choices=Level.choices,
                                   default=Level.HIGH)
    impact = models.CharField(_("impact"), max_length=8, choices=Level.choices)
    owner = models.CharField(_("owner"), max_length=300, blank=True)
    response = models.TextField(_("response"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=RiskStatus.choices,
                              default=RiskStatus.OPEN)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        db_table = "initiatives_projectproblem"
        verbose_name = _("project problem")
        verbose_name_plural = _("project problems")
        ordering = ["initiative", "status", "-created_at", "pk"]

    def __str__(self):
        return self.title


class ChangeRequest(ChoiceLabelsMixin, models.Model):
    """A request to change the project's plan; the office decides, an approval applies it."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="change_requests",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind of change"), max_length=20, choices=ChangeKind.choices)
    justification = models.TextField(_("justification"))
    new_ends_on = models.DateField(_("new end date"), null=True, blank=True)
    new_scope = models.TextField(_("new main product"), blank=True)
    indicator = models.ForeignKey("initiatives.Indicator", on_delete=models.CASCADE, null=True,
                                  blank=True, related_name="change_requests",
                                  verbose_name=_("indicator"))
    new_target = models.DecimalField(_("new target"), max_digits=14, decimal_places=2, null=True,
                                     blank=True)
    new_leader = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("new project leader"))
    plan_item = models.ForeignKey("portfolio.PlanItem", on_delete=models.CASCADE, null=True,
                                  blank=True, related_name="change_requests",
                                  verbose_name=_("control point"))
    new_point_date = models.DateField(_("new date of the control point"), null=True, blank=True)
    passport_section = models.CharField(_("section of the passport"), max_length=16,
                                        choices=PassportSection.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ChangeStatus.choices,
                              default=ChangeStatus.PENDING)
    requested_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("decision comment"), blank=True)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)

    class Meta:
        db_table = "initiatives_changerequest"
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["initiative", "-requested_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.initiative}"


class FinalReport(models.Model):
    """The closing report: what was achieved, with each indicator evaluated against its target."""

    initiative = models.OneToOneField(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="final_report",
        verbose_name=_("project"),
    )
    summary = models.TextField(_("results of the project"))
    products = models.TextField(_("products passed to the ideas library"), blank=True)
    evaluation = models.JSONField(_("evaluation against the indicators"), default=list)
    reached = models.PositiveIntegerField(_("indicators reached"), default=0)
    total = models.PositiveIntegerField(_("indicators evaluated"), default=0)
    written_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("written by"))
    written_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        db_table = "initiatives_finalreport"
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")

    def __str__(self):
        return str(self.initiative)
