import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.enums import OfficeRole
from accounts.models import User
from initiatives.enums import InitiativeState
from initiatives.models import Initiative
from network.models import Membership, Organisation
from tests.factories import (
    ExpertAssignmentFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("actor", "roles"),
    [
        ("team_own", ["school_team"]),
        ("expert_assigned", ["expert"]),
        ("staff", ["office_staff"]),
        ("head", ["office_head"]),
    ],
)
def test_home_shows_a_section_per_role(actor, roles, world, client):
    client.force_login(world.people[actor])
    response = client.get(reverse("home"))
    assert [s.role for s in response.context["sections"]] == roles


@pytest.mark.parametrize("n", [1, 3])
def test_home_query_count_is_constant(n, world, client, django_assert_num_queries):
    for _ in range(n - 1):
        MembershipFactory(person=world.team_own)
        InitiativeFactory(organisation=world.own_org)
    client.force_login(world.team_own)
    # session, the user with their roles and teams, the team's initiatives, the section's
    # memberships, reports due, open recommendations, open calls (issue 24), the projects they
    # curate and their rows on passports' agreement sheets (issue 25)
    with django_assert_num_queries(9):
        response = client.get(reverse("home"))
    section = response.context["sections"][0]
    assert (len(section.items), len(section.links)) == (n, n)


@pytest.mark.parametrize(("actor", "n"), [("staff", 1), ("staff", 3), ("head", 1), ("head", 3),
                                          ("expert_assigned", 1), ("expert_assigned", 3)])
def test_office_and_expert_homes_list_initiatives_in_constant_queries(
    actor, n, world, client, django_assert_num_queries
):
    """Staff see submitted cards waiting, the head recommended ones, experts their assignments."""
    state = {"staff": InitiativeState.SUBMITTED, "head": InitiativeState.RECOMMENDED,
             "expert_assigned": InitiativeState.UNDER_REVIEW}[actor]
    InitiativeFactory(organisation=world.own_org, state=InitiativeState.DRAFT)  # never listed
    Initiative.objects.filter(pk=world.initiative.pk).update(state=state)
    for _ in range(n - 1):
        card = InitiativeFactory(organisation=world.other_org, state=state)
        ExpertAssignmentFactory(initiative=card, expert=world.expert_assigned)
    client.force_login(world.people[actor])
    # session, the user with their roles and teams, the section's list; staff also count their
    # queues (one query), experts read their recommendations, position and the evidence (one
    # query for every provider); everyone: the projects they curate and their rows on passports'
    # agreement sheets (issue 25)
    extra = {"staff": 1, "head": 0, "expert_assigned": 3}[actor]
    with django_assert_num_queries(5 + extra):
        response = client.get(reverse("home"))
    items = response.context["sections"][0].items
    titles = sorted(getattr(i, "initiative", i).title for i in items)
    assert len(titles) == n
    assert "Сетевой проект" in titles


@pytest.mark.parametrize(("actor", "state", "ordering"), [
    ("staff", InitiativeState.SUBMITTED, "submitted"),
    ("head", InitiativeState.RECOMMENDED, "updated"),
])
def test_a_long_queue_shows_its_ten_oldest_and_links_to_the_whole_of_it(
    actor, state, ordering, world, client
):
    from reports.queries import HOME_ROWS

    client.force_login(world.people[actor])
    InitiativeFactory.create_batch(HOME_ROWS, organisation=world.other_org, state=state)
    section = client.get(reverse("home")).context["sections"][0]
    assert (len(section.items), section.more_url) == (HOME_ROWS, "")
    InitiativeFactory(organisation=world.other_org, state=state)
    response = client.get(reverse("home"))
    section = response.context["sections"][0]
    assert len(section.items) == HOME_ROWS
    assert section.more_url.startswith(reverse("initiatives:list") + "?state=")
    assert f"ordering={ordering}" in section.more_url
    assert "Вся очередь в реестре" in response.content.decode()
    registry = client.get(section.more_url)
    assert registry.context["page_obj"].paginator.count == HOME_ROWS + 1


def test_seed_demo_is_idempotent_and_builds_the_sign_ins(demo):
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count()) == counts
    team = User.objects.get(username="team")
    assert team.check_password("demo")
    assert [m.organisation.short_name for m in team.memberships.all()] == ["МБОУ СОШ № 7"]
    assert User.objects.get(username="team2").memberships.get().organisation.short_name != (
        "МБОУ СОШ № 7"
    )
    assert User.objects.get(username="head").role_codes >= {"office_head"}


def test_seed_demo_scale_multiplies_organisations(demo):
    base = Organisation.objects.count()
    call_command("seed_demo", scale=3, verbosity=0)
    assert Organisation.objects.count() == base + 20
    call_command("seed_demo", scale=3, verbosity=0)
    assert Organisation.objects.count() == base + 20


