from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from initiatives.enums import InitiativeState
from network.models import Organisation


class Initiative(ChoiceLabelsMixin, models.Model):
    """A project initiative (проектный замысел); after approval the same card is the project.

    The sections follow the card of the concept «Проектный офис+». ``state`` changes only
    through ``initiatives.lifecycle.fire``; ``revision`` grows with every saved edit of the
    text so that two people editing one draft never overwrite each other silently.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=500)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_initiatives",
        verbose_name=_("project leader"),
    )
    annotation = models.TextField(_("short annotation"), blank=True)
    problem = models.TextField(_("problem analysis"), blank=True)
    idea = models.TextField(_("the idea"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    academic_year = models.CharField(
        _("academic year"), max_length=9, blank=True, db_index=True,
        help_text=_("Derived from the start date, e.g. 2021/2022."),
    )
    goal = models.TextField(_("goal"), blank=True)
    tasks = models.JSONField(_("tasks"), default=list, blank=True)
    results_people = models.TextField(_("expected changes in people"), blank=True)
    results_process = models.TextField(_("expected changes in the process"), blank=True)
    main_product = models.TextField(_("main product"), blank=True)
    unrecognised = models.TextField(
        _("not recognised"), blank=True,
        help_text=_("Text of an imported Word card that could not be placed in a section: "
                    "move it where it belongs and clear this field."),
    )
    direction = models.ForeignKey(
        "initiatives.Direction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("portfolio direction"),
    )
    call = models.ForeignKey(
        "initiatives.Call",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("call"),
        help_text=_("The call for initiatives the card answers; cards from before calls have none."),
    )
    strategy_goals = models.ManyToManyField(
        "initiatives.StrategyGoal",
        blank=True,
        related_name="initiatives",
        verbose_name=_("alignment with the strategy and the national project"),
    )
    network = models.ForeignKey(
        "network.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("network"),
        help_text=_("The network the initiative was born in."),
    )
    founds_network = models.ForeignKey(
        "network.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="founding_projects",
        verbose_name=_("founding project of the network"),
    )
    library_products = models.ManyToManyField(
        "network.MethodicalProduct",
        blank=True,
        related_name="projects",
        verbose_name=_("methodical products in the ideas library"),
    )
    state = models.CharField(
        _("state"), max_length=32, choices=InitiativeState.choices, default=InitiativeState.DRAFT
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "-updated_at"], name="initiative_state_updated"),
            models.Index(fields=["organisation", "state"], name="initiative_org_state"),
            # the registry's default order (last change first), read 50 rows at a time
            models.Index(fields=["-updated_at", "-id"], name="initiative_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="initiative_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:detail", kwargs={"pk": self.pk})


class TeamMember(models.Model):
    """A person on the project's team: a person of the portal or a named outsider."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="team", verbose_name=_("initiative")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiative_teams",
        verbose_name=_("person"),
    )
    outside_name = models.CharField(_("name (not on the portal)"), max_length=300, blank=True)
    position = models.CharField(_("position"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    is_leader = models.BooleanField(_("project leader"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["-is_leader", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | ~models.Q(outside_name=""),
                name="team_member_has_a_name",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.person.full_name if self.person_id else self.outside_name


class Indicator(models.Model):
    """A target indicator of the project (целевой показатель); plan and fact come with monitoring."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("initiative")
    )
    name = models.CharField(_("indicator"), max_length=500)
    unit = models.CharField(_("unit"), max_length=50)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True,
                                   blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    period = models.CharField(_("period"), max_length=100, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("target indicator")
        verbose_name_plural = _("target indicators")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class InitiativeVersion(models.Model):
    """The card as it was submitted: a frozen snapshot of every section."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="versions", verbose_name=_("initiative")
    )
    number = models.PositiveIntegerField(_("number"))
    snapshot = models.JSONField(_("snapshot"), default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        # by the column: ordering by "initiative" joined the initiatives' table to sort by its
        # own ordering, on every read of one card's versions
        ordering = ["initiative_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "number"], name="initiative_version_unique")
        ]

    def __str__(self):
        return f"{self.initiative} — {self.number}"
