from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from initiatives.enums import StrategyGoalKind


class Portfolio(models.Model):
    """A management portfolio of the education department (управленческий портфель)."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("in use"), default=True,
        help_text=_("An archived portfolio and its directions are not offered for new cards."))

    class Meta:
        verbose_name = _("portfolio")
        verbose_name_plural = _("portfolios")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Direction(models.Model):
    """A management model of a portfolio (направление); every project serves one."""

    portfolio = models.ForeignKey(
        Portfolio, on_delete=models.PROTECT, related_name="directions", verbose_name=_("portfolio")
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("in use"), default=True,
        help_text=_("An archived direction keeps its projects but is not offered for new cards."))

    class Meta:
        verbose_name = _("direction")
        verbose_name_plural = _("directions")
        ordering = ["portfolio__order", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["portfolio", "name"], name="initiatives_direction_unique")
        ]

    def __str__(self):
        return self.name


class StrategyGoal(ChoiceLabelsMixin, models.Model):
    """A goal of the municipal strategy or of the national project «Образование» (reference list)."""

    kind = models.CharField(_("kind"), max_length=32, choices=StrategyGoalKind.choices)
    title = models.CharField(_("title"), max_length=500)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("strategy goal")
        verbose_name_plural = _("strategy goals")
        ordering = ["kind", "order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "title"], name="initiatives_strategy_goal_unique")
        ]

    def __str__(self):
        return self.title

    @property
    def name(self):
        """The title, under the name the reference pages' shared helpers use."""
        return self.title
