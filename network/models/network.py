from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from network.enums import MemberRole, MemberStatus, NetworkKind, RulesAdoption


class Network(ChoiceLabelsMixin, models.Model):
    """An innovation methodical network, cluster, centre of innovative experience or resource
    centre: the place where the life of the network is recorded."""

    kind = models.CharField(
        _("kind"), max_length=32, choices=NetworkKind.choices,
        default=NetworkKind.METHODICAL_NETWORK,
    )
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("address"), max_length=120, unique=True, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=True,
        help_text=_("A public network's page is open to guests without signing in."),
    )
    rules_adoption = models.CharField(
        _("how rules are adopted"), max_length=16, choices=RulesAdoption.choices,
        default=RulesAdoption.VOTE,
    )
    vote_threshold = models.PositiveSmallIntegerField(
        _("votes needed, per cent of active members"), default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("A proposal is adopted when more than this share of active members vote for it."),
    )
    base_organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="based_networks", verbose_name=_("base organisation"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:network", kwargs={"slug": self.slug})


class NetworkMember(ChoiceLabelsMixin, models.Model):
    """A person in a network: a coordinator or a member, from the request to leaving."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="members", verbose_name=_("network")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)
    status = models.CharField(_("status"), max_length=16, choices=MemberStatus.choices,
                              default=MemberStatus.REQUESTED)
    message = models.TextField(_("message with the request"), blank=True)
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        ordering = ["network", "-role", "person__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["network", "person"], name="network_member_once"),
        ]
        indexes = [models.Index(fields=["network", "status"], name="network_member_status")]

    def __str__(self):
        return f"{self.person} — {self.network}"

    @property
    def is_active(self):
        return self.status == MemberStatus.ACTIVE


class NetworkOrganisation(models.Model):
    """An organisation taking part in a network."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="member_organisations",
        verbose_name=_("network"),
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="network_links",
        verbose_name=_("organisation"),
    )
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = ["organisation__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"],
                                    name="network_organisation_once"),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.network}"
