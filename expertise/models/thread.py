from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from initiatives.enums import MessageKind, RecommendationState


class ThreadMessage(ChoiceLabelsMixin, models.Model):
    """A message of the accompaniment thread of an initiative (консультирование и сопровождение).

    A recommendation carries its own state: open until the team marks it addressed (pointing to
    the version, or in words to a report), then accepted by the expert or reopened.
    """

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE,
                                   related_name="thread", verbose_name=_("initiative"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="thread_messages", verbose_name=_("author"))
    kind = models.CharField(_("kind"), max_length=16, choices=MessageKind.choices)
    text = models.TextField(_("text"))
    reply_to = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="replies", verbose_name=_("in reply to"))
    state = models.CharField(_("state of the recommendation"), max_length=16,
                             choices=RecommendationState.choices, blank=True)
    addressed_version = models.ForeignKey(
        "initiatives.InitiativeVersion", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("addressed in version"))
    addressed_note = models.CharField(_("where it is addressed"), max_length=500, blank=True)
    addressed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("addressed by"))
    addressed_at = models.DateTimeField(_("addressed at"), null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("accepted by"))
    resolved_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        db_table = "initiatives_threadmessage"
        verbose_name = _("thread message")
        verbose_name_plural = _("thread messages")
        ordering = ["initiative", "created_at", "pk"]
        indexes = [
            models.Index(fields=["initiative", "created_at"], name="thread_initiative_time"),
            models.Index(fields=["initiative"], name="thread_open_recommendations",
                         condition=Q(kind="recommendation") & ~Q(state="accepted")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="recommendation", state__in=["open", "addressed", "accepted"])
                | (~Q(kind="recommendation") & Q(state="")),
                name="thread_only_recommendations_have_a_state",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def get_absolute_url(self):
        return f"{self.initiative.get_absolute_url()}#m{self.pk}"
