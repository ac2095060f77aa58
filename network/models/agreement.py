from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from network.enums import ProposalStatus, VoteChoice


class RuleProposal(ChoiceLabelsMixin, models.Model):
    """A proposed text of the network's rules of interaction (new rules or a change)."""

    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="rule_proposals",
        verbose_name=_("network"),
    )
    title = models.CharField(_("what changes"), max_length=300)
    text = models.TextField(_("proposed text of the rules"))
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="rule_proposals", verbose_name=_("proposed by"),
    )
    status = models.CharField(_("status"), max_length=16, choices=ProposalStatus.choices,
                              default=ProposalStatus.OPEN)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rule proposal")
        verbose_name_plural = _("rule proposals")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:proposal", kwargs={"slug": self.network.slug, "pk": self.pk})


class RuleComment(models.Model):
    proposal = models.ForeignKey(
        RuleProposal, on_delete=models.CASCADE, related_name="comments",
        verbose_name=_("proposal"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="rule_comments", verbose_name=_("author"),
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a rule proposal")
        verbose_name_plural = _("comments on rule proposals")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class RuleVote(ChoiceLabelsMixin, models.Model):
    proposal = models.ForeignKey(
        RuleProposal, on_delete=models.CASCADE, related_name="votes", verbose_name=_("proposal"),
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rule_votes",
        verbose_name=_("voter"),
    )
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices)
    voted_at = models.DateTimeField(_("voted at"), auto_now=True)

    class Meta:
        verbose_name = _("vote on a rule proposal")
        verbose_name_plural = _("votes on rule proposals")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "voter"], name="rule_vote_once"),
        ]

    def __str__(self):
        return f"{self.voter} — {self.get_choice_display()}"


class RulesVersion(models.Model):
    """One adopted version of the network's rules; the highest number is the current rules."""

    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="rules_versions",
        verbose_name=_("network"),
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text of the rules"))
    adopted_at = models.DateTimeField(_("adopted at"))
    proposal = models.OneToOneField(
        RuleProposal, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="version", verbose_name=_("adopted proposal"),
    )

    class Meta:
        verbose_name = _("rules version")
        verbose_name_plural = _("rules versions")
        ordering = ["network", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["network", "number"], name="rules_version_number_once"),
        ]

    def __str__(self):
        return f"{self.network}, v{self.number}"

    def get_absolute_url(self):
        return reverse("network:rules_version",
                       kwargs={"slug": self.network.slug, "number": self.number})
