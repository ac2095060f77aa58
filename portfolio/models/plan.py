"""A project's roles beyond its card (curator, administrator, shares of working time) and its
calendar plan (activities and control points)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from accounts.enums import FileKind
from portfolio.plan.enums import PlanItemKind, PlanItemStatus, ProjectRoleKind

_USER = settings.AUTH_USER_MODEL


class ProjectRole(ChoiceLabelsMixin, models.Model):
    """The curator or the administrator of a project: a person of the portal, or a person
    invited by e-mail (the invitation's acceptance fills ``person``). One person per role."""

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE,
                                   related_name="project_roles", verbose_name=_("project"))
    role = models.CharField(_("role"), max_length=16, choices=ProjectRoleKind.choices)
    person = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="project_roles", verbose_name=_("person"))
    invitation = models.ForeignKey("accounts.Invitation", on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("invitation"))
    position = models.CharField(_("position"), max_length=300, blank=True)
    assigned_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("assigned by"))
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("project role")
        verbose_name_plural = _("project roles")
        ordering = ["initiative_id", "role"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "role"], name="project_role_single"),
            models.CheckConstraint(condition=models.Q(person__isnull=False)
                                   | models.Q(invitation__isnull=False),
                                   name="project_role_has_a_person"),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.display_name}"

    @property
    def display_name(self):
        if self.person_id:
            return self.person.full_name
        return self.invitation.email if self.invitation_id else ""


class TeamShare(models.Model):
    """The share of working time a team member gives the project, in per cent."""

    member = models.OneToOneField("initiatives.TeamMember", on_delete=models.CASCADE,
                                  related_name="share", verbose_name=_("team member"))
    percent = models.PositiveSmallIntegerField(_("share of working time, %"))

    class Meta:
        verbose_name = _("share of working time")
        verbose_name_plural = _("shares of working time")
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__gte=1, percent__lte=100),
                                   name="team_share_percent_range"),
        ]

    def __str__(self):
        return f"{self.member}: {self.percent} %"


def evidence_path(instance, filename):
    return f"portfolio/{instance.initiative_id}/plan/{filename}"


class PlanItem(ChoiceLabelsMixin, models.Model):
    """A line of the calendar plan: an activity (from–to) or a control point (a dated,
    checkable result proved by a document). Dates: planned (the baseline), forecast (kept by
    the team), actual (the day it was done)."""

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE,
                                   related_name="plan_items", verbose_name=_("project"))
    kind = models.CharField(_("kind"), max_length=10, choices=PlanItemKind.choices)
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=500)
    result = models.TextField(_("checkable result"), blank=True)
    evidence_document = models.CharField(_("document that proves it"), max_length=500,
                                         blank=True)
    responsible = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="plan_items", verbose_name=_("responsible"))
    responsible_name = models.CharField(_("responsible (not on the portal)"), max_length=300,
                                        blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned date"))
    forecast_start = models.DateField(_("forecast start"), null=True, blank=True)
    forecast_end = models.DateField(_("forecast date"), null=True, blank=True)
    actual_on = models.DateField(_("actual date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=PlanItemStatus.choices,
                              default=PlanItemStatus.PLANNED)
    evidence_file = models.FileField(_("evidence file"), upload_to=evidence_path, max_length=300,
                                     blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_kind = models.CharField(_("evidence file type"), max_length=16,
                                     choices=FileKind.choices, blank=True)
    office_comment = models.TextField(_("office comment"), blank=True)
    decided_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reminded_for = models.DateField(_("reminded for the date"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["initiative_id", "order", "planned_end", "pk"]
        indexes = [
            models.Index(fields=["initiative", "order"], name="plan_item_order"),
            models.Index(fields=["kind", "status", "planned_end"], name="plan_item_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(planned_start__isnull=True)
                                   | models.Q(planned_end__gte=models.F("planned_start")),
                                   name="plan_item_ends_after_start"),
            models.CheckConstraint(condition=models.Q(forecast_start__isnull=True)
                                   | models.Q(forecast_end__isnull=True)
                                   | models.Q(forecast_end__gte=models.F("forecast_start")),
                                   name="plan_item_forecast_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    def get_absolute_url(self):
        return reverse("portfolio:plan", kwargs={"pk": self.initiative_id}) + f"#item-{self.pk}"

    @property
    def is_point(self):
        return self.kind == PlanItemKind.POINT

    @property
    def responsible_display(self):
        return self.responsible.full_name if self.responsible_id else self.responsible_name

    @property
    def expected_on(self):
        """The day the item is now expected to end: the forecast, else the plan."""
        return self.forecast_end or self.planned_end


class CuratorAgreement(models.Model):
    """The curator's word on a progress report (one per submission) or a change request, given
    before the office decides: agreed, or objections with a comment."""

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE,
                                   related_name="curator_agreements", verbose_name=_("project"))
    report = models.ForeignKey("portfolio.ProgressReport", on_delete=models.CASCADE, null=True,
                               blank=True, related_name="curator_agreements",
                               verbose_name=_("progress report"))
    submitted_at = models.DateTimeField(_("submission agreed on"), null=True, blank=True)
    change = models.ForeignKey("portfolio.ChangeRequest", on_delete=models.CASCADE, null=True,
                               blank=True, related_name="curator_agreements",
                               verbose_name=_("change request"))
    agreed = models.BooleanField(_("agreed"))
    comment = models.TextField(_("comment"), blank=True)
    curator = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("curator"))
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        verbose_name = _("curator's agreement")
        verbose_name_plural = _("curator's agreements")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(report__isnull=False, change__isnull=True)
                                   | models.Q(report__isnull=True, change__isnull=False),
                                   name="curator_agreement_one_subject"),
            models.UniqueConstraint(fields=["report", "submitted_at"],
                                    name="curator_agreement_once_per_submission"),
            models.UniqueConstraint(fields=["change"], name="curator_agreement_once_per_change"),
        ]

    def __str__(self):
        return str(self.report or self.change)
