"""Network health: every figure on small hand-made networks, the numbers worked out by hand."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from network import services
from network.enums import HealthStatus
from network.health import EventFact, network_health, quarter_health, quarters_between
from network.models import NetworkHealth
from network.tasks import compute_network_health
from tests.factories import (
    EventOrganiserFactory,
    EventRegistrationFactory,
    InitiativeFactory,
    NetworkEventFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)

D = datetime.date
Q1_2023 = D(2023, 1, 1)

# People 1–6; organisations 10, 20, 30, 40. E0 falls in the year before the window.
EVENTS = [
    EventFact(D(2021, 12, 1), organisers=((3, 20),)),                              # E0
    EventFact(D(2022, 5, 10), organisers=((1, 10),), participants=((5, 30),)),      # E1
    EventFact(D(2022, 10, 5), organisers=((1, 10),), participants=((5, 30), (6, 40))),  # E2
    EventFact(D(2023, 1, 20), organisers=((1, 10), (2, 10)), participants=((6, 40),)),  # E3
    EventFact(D(2023, 2, 15), organisers=((3, 20),), participants=((4, 30),)),      # E4
    EventFact(D(2023, 3, 30), organisers=((1, 10),), participants=((4, 30),)),      # E5
]
INITIATIVES = [D(2023, 2, 1), D(2022, 12, 31), D(2023, 3, 31)]
FOUNDING_ENDED = D(2022, 5, 31)


def test_every_figure_of_a_quarter():
    h = quarter_health(quarter=D(2023, 2, 14), events=EVENTS, initiative_dates=INITIATIVES,
                       founding_ended_on=FOUNDING_ENDED)
    assert h.quarter == Q1_2023
    assert h.events_held == 3                    # E3, E4, E5
    assert h.organisers == 3                     # people 1, 2, 3
    assert h.organisations == 4                  # 10, 20 organised; 30, 40 attended
    assert h.active_members == 5                 # 1, 2, 3 organised; 4, 6 attended
    assert h.new_initiatives == 2                # 1.02.2023 and 31.03.2023
    # the window is Q2 2022 – Q1 2023: E1–E5; person 1 organised E1, E2, E3, E5
    assert h.top_person_share == Decimal("0.8000")
    assert h.top_organisation_share == Decimal("0.8000")
    assert h.organisers_for_80 == 1              # person 1 alone covers 4 of 5 events
    # without person 1: {2, 5, 6} (via E2, E3) and {3, 4} (via E4) fall apart
    assert h.breaks_without_top is True
    # founding project ended in Q2 2022: Q1+Q2 2022 had E1; Q3+Q4 2022 had E2
    assert h.events_before_end == 1
    assert h.events_after_end == 1
    assert h.status == HealthStatus.ONE_ORGANISER
    assert [r.code for r in h.reasons] == ["top_person", "graph_breaks"]
    assert h.reasons[0].params == {"percent": 80}


def test_life_after_the_founding_project_is_left_empty_until_two_quarters_passed():
    h = quarter_health(quarter=D(2022, 7, 1), events=EVENTS, founding_ended_on=FOUNDING_ENDED)
    assert (h.events_before_end, h.events_after_end) == (None, None)


def test_fading_after_the_founding_project():
    events = [EventFact(D(2022, m, 10), organisers=((1 + m % 2, 10 * (1 + m % 2)),),
                        participants=((9, 90),)) for m in (1, 2, 4, 5)]
    h = quarter_health(quarter=D(2022, 10, 1), events=events, founding_ended_on=D(2022, 5, 31))
    assert (h.events_before_end, h.events_after_end) == (4, 0)
    assert h.status == HealthStatus.FADING
    assert [(r.code, r.params) for r in h.reasons] == [
        ("after_founding_project", {"after": 0, "before": 4})]


def test_fading_without_events_for_a_year():
    h = quarter_health(quarter=D(2024, 1, 1), events=EVENTS)
    assert (h.events_held, h.top_person_share, h.organisers_for_80) == (0, None, None)
    assert h.status == HealthStatus.FADING
    assert [r.code for r in h.reasons] == ["no_events_in_window"]


def test_fading_when_the_year_has_less_than_half_of_the_year_before():
    before = [EventFact(D(2021, m, 5), organisers=((m, m),), participants=((99, 9),))
              for m in (1, 2, 3, 4, 5, 6)]
    now = [EventFact(D(2022, 3, 5), organisers=((1, 1),), participants=((99, 9),)),
           EventFact(D(2022, 6, 5), organisers=((2, 2),), participants=((99, 9),))]
    h = quarter_health(quarter=D(2022, 12, 1), events=before + now)
    assert h.status == HealthStatus.FADING
    assert [(r.code, r.params) for r in h.reasons] == [("fewer_events", {"now": 2, "before": 6})]


def test_lives_on_its_own():
    events = [EventFact(D(2022, 2 + 3 * k, 1), organisers=((k + 1, 10 * (k + 1)),),
                        participants=((9, 90),)) for k in range(4)]
    h = quarter_health(quarter=D(2022, 11, 1), events=events)
    assert h.top_person_share == Decimal("0.2500")
    assert h.top_organisation_share == Decimal("0.2500")
    assert h.organisers_for_80 == 4               # 80 % of 4 events needs 3.2 → 4 people
    assert h.breaks_without_top is False          # person 9 holds everyone together
    assert h.status == HealthStatus.SELF_SUSTAINING
    assert [(r.code, r.params) for r in h.reasons] == [
        ("spread", {"organisers": 4, "percent": 25})]


def test_depends_on_one_organisation():
    events = [EventFact(D(2022, 2 + 3 * k, 1), organisers=((k + 1, 10),),
                        participants=((9, 90),)) for k in range(3)]
    h = quarter_health(quarter=D(2022, 8, 1), events=events)
    assert h.top_person_share == Decimal("0.3333")
    assert h.top_organisation_share == Decimal("1.0000")
    assert h.organisers_for_80 == 3
    assert h.status == HealthStatus.ONE_ORGANISATION


def test_no_events_means_no_data_and_quarters_run_in_order():
    rows = network_health(events=[], first_quarter=D(2022, 11, 5), last_quarter=D(2023, 4, 1))
    assert [r.quarter for r in rows] == [D(2022, 10, 1), D(2023, 1, 1), D(2023, 4, 1)]
    assert {r.status for r in rows} == {HealthStatus.NO_DATA}
    assert quarters_between(D(2022, 12, 31), D(2023, 1, 1)) == [D(2022, 10, 1), D(2023, 1, 1)]


# --- the same network in the database, through the domain function and the beat task ---------


def _at(day):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 12, 0))


def _build_network():
    """EVENTS and INITIATIVES as rows: people and organisations numbered as above."""
    network = NetworkFactory()
    orgs = {n: OrganisationFactory() for n in (10, 20, 30, 40)}
    people = {n: UserFactory() for n in range(1, 7)}
    for fact in EVENTS:
        event = NetworkEventFactory(network=network, starts_at=_at(fact.starts_on))
        for p, o in fact.organisers:
            EventOrganiserFactory(event=event, person=people[p], organisation=orgs[o])
        for p, o in fact.participants:
            EventRegistrationFactory(event=event, person=people[p], organisation=orgs[o],
                                     attended=True)
        # registered but absent people do not count
        EventRegistrationFactory(event=event, person=UserFactory(), attended=False)
    for day in INITIATIVES:
        i = InitiativeFactory(network=network)
        type(i).objects.filter(pk=i.pk).update(created_at=_at(day))
    InitiativeFactory(founds_network=network, starts_on=D(2020, 9, 1), ends_on=FOUNDING_ENDED)
    return network


def _q1_2023_row(network):
    row = NetworkHealth.objects.get(network=network, quarter=Q1_2023)
    return (row.events_held, row.organisers, row.organisations, row.active_members,
            row.new_initiatives, row.top_person_share, row.top_organisation_share,
            row.organisers_for_80, row.breaks_without_top, row.events_before_end,
            row.events_after_end, row.status)


EXPECTED_Q1_2023 = (3, 3, 4, 5, 2, Decimal("0.8000"), Decimal("0.8000"), 1, True, 1, 1,
                    HealthStatus.ONE_ORGANISER)


@pytest.mark.django_db
def test_the_domain_function_stores_every_quarter(settings):
    settings.LANGUAGE_CODE = "ru"
    network = _build_network()
    stored = services.compute_network_health(network, today=D(2023, 3, 31))
    # from Q4 2021 (E0) to Q1 2023
    assert stored == 6
    assert list(NetworkHealth.objects.filter(network=network).values_list("quarter", flat=True)
                .order_by("quarter")) == [D(2021, 10, 1), D(2022, 1, 1), D(2022, 4, 1),
                                          D(2022, 7, 1), D(2022, 10, 1), D(2023, 1, 1)]
    assert _q1_2023_row(network) == EXPECTED_Q1_2023
    row = NetworkHealth.objects.get(network=network, quarter=Q1_2023)
    assert row.reasons == [
        "Один человек организовал 80% событий последнего года.",
        "Без самого активного организатора сеть распадается на отдельные группы.",
    ]
    # computing again replaces the rows, it does not add to them
    assert services.compute_network_health(network, today=D(2023, 3, 31)) == 6
    assert NetworkHealth.objects.filter(network=network).count() == 6


@pytest.mark.celery
def test_the_nightly_task_fills_the_table_on_a_real_worker(celery_worker):
    network = _build_network()
    total = compute_network_health.delay(network.pk).get(timeout=60)
    today = timezone.localdate()
    expected_rows = len(quarters_between(D(2021, 12, 1), today))
    assert total == expected_rows
    assert NetworkHealth.objects.filter(network=network).count() == expected_rows
    assert _q1_2023_row(network) == EXPECTED_Q1_2023


def test_a_missing_value_is_a_gap_in_the_line_not_a_zero():
    from network.charts import line_chart

    svg = str(line_chart(title="План и факт", desc="Доля педагогов", labels=["I", "II", "III"],
                         series=[("Факт", (40, None, 60))]))
    assert svg.count("<polyline") == 2  # two runs around the gap
    assert svg.count("<circle") == 2
    assert "<td>—</td>" in svg  # the text table says the value is missing
