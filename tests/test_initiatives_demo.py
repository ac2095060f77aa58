"""The demo initiatives of the seeds, in fitting states, with real histories."""

import pytest
from django.core.management import call_command
from django.utils import translation

from accounts.audit import history_for, value_label
from accounts.models import AuditRecord, Notification, OutgoingEmail, User
from expertise.demo.scaled import REVIEWED
from expertise.models import ExpertAssignment, Review, ReviewForm, Score, ThreadMessage
from initiatives.demo import lived
from initiatives.enums import InitiativeState as S
from initiatives.models import Direction, Initiative, InitiativeVersion
from meetings.models import Decision, Meeting
from network.models import EventRegistration, Network, NetworkEvent
from portfolio.models import IndicatorPlan, ReportingPeriod

pytestmark = pytest.mark.django_db


def test_the_demo_builds_the_seed_initiatives_idempotently(demo):
    counts = (Initiative.objects.count(), ExpertAssignment.objects.count())
    call_command("seed_demo", verbosity=0)
    # 14 cards of the seeds, the founding project of «Чайковское метро» (initiatives.demo.network)
    # and 6 projects of portfolio.demo; 9 assignments: issue 5's demo assigns expert2
    # to «Свежий ветер»; the current academic year (portfolio.demo.today) adds 14 cards, one in
    # each state, and 6 assignments
    assert (Initiative.objects.count(), ExpertAssignment.objects.count()) == counts == (35, 15)
    po_plus = Initiative.objects.get(title="Проектный офис+. Неформальный подход")
    assert (po_plus.organisation.short_name, po_plus.state, po_plus.academic_year) == (
        "МБУ ЦРО", S.IN_PROGRESS, "2021/2022")
    assert po_plus.goal == ("Выстраивание самоорганизующейся инновационной методической сети через "
                            "расширение функций деятельности Муниципального проектного офиса.")
    assert len(po_plus.tasks) == 6
    with translation.override("ru"):
        states = [str(value_label(h.to_value)) for h in history_for(po_plus)
                  if h.action == "state_changed"][::-1]
    assert states == [
        "подана", "на экспертизе", "рекомендована", "утверждена", "в реализации"]
    assert {i.created_by.username for i in Initiative.objects.filter(
        organisation__short_name="МБОУ СОШ № 7", state=S.DRAFT)} == {"team"}
    assert {d.name for d in Direction.objects.all()} >= {
        "Методическое сопровождение деятельности педагогических работников",
        "Повышение качества образования в ОУ"}


def test_expert_has_the_assignments_of_school_7_and_expert2_none_of_them(demo):
    mine = ExpertAssignment.objects.filter(expert__username="expert")
    assert {a.initiative.organisation.short_name for a in mine} == {"МБОУ СОШ № 7"}
    assert ExpertAssignment.objects.filter(
        expert__username="expert2", initiative__organisation__short_name="МБОУ СОШ № 7"
    ).count() == 0


def _scaled_counts():
    generated = Initiative.objects.filter(title__startswith="Сгенерированная инициатива №")
    return {
        "initiatives": generated.count(),
        "states": generated.values("state").distinct().count(),
        "reviews": Review.objects.filter(assignment__initiative__in=generated).count(),
        "scores": Score.objects.filter(review__assignment__initiative__in=generated).count(),
        "messages": ThreadMessage.objects.filter(initiative__in=generated).count(),
        "periods": ReportingPeriod.objects.filter(initiative__in=generated).count(),
        "plans": IndicatorPlan.objects.filter(indicator__initiative__in=generated).count(),
        "meetings": Meeting.objects.filter(items__initiative__in=generated).distinct().count(),
        "decisions": Decision.objects.filter(item__initiative__in=generated).count(),
        "networks": Network.objects.filter(slug__startswith="scale-net-").count(),
        "events": NetworkEvent.objects.filter(network__slug__startswith="scale-net-").count(),
        # initiatives.demo.lived: the rows that grow with time
        "audit": AuditRecord.objects.filter(
            content_type__model="initiative", data__has_key="line",
            object_id__in=[str(pk) for pk in generated.values_list("pk", flat=True)]).count(),
        "versions": InitiativeVersion.objects.filter(initiative__in=generated).count(),
        "notifications": Notification.objects.filter(
            url__in=[f"/initiatives/{pk}/" for pk in generated.values_list("pk", flat=True)]
        ).count(),
        "letters": OutgoingEmail.objects.filter(to__0__startswith="scale-").count(),
        "registrations": EventRegistration.objects.filter(person__username__startswith="scale-")
        .count(),
    }


