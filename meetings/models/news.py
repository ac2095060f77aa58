from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class NewsItem(models.Model):
    """A meeting's results published for everybody, guests included. Plain text only."""

    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published at"), db_index=True)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="news", verbose_name=_("meeting"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("published by"))

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:news", kwargs={"pk": self.pk})
