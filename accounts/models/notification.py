from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from accounts.enums import NotificationChannel, NotificationKind, OutgoingEmailState


class Notification(ChoiceLabelsMixin, models.Model):
    """One message to one person in the portal; written by ``accounts.notifications.notify``."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=NotificationKind.choices)
    channel = models.CharField(
        _("channel"),
        max_length=16,
        choices=NotificationChannel.choices,
        default=NotificationChannel.PORTAL,
        help_text=_("How the recipient wanted this kind delivered when it was written."),
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("caused by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    digest_sent_at = models.DateTimeField(_("sent in a digest at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="accounts_notif_recipient"),
            # the letters' page previews the latest notification of a kind (170 ms at 100k
            # without it: the newest rows walked back until one of the kind came up)
            models.Index(fields=["kind", "-created_at"], name="accounts_notif_kind_recent"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="accounts_notif_unread"
            ),
            models.Index(
                fields=["channel"],
                condition=Q(digest_sent_at__isnull=True, channel=NotificationChannel.DIGEST),
                name="accounts_notif_digest_due",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self):
        return self.read_at is not None


class NotificationPreference(ChoiceLabelsMixin, models.Model):
    """How one person wants one kind of notification delivered. No row: by e-mail at once."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=NotificationKind.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=NotificationChannel.choices)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="accounts_pref_once_per_kind")
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()} — {self.get_channel_display()}"


class OutgoingEmail(ChoiceLabelsMixin, models.Model):
    """A letter the broker could not take: kept here and re-sent by a beat task."""

    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML text"), blank=True)
    to = models.JSONField(_("recipients"), default=list)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=OutgoingEmailState.choices,
        default=OutgoingEmailState.PENDING,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(state=OutgoingEmailState.PENDING),
                name="accounts_email_pending",
            )
        ]

    def __str__(self):
        return self.subject
