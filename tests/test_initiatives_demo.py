"""The demo initiatives of the seeds, in fitting states, with real histories."""

import pytest
from django.core.management import call_command
from django.utils import translation

from accounts.audit import history_for, value_label
from initiatives.enums import InitiativeState as S
from initiatives.models import Direction, ExpertAssignment, Initiative

pytestmark = pytest.mark.django_db


def test_the_demo_builds_the_seed_initiatives_idempotently():
    call_command("seed_demo", verbosity=0)
    counts = (Initiative.objects.count(), ExpertAssignment.objects.count())
    call_command("seed_demo", verbosity=0)
    # 14 cards of the seeds, the founding project of «Чайковское метро» (initiatives.demo_network)
    # and 6 projects of initiatives.demo_portfolio; 9 assignments: issue 5's demo assigns expert2
    # to «Свежий ветер»
    assert (Initiative.objects.count(), ExpertAssignment.objects.count()) == counts == (21, 9)
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
    assert Initiative.objects.get(organisation__short_name="МБОУ СОШ № 7",
                                  state=S.DRAFT).created_by.username == "team"
    assert {d.name for d in Direction.objects.all()} >= {
        "Методическое сопровождение деятельности педагогических работников",
        "Повышение качества образования в ОУ"}


def test_expert_has_the_assignments_of_school_7_and_expert2_none_of_them():
    call_command("seed_demo", verbosity=0)
    mine = ExpertAssignment.objects.filter(expert__username="expert")
    assert {a.initiative.organisation.short_name for a in mine} == {"МБОУ СОШ № 7"}
    assert ExpertAssignment.objects.filter(
        expert__username="expert2", initiative__organisation__short_name="МБОУ СОШ № 7"
    ).count() == 0


def test_scale_adds_a_hundred_generated_initiatives_per_unit():
    call_command("seed_demo", scale=3, verbosity=0)
    generated = Initiative.objects.filter(title__startswith="Сгенерированная инициатива №")
    assert generated.count() == 300
    call_command("seed_demo", scale=3, verbosity=0)
    assert generated.count() == 300
