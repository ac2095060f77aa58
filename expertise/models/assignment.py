from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from initiatives.enums import REVIEW_STATES, WAITING_STATES, ExpertAssignmentStatus, ReviewState

OPEN_STATUSES = (ExpertAssignmentStatus.PROPOSED, ExpertAssignmentStatus.ACCEPTED)


class AssignmentQuerySet(models.QuerySet):
    """The one definition of what an expert still owes: every page, count, reminder and report
    that speaks of due or overdue reviews reads it from here."""

    def open(self):
        """Proposed or accepted (not declined, done or closed)."""
        return self.filter(status__in=OPEN_STATUSES)

    def awaited(self):
        """Open, the card in expertise (not back with its team), no review submitted yet."""
        return (self.open().filter(initiative__state__in=REVIEW_STATES)
                .exclude(review__state=ReviewState.SUBMITTED))

    def waiting(self):
        """Open while the office has returned the card or asked for a revision: not due."""
        return self.open().filter(initiative__state__in=WAITING_STATES)

    def overdue(self, today):
        """Awaited past their due date."""
        return self.awaited().filter(due_on__lt=today)

    def with_overdue_flag(self, today):
        """Each row tells whether it is overdue, by the same definition as :meth:`overdue`."""
        return self.annotate(is_overdue=models.Exists(
            self.model.objects.overdue(today).filter(pk=models.OuterRef("pk"))))


class ExpertAssignment(ChoiceLabelsMixin, models.Model):
    """An expert asked to review an initiative by a due date; the expert accepts or declines."""

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
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    last_reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    close_reason = models.TextField(_("why the assignment was closed"), blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        db_table = "initiatives_expertassignment"
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        ordering = ["initiative_id", "created_at"]  # by the column: no join (see InitiativeVersion)
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "expert"], name="initiatives_one_assignment_per_expert"
            )
        ]
        indexes = [
            models.Index(fields=["expert", "status"], name="assignment_expert_status"),
            models.Index(fields=["due_on"], name="assignment_due_open",
                         condition=Q(status__in=["proposed", "accepted"])),
        ]

    def __str__(self):
        return f"{self.expert} → {self.initiative}"


class ConflictOfInterest(models.Model):
    """A declared conflict of interest: the expert does not review this initiative (or any
    initiative of this organisation)."""

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="declared_conflicts",
        verbose_name=_("expert"),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conflicts",
        verbose_name=_("initiative"),
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        db_table = "initiatives_conflictofinterest"
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["-declared_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(initiative__isnull=False) | Q(organisation__isnull=False),
                name="conflict_names_initiative_or_organisation",
            )
        ]

    def __str__(self):
        return f"{self.expert}: {self.initiative or self.organisation}"


class ExpertDirection(models.Model):
    """A portfolio direction an expert prefers to review: it raises the expert's fit."""

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="preferred_directions",
        verbose_name=_("expert"),
    )
    direction = models.ForeignKey(
        "initiatives.Direction",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("direction"),
    )

    class Meta:
        db_table = "initiatives_expertdirection"
        verbose_name = _("preferred direction of an expert")
        verbose_name_plural = _("preferred directions of experts")
        constraints = [
            models.UniqueConstraint(fields=["expert", "direction"], name="expert_direction_once")
        ]

    def __str__(self):
        return f"{self.expert}: {self.direction}"
