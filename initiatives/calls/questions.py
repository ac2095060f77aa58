"""A call's own questions and the cards' answers to them (issue 24, item 2).

The office adds questions to a call; a question with answers is never changed in place (the
change makes a new version in the same lineage). A card answers the questions of its call that
concern its direction; a required question binds only cards not yet submitted when it was added.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.files import check_upload
from accounts.models import User
from initiatives.calls.enums import CHOICE_KINDS, QuestionAction, QuestionKind
from initiatives.calls.headings import heading_matches
from initiatives.enums import EDITABLE_STATES
from initiatives.models import Answer, Call, Initiative, Question

SHORT_LIMIT, LONG_LIMIT = 500, 20000
FIELDS = ("kind", "label", "help_text", "required", "options", "min_value", "max_value")


def field_name(question):
    return f"q_{question.pk}"


# --- the office's side ---------------------------------------------------------------------

def _check(kind, label, options, min_value, max_value):
    if not (label or "").strip():
        raise DomainError(_("Write the question."), field="label")
    if kind not in QuestionKind.values:
        raise DomainError(_("Choose the kind of the question."), field="kind")
    if kind in CHOICE_KINDS and len(options) < 2:
        raise DomainError(_("Give at least two options, one per line."), field="options_text")
    if min_value is not None and max_value is not None and min_value > max_value:
        raise DomainError(_("The minimum must not exceed the maximum."), field="max_value")


def _clean_options(kind, options):
    if kind not in CHOICE_KINDS:
        return []
    seen, result = set(), []
    for o in options or []:
        o = str(o).strip()[:200]
        if o and o not in seen:
            seen.add(o)
            result.append(o)
    return result


@transaction.atomic
def add_question(call: Call, *, by: User, kind: str, label: str, help_text: str = "",
                 required: bool = False, options=(), min_value=None, max_value=None,
                 directions=()) -> Question:
    options = _clean_options(kind, options)
    _check(kind, label, options, min_value, max_value)
    last = call.questions.order_by("-order").values_list("order", flat=True).first() or 0
    question = Question.objects.create(
        call=call, kind=kind, label=label.strip()[:300], help_text=(help_text or "").strip(),
        required=required, options=options,
        min_value=min_value if kind == QuestionKind.NUMBER else None,
        max_value=max_value if kind == QuestionKind.NUMBER else None, order=last + 1)
    question.lineage = question.pk
    question.save(update_fields=["lineage"])
    question.directions.set(directions)
    audit.record(call, actor=by, action=QuestionAction.QUESTION_ADDED, to_value=question.label)
    return question


@transaction.atomic
def change_question(question: Question, *, by: User, kind: str, label: str,
                    help_text: str = "", required: bool = False, options=(), min_value=None,
                    max_value=None, directions=()) -> Question:
    """Change a question; one that has answers gets a new version instead (the answers keep
    the question they answered)."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.is_archived:
        raise DomainError(_("An archived question cannot be changed."))
    options = _clean_options(kind, options)
    _check(kind, label, options, min_value, max_value)
    values = {"kind": kind, "label": label.strip()[:300], "help_text": (help_text or "").strip(),
              "required": required, "options": options,
              "min_value": min_value if kind == QuestionKind.NUMBER else None,
              "max_value": max_value if kind == QuestionKind.NUMBER else None}
    if not question.answers.exists():
        for name, value in values.items():
            setattr(question, name, value)
        question.save()
        question.directions.set(directions)
        audit.record(question.call, actor=by, action=QuestionAction.QUESTION_CHANGED,
                     to_value=question.label)
        return question
    question.is_archived = True
    question.save(update_fields=["is_archived"])
    new = Question.objects.create(call_id=question.call_id, order=question.order,
                                  lineage=question.lineage, replaces=question, **values)
    new.directions.set(directions)
    audit.record(question.call, actor=by, action=QuestionAction.QUESTION_VERSIONED,
                 from_value=question.label, to_value=new.label)
    return new


