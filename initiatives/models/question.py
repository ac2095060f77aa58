from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.calls.enums import QuestionKind


class Question(models.Model):
    """A call's own question (beside the typed sections of the card).

    A question that has answers is never changed in place: the change makes a new version
    (``replaces`` the old one, which is archived) in the same ``lineage``, so that frozen
    versions of cards compare answers across versions of their question."""

    call = models.ForeignKey("initiatives.Call", on_delete=models.CASCADE,
                             related_name="questions", verbose_name=_("call"))
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.TextField(_("help text"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    options = models.JSONField(_("options"), default=list, blank=True)
    min_value = models.DecimalField(_("minimum"), max_digits=14, decimal_places=2, null=True,
                                    blank=True)
    max_value = models.DecimalField(_("maximum"), max_digits=14, decimal_places=2, null=True,
                                    blank=True)
    directions = models.ManyToManyField("initiatives.Direction", blank=True, related_name="+",
                                        verbose_name=_("directions"),
                                        help_text=_("Leave empty to ask every direction."))
    order = models.PositiveIntegerField(_("order"), default=0)
    is_archived = models.BooleanField(_("archived"), default=False)
    lineage = models.PositiveIntegerField(_("lineage"), default=0, db_index=True)
    replaces = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("replaces"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question of a call")
        verbose_name_plural = _("questions of calls")
        ordering = ["call_id", "order", "pk"]

    def __str__(self):
        return self.label


class Answer(models.Model):
    """A card's answer to a question of its call: ``value`` holds text, a number as text, an
    ISO date, a boolean or a list of options; a file answer keeps its file."""

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE,
                                   related_name="answers", verbose_name=_("initiative"))
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers",
                                 verbose_name=_("question"))
    value = models.JSONField(_("value"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="answers/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("changed by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["initiative_id", "question__order", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "question"], name="answer_once"),
        ]

    def __str__(self):
        return f"{self.initiative} — {self.question}"
