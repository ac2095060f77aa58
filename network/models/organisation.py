from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from network.enums import OrganisationType
from network.validators import validate_inn


class OrganisationQuerySet(models.QuerySet):
    def in_use(self):
        """Those not archived: what a new card, product, network or invitation may name."""
        return self.filter(archived_at__isnull=True)


class Organisation(ChoiceLabelsMixin, models.Model):
    """An educational organisation (образовательная организация) of the municipality."""

    org_type = models.CharField(
        _("type"), max_length=16, choices=OrganisationType.choices, default=OrganisationType.MBOU
    )
    short_name = models.CharField(_("short name"), max_length=200, unique=True)
    full_name = models.CharField(_("full name of the organisation"), max_length=500)
    inn = models.CharField(
        _("INN"), max_length=10, blank=True, validators=[validate_inn],
        help_text=_("10 digits; optional."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    director = models.CharField(_("director"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    vk_page = models.URLField(_("VKontakte page"), blank=True)
    is_office = models.BooleanField(
        _("runs the project office"),
        default=False,
        help_text=_("The organisation whose staff run the municipal project office."),
    )
    archived_at = models.DateTimeField(
        _("archived at"), null=True, blank=True,
        help_text=_("An archived organisation keeps its history but is no longer offered."),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["short_name"]
        constraints = [
            models.UniqueConstraint(
                "inn", condition=~Q(inn=""), name="network_organisation_inn_unique_when_set"
            )
        ]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("network:organisation", kwargs={"pk": self.pk})

    @property
    def is_archived(self):
        return self.archived_at is not None


class Membership(models.Model):
    """A person on an organisation's team, with a position. It makes the person a school team."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    position = models.CharField(_("position"), max_length=200)
    is_lead = models.BooleanField(
        _("team lead"), default=False,
        help_text=_("The team lead invites the school's team members and manages the team."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        ordering = ["organisation__short_name", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=Q(is_active=True),
                name="network_one_active_membership_per_org",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_active=True, is_lead=True),
                name="network_one_team_lead_per_org",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.position}, {self.organisation}"
