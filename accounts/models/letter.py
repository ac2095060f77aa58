from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterTemplate(models.Model):
    """The office's wording of one kind of letter (``accounts.letters`` lists the kinds). Without
    a row the letter keeps its default text from the code's translations."""

    kind = models.CharField(_("kind of letter"), max_length=80, unique=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("changed by"))
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["kind"]

    def __str__(self):
        return self.kind
