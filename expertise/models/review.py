from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from initiatives.enums import Recommendation, ReviewFormStatus, ReviewState


class ReviewForm(ChoiceLabelsMixin, models.Model):
    """A review form defined by the office in the portal. A form that has reviews is never
    edited in place: changing it makes the next version (same ``name``, ``version`` + 1)."""

    name = models.CharField(_("name"), max_length=300)
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=16, choices=ReviewFormStatus.choices,
                              default=ReviewFormStatus.DRAFT)
    description = models.TextField(_("description"), blank=True)
    disagreement_threshold = models.DecimalField(
        _("disagreement threshold"), max_digits=4, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Spread of the experts' totals above which the reviews are flagged. Empty: "
                    "the portal's setting."),
    )
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("previous version"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        db_table = "initiatives_reviewform"
        verbose_name = _("review form")
        verbose_name_plural = _("review forms")
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="review_form_version_unique"),
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    def get_absolute_url(self):
        return reverse("initiatives:review_form", kwargs={"pk": self.pk})


class Criterion(models.Model):
    """One scored criterion of a review form."""

    form = models.ForeignKey(ReviewForm, on_delete=models.CASCADE, related_name="criteria",
                             verbose_name=_("review form"))
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("criterion"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    scale_min = models.SmallIntegerField(_("lowest score"), default=0)
    scale_max = models.SmallIntegerField(_("highest score"), default=5)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=Decimal("1"),
                                 validators=[MinValueValidator(Decimal("0.01"))])
    comment_threshold = models.SmallIntegerField(
        _("comment required at or below"), null=True, blank=True,
        help_text=_("A score at or below this number needs a comment. Empty: never required."),
    )

    class Meta:
        db_table = "initiatives_criterion"
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["form", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(scale_max__gt=models.F("scale_min")),
                                   name="criterion_scale_is_a_range"),
            models.CheckConstraint(condition=models.Q(weight__gt=0),
                                   name="criterion_weight_positive"),
        ]

    def __str__(self):
        return self.title

    def needs_comment(self, value):
        return value is not None and self.comment_threshold is not None and \
            value <= self.comment_threshold


class Review(ChoiceLabelsMixin, models.Model):
    """One expert's review of one initiative on one form: a draft until submitted."""

    assignment = models.OneToOneField("expertise.ExpertAssignment", on_delete=models.CASCADE,
                                      related_name="review", verbose_name=_("assignment"))
    form = models.ForeignKey(ReviewForm, on_delete=models.PROTECT, related_name="reviews",
                             verbose_name=_("review form"))
    state = models.CharField(_("state"), max_length=16, choices=ReviewState.choices,
                             default=ReviewState.DRAFT)
    recommendation = models.CharField(_("overall recommendation"), max_length=32,
                                      choices=Recommendation.choices, blank=True)
    summary = models.TextField(_("general comment"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        db_table = "initiatives_review"
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["assignment__initiative", "submitted_at", "pk"]
        indexes = [models.Index(fields=["state", "submitted_at"], name="review_state_submitted")]

    def __str__(self):
        return str(self.assignment)

    @property
    def is_submitted(self):
        return self.state == ReviewState.SUBMITTED


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores",
                               verbose_name=_("review"))
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores",
                                  verbose_name=_("criterion"))
    value = models.SmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        db_table = "initiatives_score"
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["review", "criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_once_per_criterion")
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"
