from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Call(models.Model):
    """A call for initiatives (приём проектных замыслов): dates, directions, a journal.

    ``closes_at`` is the last moment a first submission is accepted (a closing given as a date
    is stored as the end of that day in the office's time zone). ``last_number`` is the
    call's journal counter: each registered submission takes the next number under a row lock.
    """

    title = models.CharField(_("title"), max_length=300)
    academic_year = models.CharField(_("academic year"), max_length=9, db_index=True,
                                     help_text=_("For example 2027/2028."))
    directions = models.ManyToManyField(
        "initiatives.Direction", blank=True, related_name="calls",
        verbose_name=_("accepted directions"),
        help_text=_("Leave empty to accept every direction."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    description = models.TextField(_("description"), blank=True)
    last_number = models.PositiveIntegerField(_("last number in the journal"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("call for initiatives")
        verbose_name_plural = _("calls for initiatives")
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["closes_at", "opens_at"], name="call_dates")]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")),
                                   name="call_closes_after_opening"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("calls:detail", kwargs={"pk": self.pk})


class CallExtension(models.Model):
    """A personal extension of a call's deadline for one team's card (audited, expiring)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="extensions",
                             verbose_name=_("call"))
    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE,
                                   related_name="call_extensions", verbose_name=_("initiative"))
    until = models.DateTimeField(_("accepted until"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("granted by"))
    granted_at = models.DateTimeField(_("granted at"), auto_now=True)

    class Meta:
        verbose_name = _("personal extension")
        verbose_name_plural = _("personal extensions")
        ordering = ["call_id", "-until"]
        constraints = [
            models.UniqueConstraint(fields=["call", "initiative"], name="call_extension_unique"),
        ]

    def __str__(self):
        return f"{self.call} — {self.initiative}"


class SubmissionReceipt(models.Model):
    """One line of a call's journal: a submission's number and the moment it was received."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="receipts",
                             verbose_name=_("call"))
    number = models.PositiveIntegerField(_("number in the journal"))
    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE,
                                   related_name="receipts", verbose_name=_("initiative"))
    version = models.ForeignKey("initiatives.InitiativeVersion", on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="+",
                                verbose_name=_("version"))
    received_at = models.DateTimeField(_("received at"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("submitted by"))
    extended = models.BooleanField(_("under a personal extension"), default=False)

    class Meta:
        verbose_name = _("submission receipt")
        verbose_name_plural = _("submission receipts")
        ordering = ["call_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="receipt_number_unique"),
        ]
        indexes = [models.Index(fields=["initiative", "-received_at"], name="receipt_initiative")]

    def __str__(self):
        return f"{self.call} — № {self.number}"


class CallReminder(models.Model):
    """A reminder of a call's deadline sent for one draft: at most one per draft and day."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reminders",
                             verbose_name=_("call"))
    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE,
                                   related_name="+", verbose_name=_("initiative"))
    days_before = models.PositiveSmallIntegerField(_("days before the deadline"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [
            models.UniqueConstraint(fields=["call", "initiative", "days_before"],
                                    name="call_reminder_once"),
        ]

    def __str__(self):
        return f"{self.call} — {self.initiative} — {self.days_before}"