@transaction.atomic
def remove_question(question: Question, *, by: User) -> str:
    """Delete a question nobody answered; one with answers is archived instead. Returns what
    was done: ``"deleted"`` or ``"archived"``."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.answers.exists():
        question.is_archived = True
        question.save(update_fields=["is_archived"])
        audit.record(question.call, actor=by, action=QuestionAction.QUESTION_ARCHIVED,
                     from_value=question.label)
        return "archived"
    audit.record(question.call, actor=by, action=QuestionAction.QUESTION_DELETED,
                 from_value=question.label)
    question.delete()
    return "deleted"


@transaction.atomic
def copy_questions(*, source: Call, target: Call, by: User) -> int:
    """Copy the questions in use of ``source`` (e.g. the previous call) to ``target``."""
    if source.pk == target.pk:
        raise DomainError(_("Choose another call to copy from."), field="source")
    count = 0
    for q in source.questions.filter(is_archived=False).prefetch_related("directions"):
        add_question(target, by=by, kind=q.kind, label=q.label, help_text=q.help_text,
                     required=q.required, options=q.options, min_value=q.min_value,
                     max_value=q.max_value, directions=list(q.directions.all()))
        count += 1
    audit.record(target, actor=by, action=QuestionAction.QUESTIONS_COPIED,
                 from_value=str(source), to_value=str(count))
    return count


# --- the card's side -------------------------------------------------------------------------

def questions_for(initiative: Initiative):
    """The questions in use of the card's call that concern its direction (those limited to no
    direction, or to the card's), in order, in one query. Without a call: none."""
    if not initiative.call_id:
        return []
    limited = Question.directions.through.objects.filter(question_id=OuterRef("pk"))
    return list(Question.objects.filter(call_id=initiative.call_id, is_archived=False).filter(
        ~Exists(limited) | Exists(limited.filter(direction_id=initiative.direction_id))))


def answers_of(initiative: Initiative) -> dict:
    """{question id: answer} of the card, in one query."""
    return {a.question_id: a for a in Answer.objects.filter(initiative=initiative)}


def parse(question: Question, raw, upload=None):
    """The stored value of a typed answer, or :class:`DomainError` with a Russian message.
    ``None`` is an empty answer."""
    kind = question.kind
    if kind == QuestionKind.FILE:
        return None
    if kind == QuestionKind.CHOICES:
        values = [str(v).strip() for v in (raw or []) if str(v).strip()]
        wrong = [v for v in values if v not in question.options]
        if wrong:
            raise DomainError(_("Choose among the options offered."))
        return values or None
    raw = "" if raw is None else str(raw).strip()
    if not raw:
        return None
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        limit = SHORT_LIMIT if kind == QuestionKind.SHORT_TEXT else LONG_LIMIT
        if len(raw) > limit:
            raise DomainError(_("The answer is too long: at most %(n)s characters.")
                              % {"n": limit})
        return raw.replace("\x00", "")
    if kind == QuestionKind.NUMBER:
        try:
            number = Decimal(raw.replace(" ", "").replace(",", "."))
        except InvalidOperation:
            raise DomainError(_("Write a number, e.g. 12 or 12,5.")) from None
        if not number.is_finite() or abs(number) >= Decimal("1e12"):
            raise DomainError(_("Write a number, e.g. 12 or 12,5."))
        low, high = question.min_value, question.max_value
        if (low is not None and number < low) or (high is not None and number > high):
            raise DomainError(_("The number must be from %(min)s to %(max)s.") % {
                "min": _num(low) if low is not None else "…",
                "max": _num(high) if high is not None else "…"})
        return _num(number)
    if kind == QuestionKind.DATE:
        for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                day = datetime.datetime.strptime(raw, fmt).date()
            except ValueError:
                continue
            if not 1900 <= day.year <= 2100:
                break
            return day.isoformat()
        raise DomainError(_("Write a date as dd.mm.yyyy."))
    if kind == QuestionKind.YES_NO:
        if raw not in ("yes", "no"):
            raise DomainError(_("Answer yes or no."))
        return raw == "yes"
    if kind == QuestionKind.CHOICE:
        if raw not in question.options:
            raise DomainError(_("Choose among the options offered."))
        return raw
    if kind == QuestionKind.LINK:
        try:
            URLValidator(schemes=["http", "https"])(raw)
        except ValidationError:
            raise DomainError(_("Write a link that starts with http:// or https://.")) from None
        return raw[:2000]
    raise DomainError(_("Unknown kind of question."))


def _num(number):
    text = f"{Decimal(number).normalize():f}"
    return text.replace(".", ",")


