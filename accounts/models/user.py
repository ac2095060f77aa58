from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from accounts.enums import OfficeRole


class User(AbstractUser):
    """A person of the portal. The name is kept in Russian order: фамилия, имя, отчество."""

    last_name = models.CharField(_("last name"), max_length=150)
    first_name = models.CharField(_("first name"), max_length=150)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    # Raised to end every session of the person at once (see accounts.sessions).
    sessions_epoch = models.PositiveIntegerField(_("sessions generation"), default=0, editable=False)

    REQUIRED_FIELDS = ["email", "last_name", "first_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "patronymic"]
        constraints = [
            models.UniqueConstraint(
                "email", condition=~Q(email=""), name="accounts_user_email_unique_when_set"
            )
        ]

    def __str__(self):
        return self.full_name or self.username

    @property
    def full_name(self):
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    SHORT_NAME_FIELDS = ("username", "last_name", "first_name", "patronymic")
    """What ``short_name`` reads: the columns a list that names a person loads of them."""

    @classmethod
    def short_name_columns(cls, relation):
        """``.only()`` names of a related person's ``short_name`` (``"author"`` → author__…)."""
        return tuple(f"{relation}__{field}" for field in cls.SHORT_NAME_FIELDS)

    @property
    def short_name(self):
        """«Иванова А. П.» — the form used in lists, minutes and signatures."""
        initials = "".join(f"{p[0]}. " for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name} {initials}".strip() if self.last_name else self.username

    def _get_session_auth_hash(self, secret=None):
        """Django keeps a session only while this hash matches: it follows the password (a
        change ends the other sessions) and ``sessions_epoch`` (ending them on request)."""
        return salted_hmac(
            "accounts.User.get_session_auth_hash", f"{self.password}:{self.sessions_epoch}",
            secret=secret, algorithm="sha256",
        ).hexdigest()

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("accounts:person", kwargs={"pk": self.pk})

    @cached_property
    def role_codes(self):
        """Office roles of this person, loaded once per request for the predicates."""
        return frozenset(self.role_assignments.values_list("role", flat=True))


class RoleAssignment(ChoiceLabelsMixin, models.Model):
    """An office role held by a person. One person may hold several roles."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=32, choices=OfficeRole.choices)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("office role")
        verbose_name_plural = _("office roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="accounts_role_once_per_user")
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()}"
