"""Demo expertise: positions of the demo experts, reviews on the seeded form (one initiative with
disagreement), accompaniment threads (one with open recommendations) and an issued conclusion
with its PDF. Runs after ``initiatives.demo``; idempotent (nothing is added twice)."""

import datetime
from functools import partial
from importlib import import_module

from django.db import transaction
from django.utils import timezone

from accounts.enums import ExpertPositionKind as P
from accounts.expertise import set_expert_position
from accounts.models import ExpertPosition, Notification
from expertise import assignments
from expertise import services as expertise
from expertise.models import (
    Conclusion,
    Criterion,
    ExpertAssignment,
    ExpertDirection,
    Review,
    ReviewForm,
    ThreadMessage,
)
from expertise.pdf import store_conclusion_pdf
from initiatives import lifecycle
from initiatives.demo import LIFT
from initiatives.enums import (
    ExpertAssignmentStatus,
    InitiativeState,
    MessageKind,
    Recommendation,
    ReviewState,
)

NET7 = "Методическая сеть учителей естественно-математического цикла"
SVEZHIY = "Методическая сеть педагогов дополнительного образования"
KINDERGARTEN = "Детский сад — пространство инициатив"

POSITIONS = [  # login, position, since, reason
    ("expert", P.CONTENT_EXPERT, datetime.date(2020, 9, 1), "Включён в состав экспертов "
     "проектного офиса; провёл первые экспертизы проектных замыслов."),
    ("expert", P.SYSTEM_METHODOLOGIST, datetime.date(2022, 1, 20), "Провёл шесть экспертиз и "
     "консультировал команды по целевым показателям."),
    ("expert2", P.CONTENT_EXPERT, datetime.date(2021, 9, 1), "Включена в состав экспертов."),
    ("orlova", P.DEVELOPING_EXPERT, datetime.date(2021, 10, 28), "Сопровождает команды сети "
     "«Чайковское метро», проводит рефлексивные встречи."),
    ("head", P.DEVELOPER, datetime.date(2020, 11, 26), "Руководит проектированием инновационной "
     "методической сети."),
]


def _first_assignments(created, people):
    """The experts of the seeds' initiatives (made by ``initiatives.demo``, which runs first)."""
    staff = people["staff"]
    lift7 = created[f"{LIFT} (МБОУ СОШ № 7)"]
    net7 = created["Методическая сеть учителей естественно-математического цикла"]
    for initiative in (lift7, net7):
        assignments.assign_expert(initiative, expert=people["expert"], by=staff,
                               due_on=datetime.date(initiative.starts_on.year, 10, 15),
                               status=ExpertAssignmentStatus.ACCEPTED)
    for title in ("Муниципальная программа «УникУм» службы сопровождения одарённых детей",
                  "Миссия выполнима: как повысить качество образования в основной и старшей школе?.!",
                  "Детский сад — пространство инициатив"):
        assignments.assign_expert(created[title], expert=people["expert2"], by=staff,
                               status=ExpertAssignmentStatus.DONE)
        assignments.assign_expert(created[title], expert=people["orlova"], by=staff,
                               status=ExpertAssignmentStatus.DONE)


def seed(ctx):
    people, initiatives = ctx.people, ctx.extra.get("initiatives", {})
    form = ReviewForm.objects.filter(status="in_use").order_by("-pk").first()
    if form is None:  # a test database flushed between tests has lost the migration's form
        import_module("initiatives.migrations.0004_review_form_seed").create_form(ReviewForm, Criterion)
        form = ReviewForm.objects.filter(status="in_use").order_by("-pk").first()
    if not initiatives:
        return
    _first_assignments(initiatives, people)
    before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with transaction.atomic():
        _positions(people)
        _directions(people, ctx.extra.get("directions", []))
        _svezhiy_veter(initiatives[SVEZHIY], people)
        _net7(initiatives[NET7], people, form)
        _kindergarten(initiatives[KINDERGARTEN], people, form)
        _in_autumn_2022([initiatives[NET7], initiatives[KINDERGARTEN]])
        # the events above happened long ago: their notifications are read
        Notification.objects.filter(pk__gt=before, read_at__isnull=True).update(
            read_at=timezone.now())