@transaction.atomic
def save_answers(initiative: Initiative, *, by: User, data, files=None) -> dict:
    """Save the card's answers typed in ``data`` (``q_<id>`` keys; lists for several choices)
    and uploaded in ``files``. A wrong answer is not saved and comes back in the returned
    {field name: message}; the others are saved."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.state not in EDITABLE_STATES:
        raise DomainError(_("The card cannot be edited in its present state."))
    files = files or {}
    errors = {}
    current = answers_of(locked)
    for question in questions_for(locked):
        name = field_name(question)
        if question.kind == QuestionKind.FILE:
            upload = files.get(name)
            if upload is None:
                continue
            try:
                checked = check_upload(upload)
            except ValidationError as e:
                errors[name] = " ".join(e.messages)
                continue
            answer = current.get(question.pk) or Answer(initiative=locked, question=question)
            upload.seek(0)
            answer.file.save(checked.stored_name, upload, save=False)
            answer.original_name = checked.original_name[:255]
            answer.value = checked.original_name[:255]
            answer.updated_by = by
            answer.save()
            continue
        if question.kind == QuestionKind.CHOICES:
            if f"{name}_present" not in data and name not in data:
                continue
            raw = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        else:
            if name not in data:
                continue
            raw = data.get(name)
        try:
            value = parse(question, raw)
        except DomainError as e:
            errors[name] = str(e)
            continue
        answer = current.get(question.pk)
        if value is None:
            if answer is not None:
                answer.delete()
            continue
        if answer is None:
            Answer.objects.create(initiative=locked, question=question, value=value,
                                  updated_by=by)
        elif answer.value != value:
            answer.value, answer.updated_by = value, by
            answer.save(update_fields=["value", "updated_by", "updated_at"])
    return errors


def _first_submitted_at(initiative):
    return (initiative.versions.order_by("number").values_list("submitted_at", flat=True)
            .first())


def binding(initiative, questions):
    """The required questions that bind this card: a question added after the card's first
    submission does not make it incomplete retroactively."""
    first = _first_submitted_at(initiative) if initiative.state not in ("draft",) else None
    return [q for q in questions if q.required and (first is None or q.created_at <= first
                                                    or q.replaces_id is not None)]


def missing(initiative) -> dict:
    """Required questions the card has not answered: {field name: message}."""
    questions = questions_for(initiative)
    if not questions:
        return {}
    answered = set(Answer.objects.filter(initiative=initiative).values_list("question_id",
                                                                            flat=True))
    return {field_name(q): _("Answer the question «%(q)s».") % {"q": q.label}
            for q in binding(initiative, questions) if q.pk not in answered}


def text_of(question, answer) -> str:
    """An answer as plain text (frozen versions, exports, documents)."""
    if answer is None or answer.value in (None, "", []):
        return ""
    value = answer.value
    if question.kind == QuestionKind.YES_NO:
        return _("yes") if value else _("no")
    if question.kind == QuestionKind.DATE:
        return date_format(datetime.date.fromisoformat(value), "d.m.Y")
    if question.kind == QuestionKind.CHOICES:
        return "; ".join(value)
    return str(value)


def answer_texts(initiative) -> list:
    """[{"key", "label", "text"}] of the card's questions, for its frozen version."""
    questions = questions_for(initiative)
    answers = answers_of(initiative) if questions else {}
    return [{"key": f"q{q.lineage}", "label": q.label, "text": text_of(q, answers.get(q.pk))}
            for q in questions]


def export_columns(initiative_ids):
    """(labels, {initiative id: {label: text}}) of the answers of these cards, for the
    registry's export: a column per question label, in two queries."""
    answers = (Answer.objects.filter(initiative_id__in=initiative_ids)
               .select_related("question").order_by("question__call_id", "question__order",
                                                    "question_id"))
    labels, rows = [], {}
    for a in answers:
        if a.question.label not in labels:
            labels.append(a.question.label)
        rows.setdefault(a.initiative_id, {})[a.question.label] = text_of(a.question, a)
    return labels, rows




# --- the Word card: text under a question's heading -------------------------------------------

TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
def claim_from_card(initiative, card, *, by, direction_id=None):
    """After the seed's sections have taken their headings, the pieces left unrecognised
    whose heading names a text question of the card's call become its answers. Returns the
    card without them."""
    if not initiative.call_id:
        return card
    if direction_id is not None:
        initiative.direction_id = direction_id
    questions = [q for q in questions_for(initiative) if q.kind in TEXT_KINDS]
    if not questions:
        return card
    left, answers = [], answers_of(initiative)
    for piece in card.get("unrecognised", []):
        heading, text = piece.get("heading", ""), (piece.get("text") or "").strip()
        question = next((q for q in questions if heading and text
                         and heading_matches(heading, q.label)), None)
        if question is None:
            left.append(piece)
            continue
        limit = SHORT_LIMIT if question.kind == QuestionKind.SHORT_TEXT else LONG_LIMIT
        answer = answers.get(question.pk)
        if answer is None:
            answers[question.pk] = Answer.objects.create(
                initiative=initiative, question=question, value=text[:limit], updated_by=by)
        else:
            answer.value = f"{answer.value}\n{text}"[:limit] if answer.value else text[:limit]
            answer.updated_by = by
            answer.save(update_fields=["value", "updated_by", "updated_at"])
    return {**card, "unrecognised": left}


def labels_for_reading(initiative=None):
    """The question labels a Word card may hold: those of the card's call, or (a new draft)
    those of the calls open now."""
    if initiative is not None:
        if not initiative.call_id:
            return []
        found = Question.objects.filter(call_id=initiative.call_id, is_archived=False)
    else:
        now = timezone.now()
        found = Question.objects.filter(call__opens_at__lte=now, call__closes_at__gte=now,
                                        is_archived=False)
    return list(found.filter(kind__in=TEXT_KINDS).values_list("label", flat=True))
