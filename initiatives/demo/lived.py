"""Benchmark data that grows with time, for ``seed_demo --scale N``: what a portal holds after
years of use besides its cards. Runs after ``expertise.demo.scaled``.

Per generated initiative: about a hundred audit lines spread over its year (state changes,
versions, messages, assignments, reviews, team and indicator edits, by the team, the office and
the experts), 3–5 frozen versions of a submitted card, ten notifications to its people (four in
five read) with a letter for every fifth, and for every network event a registration of up to
REGISTRATIONS_PER_EVENT of every tenth generated person (a window moving along them).
Everything is written with ``bulk_create`` and idempotent: a card that already has its versions
is skipped.

The timestamps (``at``, ``created_at``) are filled by the database on insert (``auto_now_add``),
so each batch is dated afterwards by one UPDATE that spreads its rows over the initiative's
year: rows are ordered line by line across the batch's cards, so every card's history spans the
year rather than a few days of it.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import DateTimeField, ExpressionWrapper, F, Value
from django.utils import timezone

from accounts.enums import AuditAction, NotificationKind, OutgoingEmailState
from accounts.models import AuditRecord, Notification, OutgoingEmail, User
from initiatives.demo import SCALED_PREFIX as PREFIX
from initiatives.enums import InitiativeAction
from initiatives.enums import InitiativeState as S
from initiatives.models import Initiative, InitiativeVersion
from network.models import EventRegistration, NetworkEvent

LINES_PER_CARD = 100
NOTIFICATIONS_PER_CARD = 10
REGISTRATIONS_PER_EVENT = 200
"""The busiest events list a few hundred people; the registrations grow with the events, not with
events × people (every tenth person at every event made 100 million rows at the 100k scale)."""
CARDS_PER_BATCH = 40
BATCH = 2000
# what a card's history is made of, in the proportions of the demo's real histories
ACTIONS = [
    (AuditAction.STATE_CHANGED, "submitted", "under_review"),
    (InitiativeAction.VERSION_FROZEN, "", ""),
    (InitiativeAction.MESSAGE_POSTED, "", ""),
    (InitiativeAction.MESSAGE_POSTED, "", ""),
    (InitiativeAction.EXPERT_ASSIGNED, "", ""),
    (InitiativeAction.ASSIGNMENT_ACCEPTED, "", ""),
    (InitiativeAction.REVIEW_SUBMITTED, "", ""),
    (InitiativeAction.TEAM_MEMBER_ADDED, "", ""),
    (InitiativeAction.INDICATOR_ADDED, "", ""),
    (InitiativeAction.ATTACHMENT_ADDED, "", ""),
]
KINDS = [NotificationKind.values[k % len(NotificationKind.values)] for k in range(10)]


def seed(ctx):
    if ctx.scale <= 1:
        return
    people = list(User.objects.filter(username__startswith="scale-").order_by("pk")
                  .values_list("pk", flat=True))
    office = list(User.objects.filter(username__in=["staff", "head"]).values_list("pk", flat=True))
    if not people:
        return
    todo = list(Initiative.objects.filter(title__startswith=PREFIX, versions__isnull=True)
                .exclude(state=S.DRAFT).order_by("pk")
                .values_list("pk", "title", "leader_id", "starts_on", "annotation"))
    content_type = ContentType.objects.get_for_model(Initiative)
    for start in range(0, len(todo), CARDS_PER_BATCH):
        cards = todo[start:start + CARDS_PER_BATCH]
        _history(cards, content_type, people, office)
        _versions(cards)
        _notifications(cards, people)
    _registrations(people)


def _year_of(starts_on):
    start = datetime.datetime.combine(starts_on or datetime.date(2019, 9, 1), datetime.time(9))
    return timezone.make_aware(start - datetime.timedelta(days=90))


def _date(model, field, first_pk, last_pk, start, span):
    """Spread the rows first_pk..last_pk evenly over ``span`` from ``start`` (one UPDATE)."""
    count = max(1, last_pk - first_pk)
    step = span / count
    model.objects.filter(pk__range=(first_pk, last_pk)).update(**{field: ExpressionWrapper(
        Value(start) + (F("pk") - first_pk) * Value(step), output_field=DateTimeField())})


def _history(cards, content_type, people, office):
    rows = []
    for line in range(LINES_PER_CARD):
        action, source, target = ACTIONS[line % len(ACTIONS)]
        for n, (pk, title, leader, _starts, _text) in enumerate(cards):
            if line % 3 == 0:
                actor = office[(n + line) % len(office)] if office else leader
            elif line % 3 == 1:
                actor = leader
            else:
                actor = people[(pk * 7 + line) % len(people)]
            rows.append(AuditRecord(
                actor_id=actor, content_type=content_type, object_id=str(pk),
                object_repr=title[:300], action=str(action), from_value=source,
                to_value=target, comment="Рабочая запись." if line % 10 == 0 else "",
                data={"line": line}))
    made = AuditRecord.objects.bulk_create(rows, batch_size=BATCH)
    _date(AuditRecord, "at", made[0].pk, made[-1].pk, _year_of(cards[0][3]),
          datetime.timedelta(days=365))


def _versions(cards):
    rows = []
    for pk, title, leader, starts_on, text in cards:
        submitted = _year_of(starts_on) + datetime.timedelta(days=14)
        for number in range(1, 3 + pk % 3 + 1):
            rows.append(InitiativeVersion(
                initiative_id=pk, number=number, submitted_by_id=leader,
                submitted_at=submitted + datetime.timedelta(days=30 * (number - 1)),
                snapshot={"title": title, "annotation": f"{text} Редакция {number}.",
                          "problem": "Проблемный анализ ситуации.", "goal": "Цель проекта.",
                          "tasks": ["Задача 1", "Задача 2", f"Задача {number + 2}"]}))
    InitiativeVersion.objects.bulk_create(rows, batch_size=BATCH)


def _notifications(cards, people):
    rows = []
    for k in range(NOTIFICATIONS_PER_CARD):
        for n, (pk, title, leader, _starts, _text) in enumerate(cards):
            recipient = leader if k % 2 == 0 and leader else people[(pk + k * 13) % len(people)]
            rows.append(Notification(
                recipient_id=recipient, kind=KINDS[k], title=f"{title[:200]}: новое событие",
                body="Откройте карточку, чтобы посмотреть подробности.",
                url=f"/initiatives/{pk}/", read_at=None if (n + k) % 5 == 0 else timezone.now()))
    made = Notification.objects.bulk_create(rows, batch_size=BATCH)
    start = _year_of(cards[0][3])
    _date(Notification, "created_at", made[0].pk, made[-1].pk, start, datetime.timedelta(days=365))
    letters = OutgoingEmail.objects.bulk_create(
        [OutgoingEmail(subject=row.title, body=row.body, to=[f"scale-{row.recipient_id}@example.org"],
                       state=OutgoingEmailState.SENT, attempts=1, sent_at=timezone.now())
         for row in made[::5]], batch_size=BATCH)
    _date(OutgoingEmail, "created_at", letters[0].pk, letters[-1].pk, start,
          datetime.timedelta(days=365))


def _registrations(people):
    """Up to REGISTRATIONS_PER_EVENT of every tenth generated person registered for each event
    (the busiest network's page and an event's page then list hundreds of people at the larger
    scales), the window moving along them from one event to the next."""
    chosen = people[::10]
    size = min(len(chosen), REGISTRATIONS_PER_EVENT)
    events = NetworkEvent.objects.order_by("pk").values_list("pk", flat=True)
    for n, event in enumerate(events):
        start = n * size % len(chosen)
        window = (chosen[start:] + chosen[:start])[:size]
        have = set(EventRegistration.objects.filter(event_id=event)
                   .values_list("person_id", flat=True))
        EventRegistration.objects.bulk_create(
            [EventRegistration(event_id=event, person_id=person, attended=person % 3 == 0)
             for person in window if person not in have], batch_size=BATCH)
