from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from accounts.enums import FileKind
from network.enums import ProductKind, ProductStatus
from network.search import library_search_vector


class MethodicalProduct(ChoiceLabelsMixin, models.Model):
    """A methodical product of the ideas library (Виртуальная сетевая лаборатория идей).

    Guests see only published products; staff moderate a submitted product before it is
    published.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=ProductKind.choices,
                            default=ProductKind.DEVELOPMENT)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="methodical_products",
        verbose_name=_("authors on the portal"),
    )
    authors_text = models.CharField(
        _("authors"), max_length=500, blank=True,
        help_text=_("Authors as they should be printed, including those not on the portal."),
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="methodical_products",
        verbose_name=_("organisation"),
    )
    network = models.ForeignKey(
        "network.Network", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="products", verbose_name=_("network"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(_("status"), max_length=16, choices=ProductStatus.choices,
                              default=ProductStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_comment = models.TextField(_("moderator's comment"), blank=True)
    # Kept by the database; NULL on SQLite. Its GIN index is made on PostgreSQL only (migration
    # network/0004_product_search_vector).
    search_vector = models.GeneratedField(
        expression=library_search_vector(), output_field=SearchVectorField(),
        db_persist=True, verbose_name=_("search vector"),
    )

    class Meta:
        verbose_name = _("methodical product")
        verbose_name_plural = _("methodical products")
        ordering = ["-year", "title", "pk"]
        indexes = [
            models.Index(fields=["status", "-year"], name="product_status_year"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:product", kwargs={"pk": self.pk})


def product_file_path(instance, filename):
    return f"network/library/{instance.product_id}/{filename}"


class ProductFile(ChoiceLabelsMixin, models.Model):
    product = models.ForeignKey(
        MethodicalProduct, on_delete=models.CASCADE, related_name="files",
        verbose_name=_("methodical product"),
    )
    file = models.FileField(_("file"), upload_to=product_file_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=16, choices=FileKind.choices)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("file of a methodical product")
        verbose_name_plural = _("files of methodical products")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("network:product_file", kwargs={"pk": self.pk})
