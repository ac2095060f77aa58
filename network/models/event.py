from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from accounts.enums import FileKind
from network.enums import EventKind


class NetworkEvent(ChoiceLabelsMixin, models.Model):
    """A seminar, master class, reflexive meeting, open lesson or conference of a network."""

    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="events",
        verbose_name=_("network"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices,
                            default=EventKind.SEMINAR)
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("network event")
        verbose_name_plural = _("network events")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["network", "starts_at"], name="network_event_when")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="network_event_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:event", kwargs={"pk": self.pk})


class EventOrganiser(models.Model):
    """A person who organised an event, on behalf of an organisation."""

    event = models.ForeignKey(
        NetworkEvent, on_delete=models.CASCADE, related_name="organisers", verbose_name=_("event"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organised_events",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="organised_events", verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("event organiser")
        verbose_name_plural = _("event organisers")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="event_organiser_once"),
        ]

    def __str__(self):
        return f"{self.person} — {self.event}"


class EventRegistration(models.Model):
    event = models.ForeignKey(
        NetworkEvent, on_delete=models.CASCADE, related_name="registrations",
        verbose_name=_("event"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="event_registrations", verbose_name=_("organisation"),
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="event_registration_once"),
        ]

    def __str__(self):
        return f"{self.person} — {self.event}"


def material_path(instance, filename):
    return f"network/events/{instance.event_id}/{filename}"


class EventMaterial(ChoiceLabelsMixin, models.Model):
    """A file of an event's materials, checked by content; served by a permission-checking view."""

    event = models.ForeignKey(
        NetworkEvent, on_delete=models.CASCADE, related_name="materials", verbose_name=_("event"),
    )
    file = models.FileField(_("file"), upload_to=material_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=16, choices=FileKind.choices)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("event material")
        verbose_name_plural = _("event materials")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("network:event_material", kwargs={"pk": self.pk})


class EventFeedback(models.Model):
    event = models.ForeignKey(
        NetworkEvent, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("event"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feedback",
        verbose_name=_("person"),
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("feedback"), blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("event feedback")
        verbose_name_plural = _("event feedback")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="event_feedback_once"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5),
                                   name="event_feedback_rating_1_5"),
        ]

    def __str__(self):
        return f"{self.event}: {self.rating}"
