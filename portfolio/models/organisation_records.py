"""What organisations do around their projects that the annual report counts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from initiatives.enums import IncentiveKind, PublicationChannel
from network.models import Organisation


class Incentive(ChoiceLabelsMixin, models.Model):
    """A mechanism of material or moral incentives for the project team, by its document."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="incentives", verbose_name=_("organisation"))
    kind = models.CharField(_("kind"), max_length=10, choices=IncentiveKind.choices)
    document_title = models.CharField(_("document"), max_length=500)
    document_date = models.DateField(_("document date"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))

    class Meta:
        db_table = "initiatives_incentive"
        verbose_name = _("incentive mechanism")
        verbose_name_plural = _("incentive mechanisms")
        ordering = ["organisation", "-document_date", "pk"]
        indexes = [models.Index(fields=["document_date", "kind"], name="incentive_date_kind")]

    def __str__(self):
        return self.document_title


class Publication(ChoiceLabelsMixin, models.Model):
    """Public informing about a project: a publication on a channel."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="publications", verbose_name=_("organisation"))
    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="publications",
                                   verbose_name=_("project"))
    channel = models.CharField(_("channel"), max_length=8, choices=PublicationChannel.choices)
    published_on = models.DateField(_("published on"))
    url = models.URLField(_("link"), max_length=500)
    title = models.CharField(_("title"), max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))

    class Meta:
        db_table = "initiatives_publication"
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["organisation", "-published_on", "pk"]
        indexes = [models.Index(fields=["published_on", "channel"], name="publication_date_chan")]

    def __str__(self):
        return self.title


class PlannedProduct(models.Model):
    """A methodical product an organisation plans for a year; later linked to its published item
    in the ideas library (``library_product``), or described by title and link when it was
    published elsewhere."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="planned_products",
                                     verbose_name=_("organisation"))
    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="planned_products",
                                   verbose_name=_("project"))
    year = models.PositiveIntegerField(_("year"), db_index=True)
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind of product"), max_length=200, blank=True)
    published_title = models.CharField(_("published as"), max_length=500, blank=True)
    published_url = models.URLField(_("link to the published item"), max_length=500, blank=True)
    library_product = models.ForeignKey(
        "network.MethodicalProduct", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="planned_as", verbose_name=_("item of the ideas library"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))

    class Meta:
        db_table = "initiatives_plannedproduct"
        verbose_name = _("planned methodical product")
        verbose_name_plural = _("planned methodical products")
        ordering = ["year", "organisation", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_published(self):
        if self.library_product_id:
            return self.library_product.status == "published"
        return bool(self.published_title or self.published_url)
