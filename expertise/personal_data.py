"""The expertise's part of a person's data export (152-ФЗ): assignments, reviews, scores and
messages of the thread. The parts keep the names of before the move (``initiatives-…``)."""

from accounts.personal_data import DataPart
from expertise.models import ExpertAssignment, Review, Score, ThreadMessage


def export_expertise_data(person):
    return [
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
    ]