def _at(month, day, hour=15):
    return timezone.make_aware(datetime.datetime(2022, month, day, hour))


def _in_autumn_2022(cards):
    """The story of these cards happened in the autumn of 2022 (the seed's year): date their
    reviews, threads and conclusion then, so the 2022 report and dashboard show them. Setting
    fixed dates is idempotent."""
    assignments = ExpertAssignment.objects.filter(initiative__in=cards)
    assignments.update(created_at=_at(10, 3), responded_at=_at(10, 4))
    for n, review in enumerate(Review.objects.filter(assignment__in=assignments)
                               .order_by("pk")):
        Review.objects.filter(pk=review.pk).update(created_at=_at(10, 10 + n),
                                                   submitted_at=_at(10, 20 + n))
    for n, message in enumerate(ThreadMessage.objects.filter(initiative__in=cards)
                                .order_by("pk")):
        when = _at(11, 1 + 2 * n)
        ThreadMessage.objects.filter(pk=message.pk).update(created_at=when)
        ThreadMessage.objects.filter(pk=message.pk, addressed_at__isnull=False).update(
            addressed_at=when + datetime.timedelta(days=5))
        ThreadMessage.objects.filter(pk=message.pk, resolved_at__isnull=False).update(
            resolved_at=when + datetime.timedelta(days=7))
    for conclusion in Conclusion.objects.filter(initiative__in=cards, issued_at__isnull=False):
        if conclusion.issued_at.year == 2022:
            continue
        # its number carries the year of issue: renumber it and draw its PDF again
        number = conclusion.number.rsplit("/", 1)[0] + "/2022"
        Conclusion.objects.filter(pk=conclusion.pk).update(
            created_at=_at(12, 5), issued_at=_at(12, 8), number=number)
        transaction.on_commit(partial(store_conclusion_pdf, conclusion.pk))


def _positions(people):
    for login, position, since, reason in POSITIONS:
        person = people[login]
        if not ExpertPosition.objects.filter(person=person, position=position).exists():
            set_expert_position(person, position=position, reason=reason, by=people["head"],
                                since=since)


def _directions(people, directions):
    for login, indices in (("expert", [1, 2]), ("expert2", [0, 3]), ("orlova", [3])):
        for k in indices:
            if k < len(directions):
                ExpertDirection.objects.get_or_create(expert=people[login],
                                                      direction=directions[k])


def _review(initiative, person, form, values, comments, recommendation, summary):
    assignment = ExpertAssignment.objects.filter(initiative=initiative, expert=person).first()
    if assignment is None:
        assignment = expertise.assign_expert(initiative, expert=person, by=None,
                                             status=ExpertAssignmentStatus.ACCEPTED, send=False)
    if assignment.status == ExpertAssignmentStatus.DONE and \
            Review.objects.filter(assignment=assignment).exists():
        return
    if assignment.status != ExpertAssignmentStatus.ACCEPTED:
        ExpertAssignment.objects.filter(pk=assignment.pk).update(
            status=ExpertAssignmentStatus.ACCEPTED)
        assignment.refresh_from_db()
    review = expertise.open_review(assignment, by=person)
    criteria = list(form.criteria.order_by("order"))
    expertise.save_review(review, by=person, recommendation=recommendation, summary=summary,
                          scores={c.pk: (v, comments.get(k, "")) for k, (c, v) in
                                  enumerate(zip(criteria, values, strict=False))})
    if review.state == ReviewState.DRAFT:
        expertise.submit_review(review, by=person)


