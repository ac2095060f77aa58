"""The registry narrowed to one call (``?call=<id>``): that call's current questions as optional
columns of the page and as filters (issue 24, item 2). The filters are django-filter filters
built from the questions in one query; the columns' answers come in one query per page.

An answer given to an earlier version of a question (a question with answers is versioned,
never changed in place) is found through the question's lineage."""

import json
from functools import partial

import django_filters
from django.db import connection
from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from accounts.widgets import MultiChoiceSelect
from initiatives.calls.enums import QuestionKind as K
from initiatives.calls.questions import text_of
from initiatives.models import Answer, Question

COLUMN_KINDS = (K.SHORT_TEXT, K.NUMBER, K.DATE, K.YES_NO, K.CHOICE, K.CHOICES)
FILTER_KINDS = (K.CHOICE, K.CHOICES, K.YES_NO)
COLUMNS = "columns"
MAX_CALL_ID = 2**31


def call_questions(raw_call):
    """The current questions of the call named by ``raw_call`` (the registry's ``call`` value)
    that can be a column or a filter, in order; none for anything that is not a call's id."""
    raw = str(raw_call or "").strip()
    if not (raw.isdigit() and 0 < int(raw) < MAX_CALL_ID):
        return []
    return list(Question.objects.filter(call_id=int(raw), is_archived=False,
                                        kind__in=COLUMN_KINDS).order_by("order", "pk"))


def filter_name(question):
    return f"answer_{question.pk}"


def _answered(question, condition):
    return Exists(Answer.objects.filter(
        condition, initiative=OuterRef("pk"), question__call_id=question.call_id,
        question__lineage=question.lineage))


def _option_in_list(option):
    if connection.features.supports_json_field_contains:
        return Q(value__contains=[option])
    # SQLite keeps the JSON as text: look for the option as a quoted element
    return Q(as_text__contains=json.dumps(option))


def _by_answer(question, queryset, name, value):
    if not value:
        return queryset
    if question.kind == K.YES_NO:
        return queryset.filter(_answered(question, Q(value=(value == "yes"))))
    if question.kind == K.CHOICE:
        return queryset.filter(_answered(question, Q(value=value)))
    condition = _option_in_list(value)
    if not connection.features.supports_json_field_contains:
        return queryset.filter(Exists(Answer.objects.annotate(
            as_text=Cast("value", TextField())).filter(
            condition, initiative=OuterRef("pk"), question__call_id=question.call_id,
            question__lineage=question.lineage)))
    return queryset.filter(_answered(question, condition))


def _keep(queryset, name, value):
    return queryset  # the columns to show: chosen in the form, they filter nothing


def filters(questions) -> dict:
    """{name: filter} for the filter set: a choice among the options of each one-choice,
    several-choice and yes/no question, and the choice of the answer columns to show."""
    built = {}
    for q in questions:
        if q.kind not in FILTER_KINDS:
            continue
        choices = [("yes", _("yes")), ("no", _("no"))] if q.kind == K.YES_NO else [
            (o, o) for o in q.options]
        built[filter_name(q)] = django_filters.ChoiceFilter(
            label=q.label, choices=choices, method=partial(_by_answer, q),
            empty_label=_("any answer"))
    if questions:
        built[COLUMNS] = django_filters.MultipleChoiceFilter(
            label=_("Answer columns"), choices=[(str(q.pk), q.label) for q in questions],
            method=_keep, widget=MultiChoiceSelect)
    return built


def chosen_columns(filterset):
    """The questions whose answers the person chose to see as columns."""
    questions = getattr(filterset, "answer_questions", [])
    if not questions or not filterset.is_bound or not filterset.is_valid():
        return []
    chosen = set(filterset.form.cleaned_data.get(COLUMNS) or [])
    return [q for q in questions if str(q.pk) in chosen]


def answer_cells(questions, initiative_ids) -> dict:
    """{initiative id: [display text per question]} of these cards, in one query."""
    if not questions or not initiative_ids:
        return {}
    lineages = {q.lineage: n for n, q in enumerate(questions)}
    cells = {pk: [""] * len(questions) for pk in initiative_ids}
    for a in (Answer.objects.filter(initiative_id__in=initiative_ids,
                                    question__call_id=questions[0].call_id,
                                    question__lineage__in=list(lineages))
              .select_related("question").order_by("question_id")):
        cells[a.initiative_id][lineages[a.question.lineage]] = text_of(a.question, a)
    return cells