@pytest.mark.parametrize("n", [1, 3])
def test_organisation_list_query_count_is_constant(n, client, django_assert_num_queries):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    OrganisationFactory.create_batch(n)
    client.force_login(staff)
    # session, the user with their roles, count, the page of organisations
    with django_assert_num_queries(4):
        response = client.get(reverse("network:organisation_list"))
    assert len(response.context["organisations"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_a_team_sees_reports_due_and_open_recommendations(n, world, client,
                                                         django_assert_num_queries):
    import datetime

    from initiatives.enums import MessageKind, RecommendationState
    from tests.factories import (
        ProgressReportFactory,
        ReportingPeriodFactory,
        ThreadMessageFactory,
    )

    today = datetime.date.today()
    Initiative.objects.filter(pk=world.initiative.pk).update(state=InitiativeState.IN_PROGRESS)
    for i in range(n):
        ReportingPeriodFactory(initiative=world.initiative, due_on=today + datetime.timedelta(i))
        ThreadMessageFactory(initiative=world.initiative)
    far = ReportingPeriodFactory(initiative=world.initiative, due_on=today + datetime.timedelta(90))
    done = ReportingPeriodFactory(initiative=world.initiative, due_on=today)
    ProgressReportFactory(period=done)
    ThreadMessageFactory(initiative=world.initiative, state=RecommendationState.ACCEPTED)
    ThreadMessageFactory(initiative=world.initiative, kind=MessageKind.QUESTION)
    ThreadMessageFactory()  # about an initiative of another organisation
    client.force_login(world.team_own)
    with django_assert_num_queries(9):  # … the open calls (issue 24), the curator's two (25)
        response = client.get(reverse("home"))
    extra = response.context["sections"][0].extra
    assert len(extra["reports_due"]) == n and far not in extra["reports_due"]
    assert len(extra["recommendations"]) == n
    html = response.content.decode()  # the lines read only their columns, all of them there
    message = extra["recommendations"][0]
    assert f"{world.initiative.title}: {extra['reports_due'][0].title}" in html
    assert f"({message.author.short_name}, {timezone.localtime(message.created_at):%d.%m.%Y})" in html


@pytest.mark.parametrize("n", [1, 3])
def test_an_expert_sees_open_recommendations_given_position_and_evidence(
    n, world, client, django_assert_num_queries
):
    from initiatives.enums import RecommendationState
    from tests.factories import ExpertPositionFactory, ThreadMessageFactory

    expert = world.expert_assigned
    for _ in range(n):
        ThreadMessageFactory(initiative=world.initiative, author=expert)
    ThreadMessageFactory(initiative=world.initiative, author=expert,
                         state=RecommendationState.ACCEPTED)
    ExpertPositionFactory(person=expert)
    client.force_login(expert)
    response = client.get(reverse("home"))
    extra = response.context["sections"][0].extra
    assert len(extra["recommendations"]) == n
    assert extra["position"] is not None
    labels = [label for label, _n in extra["evidence"]]
    assert len(labels) >= 2
    with django_assert_num_queries(8):  # the evidence of every provider in one query
        html = client.get(reverse("home")).content.decode()
    message = extra["recommendations"][0]
    assert f"({message.get_state_display()}, {timezone.localtime(message.created_at):%d.%m.%Y})" in html
    assert f">{world.initiative.title}</a>: {message.text[:20]}" in html


def test_staff_queues_link_to_lists_of_that_many_rows(world, client):
    import re

    client.force_login(world.staff)
    html = client.get(reverse("home")).content.decode()
    numbers = re.findall(r'href="(/dashboard/[a-z_]+/)" data-metric="([a-z_]+)">\s*'
                         r'<div class="card-body py-2"><div class="h4 mb-0">(\d+)</div>', html)
    assert len(numbers) == 9  # issue 25 added points to accept and overdue points
    for url, _key, n in numbers:
        assert client.get(url).context["paginator"].count == int(n)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_main_menu_rendered_once_per_kind_of_person_is_what_each_person_would_get(
        language, client):
    """``{% main_menu %}`` keeps one rendering per language, roles and team; for every such
    kind of person it must be exactly what the menu's template gives that very person."""
    from itertools import combinations

    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.utils import translation

    from accounts.backends import LoginOrEmailBackend
    from accounts.templatetags import portal

    roles = list(OfficeRole.values)
    people = [AnonymousUser()]
    for n in range(len(roles) + 1):
        for chosen in combinations(roles, n):
            for team in (False, True):
                person = person_with_roles(*chosen)
                if team:
                    MembershipFactory(person=person)
                people.append(LoginOrEmailBackend().get_user(person.pk))  # as a request has it
    portal._MENUS.clear()
    menus = set()
    with translation.override(language):
        for person in people:
            request = RequestFactory().get("/")
            request.user = person
            menu = render_to_string("includes/nav.html", {"user": person, "request": request})
            fresh = render_to_string("includes/nav_items.html", {"user": person})
            assert fresh in menu
            menus.add(fresh)
    assert len(menus) > 3  # the kinds of people do see different menus
    assert len(portal._MENUS) == 2 ** len(roles) + 1  # one per set of roles, and a guest


@pytest.mark.parametrize("n", [1, 3])
def test_the_curator_sees_what_waits_for_their_agreement_in_constant_queries(
        n, client, django_assert_num_queries):
    """Issue 25: submitted reports and pending changes of the projects they curate that they
    have not agreed yet, and passports whose agreement sheet waits for them; each links to its
    page; each number is one query."""
    from portfolio.models import CuratorAgreement, Passport, PassportAgreement
    from portfolio.passport.enums import PassportStatus
    from tests.factories import (
        ChangeRequestFactory,
        ProgressReportFactory,
        ProjectFactory,
        ProjectRoleFactory,
        ReportingPeriodFactory,
        UserFactory,
    )

    curator = UserFactory(username="curator_home")
    expected = {"reports": [], "changes": [], "passports": []}
    for k in range(n):
        project = ProjectFactory(title=f"Курируемый проект {k}")
        ProjectRoleFactory(initiative=project, person=curator)
        report = ProgressReportFactory(period=ReportingPeriodFactory(initiative=project),
                                       submitted_at=timezone.now())
        expected["reports"].append(report.get_absolute_url())
        ChangeRequestFactory(initiative=project)
        expected["changes"].append(
            reverse("initiatives:monitoring", kwargs={"pk": project.pk}) + "#changes")
        passport = Passport.objects.create(initiative=project, status=PassportStatus.AGREEMENT)
        PassportAgreement.objects.create(passport=passport, person=curator, is_curator=True)
        expected["passports"].append(passport.get_absolute_url())
        # what no longer waits: a report and a change the curator agreed, a passport agreed
        agreed = ProgressReportFactory(period=ReportingPeriodFactory(initiative=project,
                                                                     title="II полугодие"),
                                       submitted_at=timezone.now())
        CuratorAgreement.objects.create(initiative=project, report=agreed, agreed=True,
                                        submitted_at=agreed.submitted_at, curator=curator)
        CuratorAgreement.objects.create(initiative=project, agreed=True, curator=curator,
                                        change=ChangeRequestFactory(initiative=project))
    ProgressReportFactory()  # a report of a project somebody else curates
    done = Passport.objects.create(initiative=ProjectFactory(), status=PassportStatus.AGREEMENT)
    PassportAgreement.objects.create(passport=done, person=curator, agreed_at=timezone.now())
    client.force_login(curator)
    # session, the user, the projects they curate, the three counts, the three lists
    with django_assert_num_queries(7):
        response = client.get(reverse("home"))
    [section] = response.context["sections"]
    assert section.role == "curator"
    assert [count for _label, count in section.numbers] == [n, n, n]
    html = response.content.decode()
    for queue, urls in expected.items():
        block = html.split(f'data-queue="{queue}"')[1].split("</ul>")[0]
        assert re.findall(r'href="([^"]+)"', block) == urls, queue


def test_a_person_who_curates_nothing_has_no_curator_section(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("home")).context["sections"] == []


def test_a_curator_with_nothing_waiting_sees_the_empty_queue_at_the_cost_of_no_curator(client):
    """Two queries tell whether a person agrees anything: the projects they curate, then the
    three counts (or, curating nothing, their rows on agreement sheets); lists with rows only."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ProjectFactory, ProjectRoleFactory, UserFactory

    nobody = UserFactory()
    client.force_login(nobody)
    with CaptureQueriesContext(connection) as plain:
        client.get(reverse("home"))
    curator = UserFactory()
    ProjectRoleFactory(initiative=ProjectFactory(), person=curator)
    client.force_login(curator)
    with CaptureQueriesContext(connection) as curating:
        response = client.get(reverse("home"))
    [section] = response.context["sections"]
    assert (section.role, [count for _label, count in section.numbers]) == ("curator", [0, 0, 0])
    assert len(curating) == len(plain)


def test_a_queue_longer_than_its_page_is_counted_apart(django_assert_num_queries):
    """``first_rows_counted`` reads one row more than it shows and counts only then."""
    from accounts.models import User
    from accounts.queries import first_rows_counted
    from tests.factories import UserFactory

    UserFactory.create_batch(3, last_name="Очередь")
    people = User.objects.filter(last_name="Очередь").order_by("pk")
    with django_assert_num_queries(1):
        rows, n = first_rows_counted(people, 3)
    assert (len(rows), n) == (3, 3)
    with django_assert_num_queries(2):
        rows, n = first_rows_counted(people, 2)
    assert (rows, n) == (list(people[:2]), 3)


def test_a_queue_longer_than_the_home_shows_reads_n_plus(world, client, monkeypatch):
    """The staff's home counts a queue only so far («2+» here, «99+» in the portal); the
    queue's own page counts it all."""
    from reports import queries

    monkeypatch.setattr(queries, "QUEUE_SHOWN_UP_TO", 2)
    InitiativeFactory.create_batch(3, organisation=world.other_org,
                                   state=InitiativeState.SUBMITTED)
    client.force_login(world.staff)
    html = client.get(reverse("home")).content.decode()
    number = re.search(r'data-metric="unassigned">\s*<div class="card-body py-2"><div '
                       r'class="h4 mb-0">([^<]*)</div>', html).group(1)
    assert number == "2+"
    page = client.get(reverse("metric", args=["unassigned"]))
    assert page.context["page_obj"].paginator.count == 3