def _svezhiy_veter(initiative, people):
    """Submitted, not yet under review: the office assigns expert2 with a due date."""
    if not ExpertAssignment.objects.filter(initiative=initiative, expert=people["expert2"]).exists():
        expertise.assign_expert(initiative, expert=people["expert2"], by=people["staff"],
                                due_on=datetime.date(2022, 11, 15), send=False)


def _net7(initiative, people, form):
    """Resubmitted after a revision: one review, a thread with two open recommendations and a
    question answered."""
    if initiative.state == InitiativeState.REVISION_REQUESTED:
        # the team revised the card and sent it again; the expert reviews the new version
        lifecycle.fire(initiative, "resubmit", by=people["team"], notify=False)
    if initiative.state == InitiativeState.RESUBMITTED:
        _review(initiative, people["expert"], form, [4, 3, 2, 3, 4, 5],
                {2: "Показатели не имеют базовых значений; задачи не связаны с результатами."},
                Recommendation.AFTER_REVISION,
                "Сильный сетевой потенциал; структура замысла требует доработки.")
    if ThreadMessage.objects.filter(initiative=initiative).exists():
        return
    expert, team = people["expert"], people["team"]
    expertise.post_message(initiative, by=expert, kind=MessageKind.RECOMMENDATION,
                           text="Укажите базовые значения показателей на начало 2022/2023 "
                                "учебного года.")
    expertise.post_message(initiative, by=expert, kind=MessageKind.RECOMMENDATION,
                           text="Свяжите каждую задачу с ожидаемым результатом и событием сети.")
    question = expertise.post_message(initiative, by=team, kind=MessageKind.QUESTION,
                                      text="Можно ли считать открытые уроки сетевыми событиями?")
    expertise.post_message(initiative, by=expert, kind=MessageKind.ANSWER, reply_to=question,
                           text="Да, если в них участвуют педагоги не менее трёх школ сети.")


def _kindergarten(initiative, people, form):
    """Two reviews that disagree, an accepted recommendation and the issued conclusion (PDF)."""
    if Conclusion.objects.filter(initiative=initiative).exists():
        return
    if initiative.state == InitiativeState.RECOMMENDED:
        # the office asked for a revision, the team resubmitted: now the experts review it
        lifecycle.fire(initiative, "request_revision", by=people["staff"], notify=False,
                       comment="Уточните ресурсы и сроки клубных часов.")
        lifecycle.fire(initiative, "resubmit", by=people["andreeva"], notify=False)
    if initiative.state != InitiativeState.RESUBMITTED:
        return
    _review(initiative, people["expert2"], form, [5, 5, 4, 4, 5, 5], {},
            Recommendation.RECOMMEND, "Замысел проработан, сетевой потенциал высокий.")
    _review(initiative, people["orlova"], form, [3, 2, 2, 1, 3, 3],
            {1: "Этапы не распределены по срокам.", 2: "Нет целевых значений показателей.",
             3: "Ресурсы не описаны."},
            Recommendation.AFTER_REVISION, "Идея ценная, но как проект не проработана.")
    expertise.post_message(initiative, by=people["orlova"], kind=MessageKind.RECOMMENDATION,
                           text="Опишите ресурсы: кто из педагогов ведёт клубный час и когда.")
    rec = ThreadMessage.objects.filter(initiative=initiative, kind="recommendation").first()
    expertise.mark_addressed(rec, by=people["andreeva"], note="Приложение 2 к карточке, план "
                             "клубных часов")
    expertise.accept_recommendation(rec, by=people["orlova"])
    draft = expertise.compose_conclusion(
        initiative, by=people["staff"], recommendation=Recommendation.RECOMMEND,
        summary="Эксперты разошлись в оценке проработанности замысла (разброс итогов выше "
                "порога). После обсуждения на заседании офиса рекомендация учтена командой.",
        conditions="Представить план клубных часов с целевыми значениями показателей.")
    expertise.issue_conclusion(draft, by=people["head"], notify_people=False)
