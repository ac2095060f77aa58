"""What the card's pages show of its call: the call, the team's deadline and the time left,
the receipts, the questions with their answers and (on a draft) the forms to choose a call and
to answer. The card page gets it through ``initiatives.card_panels``; the edit page asks
:func:`card_box` itself."""

from django.db.models import Q
from django.utils import timezone

from initiatives.calls import questions as qa
from initiatives.calls.forms import AnswersForm
from initiatives.calls.queries import fitting, receipts_of, with_directions
from initiatives.models import Call, CallExtension


def required_rows(initiative, questions, answers):
    """The call's own required questions binding this card, each with whether it is answered."""
    return [(q, q.pk in answers) for q in qa.binding(initiative, questions)]


def card_box(initiative, *, choosing=False, at=None):
    """What the card shows of its call: the call, the team's deadline and the time left, the
    receipts of its submissions, and (``choosing``, a draft being edited) the calls it may
    join. The call (or the calls to choose), a draft's extension, the questions, the answers and
    the receipts of a card once submitted: a query each at most, however many questions."""
    at = at or timezone.now()
    options = []
    call = None
    if choosing:
        fitting_ids = fitting(initiative.direction_id, at=at).values("pk")
        options = list(with_directions(Call.objects.filter(
            Q(pk__in=fitting_ids) | Q(pk=initiative.call_id or 0)).order_by("closes_at", "pk")))
        call = next((c for c in options if c.pk == initiative.call_id), None)
    elif initiative.call_id:
        call = initiative.call  # the card's query joins it (initiatives.queries.card)
    extension = None
    if call is not None and initiative.state == "draft":
        extension = CallExtension.objects.filter(call=call, initiative=initiative,
                                                 until__gte=at).first()
    deadline = max(call.closes_at, extension.until) if extension else (
        call.closes_at if call else None)
    questions = qa.questions_for(initiative) if initiative.call_id else []
    answers = qa.answers_of(initiative) if questions else {}
    return {
        "questions": questions,
        "answers_form": AnswersForm(questions=questions, answers=answers) if (
            choosing and questions) else None,
        "answer_rows": [(q, qa.text_of(q, answers.get(q.pk)), answers.get(q.pk))
                        for q in questions],
        "required_rows": required_rows(initiative, questions, answers) if choosing else [],
        "call": call,
        "deadline": deadline,
        "extension": extension,
        "is_open": bool(call and call.opens_at <= at <= deadline),
        "not_yet": bool(call and at < call.opens_at),
        "options": options,
        # a receipt is written at the first submission: a card never submitted has none
        "receipts": receipts_of(initiative) if initiative.submitted_at and not choosing else [],
        "now": at,
    }


def card_panel(initiative, user):
    """The card page's call panel: nothing to read for a card without a call."""
    return {"call_box": card_box(initiative) if initiative.call_id else None}