def test_scale_makes_proportional_generated_data_once():
    call_command("seed_demo", scale=2, verbosity=0)
    generated = Initiative.objects.filter(title__startswith="Сгенерированная инициатива №")
    counts = _scaled_counts()
    reviewed = generated.filter(state__in=REVIEWED).count()
    under_review = generated.filter(state=S.UNDER_REVIEW).count()
    submitted = generated.exclude(state=S.DRAFT).count()
    projects = generated.filter(state__in=[S.IN_PROGRESS, S.COMPLETED, S.CLOSED]).count()
    form_criteria = ReviewForm.objects.get(status="in_use").criteria.count()
    assert counts == {
        "initiatives": 200, "states": len(S.values),
        # two reviews per reviewed card; drafts (under review) have two criteria scored
        "reviews": 2 * reviewed,
        "scores": 2 * (reviewed - under_review) * form_criteria + 2 * under_review * 2,
        "messages": 3 * submitted, "periods": 2 * projects, "plans": 2 * projects,
        "meetings": 10, "decisions": 40, "networks": 1, "events": 30,
        "audit": 100 * submitted, "versions": counts["versions"],
        "notifications": 10 * submitted, "letters": 2 * submitted,
        "registrations": counts["registrations"],
    }
    # 3 to 5 versions of every submitted card; every tenth generated person at every event
    # (fewer than REGISTRATIONS_PER_EVENT at this scale)
    assert 3 * submitted <= counts["versions"] <= 5 * submitted
    people = User.objects.filter(username__startswith="scale-").count()
    assert counts["registrations"] >= NetworkEvent.objects.count() * len(range(0, people, 10))
    # the history is spread over the card's year, not written on the day of the seeding
    years = {line.year for line in AuditRecord.objects.filter(
        content_type__model="initiative", data__has_key="line", object_id__in=[
            str(pk) for pk in generated.values_list("pk", flat=True)]).dates("at", "year")}
    assert len(years) >= 4 and max(years) < 2025
    assert 0 < under_review < reviewed < submitted < 200
    # the same again: nothing is added twice
    call_command("seed_demo", scale=2, verbosity=0)
    assert _scaled_counts() == counts


def test_an_event_takes_a_window_of_the_people_not_all_of_them(monkeypatch):
    """The registrations grow with the events, not with events × people: each event takes
    REGISTRATIONS_PER_EVENT of every tenth person, the window moving on from one to the next."""
    call_command("seed_demo", scale=2, verbosity=0)
    EventRegistration.objects.filter(person__username__startswith="scale-").delete()
    monkeypatch.setattr(lived, "REGISTRATIONS_PER_EVENT", 2)
    people = list(User.objects.filter(username__startswith="scale-").order_by("pk")
                  .values_list("pk", flat=True))
    lived._registrations(people)
    per_event = {}
    for event, person in EventRegistration.objects.filter(
            person__username__startswith="scale-").values_list("event_id", "person_id"):
        per_event.setdefault(event, set()).add(person)
    assert len(per_event) == NetworkEvent.objects.count()
    assert {len(p) for p in per_event.values()} == {2}
    # not the same two everywhere: the window moves along every tenth person
    assert set().union(*per_event.values()) == set(people[::10])
