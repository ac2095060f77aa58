from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from network.enums import HealthStatus


class NetworkHealth(ChoiceLabelsMixin, models.Model):
    """The health figures of one network for one quarter, written by the nightly task.

    Pages, dashboards and the annual report read this table; nothing computes health on a page
    request. See ``network.health`` for what each figure means.
    """

    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="health",
        verbose_name=_("network"),
    )
    quarter = models.DateField(_("quarter"), help_text=_("The first day of the quarter."))
    events_held = models.PositiveIntegerField(_("events held"), default=0)
    organisers = models.PositiveIntegerField(_("distinct organisers"), default=0)
    organisations = models.PositiveIntegerField(_("organisations taking part"), default=0)
    active_members = models.PositiveIntegerField(_("active members"), default=0)
    new_initiatives = models.PositiveIntegerField(_("new initiatives"), default=0)
    top_person_share = models.DecimalField(
        _("share of events by the most active organiser"), max_digits=5, decimal_places=4,
        null=True, blank=True,
    )
    top_organisation_share = models.DecimalField(
        _("share of events by the most active organisation"), max_digits=5, decimal_places=4,
        null=True, blank=True,
    )
    organisers_for_80 = models.PositiveIntegerField(
        _("organisers covering 80 per cent of events"), null=True, blank=True,
    )
    breaks_without_top = models.BooleanField(
        _("falls apart without the top organiser"), null=True, blank=True,
    )
    events_before_end = models.PositiveIntegerField(
        _("events in the 2 quarters before the founding project ended"), null=True, blank=True,
    )
    events_after_end = models.PositiveIntegerField(
        _("events in the 2 quarters after the founding project ended"), null=True, blank=True,
    )
    status = models.CharField(_("status"), max_length=24, choices=HealthStatus.choices,
                              default=HealthStatus.NO_DATA)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("network health")
        verbose_name_plural = _("network health")
        ordering = ["network", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["network", "quarter"], name="network_health_quarter"),
        ]

    def __str__(self):
        return f"{self.network}, {self.quarter:%Y-%m}: {self.get_status_display()}"
