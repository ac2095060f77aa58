from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from accounts.enums import InvitationRole


class Invitation(ChoiceLabelsMixin, models.Model):
    """An invitation to the portal by e-mail: an office role or a place on a school's team.

    Only the SHA-256 of the one-time link's token is kept. Written only by
    ``accounts.invitations``.
    """

    email = models.EmailField(_("e-mail"))
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=InvitationRole.choices)
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="invitations", verbose_name=_("organisation"),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("invited by"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="invitations", verbose_name=_("person"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["email"], condition=Q(accepted_at__isnull=True,
                                                      withdrawn_at__isnull=True),
                         name="accounts_invitation_open"),
        ]

    def __str__(self):
        return f"{self.email}: {self.get_role_display()}"

    @property
    def is_accepted(self):
        return self.accepted_at is not None

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def is_expired(self):
        return not self.is_accepted and self.expires_at <= timezone.now()

    @property
    def is_pending(self):
        return not (self.is_accepted or self.is_withdrawn or self.is_expired)

    @property
    def full_name(self):
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)
