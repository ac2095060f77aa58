"""The demo's call for initiatives: open on the day the demo is started (``ctx.today``), for the
next academic year, closing at the end of a day three weeks later. Idempotent."""

import datetime

from accounts.models import User
from initiatives.calls import questions, services
from initiatives.models import Answer, Call, Initiative

DESCRIPTION = (
    "Проектный офис принимает проектные замыслы образовательных организаций на следующий "
    "учебный год. Замысел подаётся командой ОО через портал; к каждой подаче приходит "
    "расписка с номером в журнале приёма."
)

# what the office asks this year beyond the card's sections
QUESTIONS = [
    ("Ресурсы проекта", "long_text", False),
    ("Риски проекта и как вы их снизите", "long_text", False),
    ("Как вы узнаете, что получилось", "long_text", False),
    ("Уровень проекта", "choice", False),
]
OPTIONS = {"Уровень проекта": ["школьный", "сетевой", "муниципальный"]}


def seed(ctx):
    start = ctx.today.year if ctx.today.month >= 9 else ctx.today.year - 1
    year = f"{start + 1}/{start + 2}"
    title = f"Приём проектных замыслов на {year} учебный год"
    call = Call.objects.filter(title=title).first()
    if call is not None:
        return _bench_card(ctx, call)
    staff = User.objects.filter(username="staff").first()
    call = services.save_call(
        by=staff, title=title, academic_year=year, description=DESCRIPTION,
        opens_at=services.moment(ctx.today - datetime.timedelta(days=10)),
        closes_at=services.moment(ctx.today + datetime.timedelta(days=21), closing=True),
    )
    for label, kind, required in QUESTIONS:
        questions.add_question(call, by=staff, kind=kind, label=label, required=required,
                               options=OPTIONS.get(label, ()))
    _bench_card(ctx, call)


BENCH_TITLE = "Замер: карточка с ответами на 30 вопросов приёма"


def _bench_card(ctx, call):
    """At --scale (the benchmark's databases): a draft of МБОУ СОШ № 7 in the call that
    answers 30 questions, measured by ``make bench`` against a card with none."""
    if ctx.scale <= 1 or Initiative.objects.filter(title=BENCH_TITLE).exists():
        return
    staff = User.objects.filter(username="staff").first()
    team = User.objects.filter(username="team").first()
    organisation = team.memberships.filter(is_active=True).first().organisation
    for n in range(call.questions.count(), 30):
        questions.add_question(call, by=staff, kind="short_text", label=f"Вопрос для замера {n + 1}")
    card = Initiative.objects.create(organisation=organisation, title=BENCH_TITLE, call=call,
                                     created_by=team, last_edited_by=team)
    Answer.objects.bulk_create(
        Answer(initiative=card, question=q,
               value=q.options[0] if q.options else f"Ответ на вопрос «{q.label}»")
        for q in call.questions.filter(is_archived=False))
