"""Choices of the project's passport (паспорт муниципального проекта)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PassportStatus(models.TextChoices):
    """A draft is edited by the team; on agreement the лист согласования collects signatures;
    the project committee's decision approves it (a frozen version); a change request approved
    makes the next version."""

    DRAFT = "draft", _("draft")
    AGREEMENT = "agreement", _("on agreement")
    APPROVED = "approved", pgettext_lazy("passport", "approved")


class Accumulation(models.TextChoices):
    """How an indicator's values of a year are read from its period plans."""

    CUMULATIVE = "cumulative", _("cumulative (the last value of the year)")
    ADDITIVE = "additive", _("additive (the sum of the year)")


class GoalLevel(models.TextChoices):
    NATIONAL = "national", _("national goal")
    REGIONAL = "regional", _("regional goal")
    MUNICIPAL = "municipal", _("municipal goal")
    PROJECT = "project", _("the project's own goal")


class FundingSource(models.TextChoices):
    FEDERAL = "federal", _("federal budget")
    REGIONAL = "regional", _("regional budget")
    MUNICIPAL = "municipal", _("municipal budget")
    EXTRA = "extra", _("extra-budgetary sources")


class PassportSection(models.TextChoices):
    """The sections of the passport a change request names."""

    MAIN = "main", _("Main provisions")
    GOAL = "goal", _("Goal and indicators")
    RESULTS = "results", _("Results")
    FUNDING = "funding", _("Funding")
    PARTICIPANTS = "participants", _("Participants")
    ADDITIONAL = "additional", _("Additional information")
    PLAN = "plan", _("Calendar plan (appendix)")


# Sections whose changes the project committee decides (goal, indicator values, dates,
# funding); the office decides the others, as before.
COMMITTEE_SECTIONS = frozenset({PassportSection.GOAL, PassportSection.FUNDING})


class PassportAction(models.TextChoices):
    """Audit action codes of the passport."""

    SAVED = "passport_saved", _("passport saved")
    INDICATOR_SET = "passport_indicator_set", _("indicator of the passport described")
    RESULT_ADDED = "passport_result_added", _("result of the passport saved")
    RESULT_REMOVED = "passport_result_removed", _("result of the passport removed")
    FUNDING_SET = "passport_funding_set", _("funding of the passport set")
    APPROVER_ADDED = "passport_approver_added", _("person added to the agreement sheet")
    SENT = "passport_sent_for_agreement", _("passport sent for agreement")
    AGREED = "passport_agreed", _("passport agreed")
    RETURNED = "passport_returned_to_draft", _("passport returned to draft")
    APPROVED = "passport_approved", _("passport version approved")
    NATIONAL_PROJECT_SAVED = "national_project_saved", _("national project saved")
