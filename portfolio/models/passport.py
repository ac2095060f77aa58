"""The project's passport (паспорт муниципального проекта): what the team adds to what the
portal knows (the card, its indicators and plan), its лист согласования and its approved,
frozen versions. National projects are reference data the office edits."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from portfolio.passport.enums import Accumulation, FundingSource, GoalLevel, PassportStatus

_USER = settings.AUTH_USER_MODEL


class NationalProject(models.Model):
    """A national project a municipal project serves («Образование» 2019–2024, «Молодёжь и
    дети» from 2025…): reference data, edited under «Справочники»."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    starts_year = models.PositiveSmallIntegerField(_("first year"))
    ends_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    is_active = models.BooleanField(_("offered for passports"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("national project")
        verbose_name_plural = _("national projects")
        ordering = ["order", "starts_year", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_year__isnull=True)
                                   | models.Q(ends_year__gte=models.F("starts_year")),
                                   name="national_project_years_in_order"),
        ]

    def __str__(self):
        if self.ends_year:
            return f"{self.name} ({self.starts_year}–{self.ends_year})"
        return f"{self.name} ({self.starts_year}–)"


class Passport(ChoiceLabelsMixin, models.Model):
    """What the team adds to the card for the passport; the rest is read from the portal."""

    initiative = models.OneToOneField("initiatives.Initiative", on_delete=models.CASCADE,
                                      related_name="passport", verbose_name=_("project"))
    short_name = models.CharField(_("short name"), max_length=200, blank=True)
    full_name = models.CharField(_("full name"), max_length=1000, blank=True)
    municipal_programme = models.CharField(_("municipal programme"), max_length=1000,
                                           blank=True)
    national_projects = models.ManyToManyField(NationalProject, blank=True,
                                               related_name="passports",
                                               verbose_name=_("national projects"))
    regional_projects = models.TextField(_("regional projects"), blank=True)
    participants = models.TextField(_("participants"), blank=True,
                                    help_text=_("Organisations and bodies taking part, beyond "
                                                "the team."))
    additional_info = models.TextField(_("additional information"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=PassportStatus.choices,
                              default=PassportStatus.DRAFT)
    version = models.PositiveIntegerField(_("approved version"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("project passport")
        verbose_name_plural = _("project passports")

    def __str__(self):
        return str(self.initiative)

    def get_absolute_url(self):
        return reverse("portfolio:passport", kwargs={"pk": self.initiative_id})


class IndicatorPassport(ChoiceLabelsMixin, models.Model):
    """What the passport says of an indicator beyond the card: how its year's value is read
    from the period plans, how it is calculated, its base date and the level of its goal."""

    indicator = models.OneToOneField("initiatives.Indicator", on_delete=models.CASCADE,
                                     related_name="passport", verbose_name=_("indicator"))
    accumulation = models.CharField(_("values of a year"), max_length=16,
                                    choices=Accumulation.choices,
                                    default=Accumulation.CUMULATIVE)
    level = models.CharField(_("level of the goal"), max_length=16, choices=GoalLevel.choices,
                             default=GoalLevel.PROJECT)
    method = models.TextField(_("how it is calculated"), blank=True)
    baseline_on = models.DateField(_("base value date"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator in the passport")
        verbose_name_plural = _("indicators in the passport")

    def __str__(self):
        return str(self.indicator)


class PassportResult(models.Model):
    """A result of the project in one year, with its value and characteristic."""

    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="results",
                                 verbose_name=_("passport"))
    title = models.CharField(_("result"), max_length=500)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2,
                                validators=[MinValueValidator(0)])
    characteristic = models.TextField(_("characteristic of the result"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("result of the project")
        verbose_name_plural = _("results of the project")
        ordering = ["passport", "order", "title", "year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["passport", "title", "year"],
                                    name="passport_result_once_a_year"),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    @property
    def initiative(self):
        return self.passport.initiative


class Funding(ChoiceLabelsMixin, models.Model):
    """The money of one calendar year from one source, in rubles with kopecks (zero allowed)."""

    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="funding",
                                 verbose_name=_("passport"))
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=16, choices=FundingSource.choices)
    amount = models.DecimalField(_("sum, rubles"), max_digits=16, decimal_places=2,
                                 validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        ordering = ["passport", "year", "source"]
        constraints = [
            models.UniqueConstraint(fields=["passport", "year", "source"],
                                    name="funding_once_per_year_and_source"),
            models.CheckConstraint(condition=models.Q(amount__gte=0),
                                   name="funding_not_negative"),
        ]

    def __str__(self):
        return f"{self.year} {self.get_source_display()}: {self.amount}"


class PassportAgreement(models.Model):
    """A line of the лист согласования: who is asked to agree, and when they agreed."""

    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="agreements",
                                 verbose_name=_("passport"))
    person = models.ForeignKey(_USER, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("person"))
    position = models.CharField(_("position"), max_length=300, blank=True)
    is_curator = models.BooleanField(_("the project's curator"), default=False)
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    round = models.PositiveIntegerField(_("round of agreement"), default=1)

    class Meta:
        verbose_name = _("agreement of the passport")
        verbose_name_plural = _("agreement sheet")
        ordering = ["passport", "-is_curator", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["passport", "person"],
                                    name="passport_agreement_once_per_person"),
        ]

    def __str__(self):
        return f"{self.passport}: {self.person}"


class PassportVersion(models.Model):
    """An approved passport, frozen: its sections as text (for the word diff) and as rows."""

    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="versions",
                                 verbose_name=_("passport"))
    number = models.PositiveIntegerField(_("number"))
    snapshot = models.JSONField(_("snapshot"), default=dict)
    approved_at = models.DateTimeField(_("approved at"))
    basis = models.CharField(_("basis"), max_length=500)
    protocol_number = models.CharField(_("protocol number"), max_length=50, blank=True)
    protocol_date = models.DateField(_("protocol date"), null=True, blank=True)
    change = models.ForeignKey("portfolio.ChangeRequest", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+",
                               verbose_name=_("change request"))
    approved_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))

    class Meta:
        verbose_name = _("passport version")
        verbose_name_plural = _("passport versions")
        ordering = ["passport", "number"]
        constraints = [
            models.UniqueConstraint(fields=["passport", "number"],
                                    name="passport_version_number"),
        ]

    def __str__(self):
        return f"{self.passport} — {self.number}"

    def get_absolute_url(self):
        return reverse("portfolio:passport_version", kwargs={"pk": self.pk})

    @property
    def initiative(self):
        return self.passport.initiative
