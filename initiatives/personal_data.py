"""The initiatives app's part of a person's data export (152-ФЗ): what they wrote and did."""

from accounts.personal_data import DataPart
from expertise.models import ExpertAssignment, Review, Score, ThreadMessage
from initiatives.models import Attachment, TeamMember, WordCardImport
from portfolio.models import IndicatorActual, ProgressReport


def export_initiatives_data(person):
    files = [(f"initiatives/{a.pk}-{a.original_name}", a.file)
             for a in Attachment.objects.filter(uploaded_by=person).only("file", "original_name")]
    files += [(f"indicators/{a.pk}-{a.evidence_name}", a.evidence_file)
              for a in IndicatorActual.objects.filter(entered_by=person).exclude(evidence_file="")
              .only("evidence_file", "evidence_name")]
    return [
        DataPart("initiatives-teams", list(TeamMember.objects.filter(person=person).values(
            "initiative__title", "position", "is_leader", "phone", "email"))),
        DataPart("initiatives-expert-assignments", list(
            ExpertAssignment.objects.filter(expert=person).values(
                "initiative__title", "status", "due_on", "created_at", "responded_at",
                "decline_reason"))),
        DataPart("initiatives-reviews", list(
            Review.objects.filter(assignment__expert=person).values(
                "assignment__initiative__title", "state", "recommendation", "summary",
                "submitted_at"))),
        DataPart("initiatives-review-scores", list(
            Score.objects.filter(review__assignment__expert=person).values(
                "review__assignment__initiative__title", "criterion__title", "value", "comment"))),
        DataPart("initiatives-thread-messages", list(
            ThreadMessage.objects.filter(author=person).values(
                "initiative__title", "kind", "text", "state", "created_at"))),
        DataPart("initiatives-indicator-values", list(
            IndicatorActual.objects.filter(entered_by=person).values(
                "indicator__initiative__title", "indicator__name", "value", "measured_on",
                "evidence_url", "status", "entered_at"))),
        DataPart("initiatives-progress-reports", list(
            ProgressReport.objects.filter(submitted_by=person).values(
                "period__initiative__title", "period__title", "done", "results", "problems",
                "next_steps", "status", "submitted_at"))),
        DataPart("initiatives-attachments", list(
            Attachment.objects.filter(uploaded_by=person).values(
                "initiative__title", "original_name", "kind", "size", "uploaded_at")), files=files),
    ]


def anonymise_initiatives_data(person):
    """The phone and e-mail a Word card gave the person on a team are cleared; the Word cards
    they read and never confirmed are deleted."""
    TeamMember.objects.filter(person=person).update(phone="", email="")
    WordCardImport.objects.filter(owner=person).delete()
