"""Networks: joining, rules and their versions, events and .ics, the public pages, the ideas
library and its Russian search, personal data, query counts."""

import datetime
import json
import re

import icalendar
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import personal_data
from accounts.enums import NotificationKind
from accounts.errors import DomainError
from accounts.models import Notification
from initiatives.models import Initiative
from network import events, library, queries, services
from network.enums import MemberRole, MemberStatus, ProductStatus, ProposalStatus, RulesAdoption
from network.filters import ProductFilter
from network.models import Network, NetworkMember, NetworkOrganisation, RulesVersion
from tests.factories import (
    EventFeedbackFactory,
    EventOrganiserFactory,
    EventRegistrationFactory,
    MethodicalProductFactory,
    NetworkEventFactory,
    NetworkFactory,
    NetworkHealthFactory,
    NetworkMemberFactory,
    OrganisationFactory,
    RuleCommentFactory,
    UserFactory,
    team_member,
)

pytestmark = pytest.mark.django_db


def _member(network, role=MemberRole.MEMBER, **kwargs):
    return NetworkMemberFactory(network=network, role=role, **kwargs).person


# --- joining -----------------------------------------------------------------------------------


def test_a_join_request_is_accepted_by_a_coordinator(client):
    network = NetworkFactory()
    coordinator = _member(network, MemberRole.COORDINATOR)
    school = OrganisationFactory(short_name="МБОУ СОШ № 10 (тест)")
    asker = team_member(school, username="asker")
    client.force_login(asker)
    client.post(reverse("network:join", kwargs={"slug": network.slug}),
                {"message": "Веду смысловое чтение"})
    request = network.members.get(person=asker)
    assert (request.status, request.message) == (MemberStatus.REQUESTED, "Веду смысловое чтение")
    told = Notification.objects.get(recipient=coordinator)
    assert told.kind == NotificationKind.NETWORK_JOIN_REQUEST
    # a plain member may not decide; the coordinator accepts
    client.force_login(_member(network))
    url = reverse("network:member_decision", kwargs={"pk": request.pk, "decision": "accept"})
    assert client.post(url).status_code == 403
    client.force_login(coordinator)
    client.post(url)
    request.refresh_from_db()
    assert request.status == MemberStatus.ACTIVE
    assert request.joined_at is not None
    assert list(NetworkOrganisation.objects.filter(network=network)
                .values_list("organisation__short_name", flat=True)) == ["МБОУ СОШ № 10 (тест)"]
    assert client.post(url).status_code == 302  # decided already: refused with a message
    with pytest.raises(DomainError):
        services.accept_member(request, by=coordinator)


def test_the_only_coordinator_cannot_leave():
    network = NetworkFactory()
    coordinator = _member(network, MemberRole.COORDINATOR)
    with pytest.raises(DomainError) as e:
        services.leave_network(network, by=coordinator)
    assert str(e.value) == "Вы единственный координатор сети: сначала назначьте другого координатора."


# --- rules of interaction -----------------------------------------------------------------------


def test_a_rule_change_adopted_by_coordinators_becomes_a_new_version_and_versions_compare(client):
    network = NetworkFactory(rules_adoption=RulesAdoption.COORDINATORS)
    coordinator = _member(network, MemberRole.COORDINATOR)
    member = _member(network)
    RulesVersion.objects.create(network=network, number=1, adopted_at=timezone.now(),
                                text="События проводятся раз в четверть.")
    proposal = services.propose_rules(network, by=member, title="Чаще",
                                      text="События проводятся раз в месяц.")
    with pytest.raises(DomainError):  # adopted only after discussion
        services.adopt_proposal(proposal, by=coordinator)
    services.comment_on_proposal(proposal, by=member, text="Так сеть живее.")
    client.force_login(coordinator)
    client.post(reverse("network:proposal_action", kwargs={"pk": proposal.pk, "action": "adopt"}))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADOPTED
    assert list(network.rules_versions.order_by("number").values_list("number", "text")) == [
        (1, "События проводятся раз в четверть."), (2, "События проводятся раз в месяц.")]
    assert list(Notification.objects.filter(kind=NotificationKind.RULE_ADOPTED)
                .values_list("recipient", flat=True)) == [member.pk]
    client.logout()  # the rules and their comparison are public
    response = client.get(reverse("network:rules", kwargs={"slug": network.slug}),
                          {"a": "1", "b": "2"})
    assert str(response.context["diff"]) == (
        "События проводятся раз в <del>четверть</del><ins>месяц</ins>.")
    current = client.get(network.get_absolute_url()).context["rules"]
    assert current.number == 2


def test_a_vote_adopts_when_more_than_the_threshold_vote_for():
    network = NetworkFactory(rules_adoption=RulesAdoption.VOTE, vote_threshold=50)
    people = [_member(network) for _ in range(4)]
    proposal = services.propose_rules(network, by=people[0], title="Правила", text="Текст.")
    for person in people[:2]:
        services.vote_on_proposal(proposal, by=person, choice="for")
    proposal.refresh_from_db()
    assert (proposal.status, network.rules_versions.count()) == (ProposalStatus.OPEN, 0)
    services.vote_on_proposal(proposal, by=people[2], choice="for")  # 3 of 4 > 50 %
    proposal.refresh_from_db()
    assert (proposal.status, network.rules_versions.get().number) == (ProposalStatus.ADOPTED, 1)


# --- events ---------------------------------------------------------------------------------


def test_the_calendar_and_event_ics_parse_with_icalendar(client):
    network = NetworkFactory(name="«Чайковское метро»")
    organiser = UserFactory(last_name="Волкова", first_name="Ирина", patronymic="Александровна")
    start = timezone.make_aware(datetime.datetime(2023, 3, 15, 14, 0))
    event = NetworkEventFactory(network=network, title="Смысловое чтение", starts_at=start,
                                ends_at=start + datetime.timedelta(hours=2), place="СОШ № 1")
    EventOrganiserFactory(event=event, person=organiser)
    NetworkEventFactory(network=network, title="Второе событие")
    cal = icalendar.Calendar.from_ical(
        client.get(reverse("network:calendar_ics", kwargs={"slug": network.slug})).content)
    events = cal.walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == [
        "семинар: Второе событие", "семинар: Смысловое чтение"]
    response = client.get(reverse("network:event_ics", kwargs={"pk": event.pk}))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (one,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert one["dtstart"].dt == start
    assert one["dtend"].dt == start + datetime.timedelta(hours=2)
    assert str(one["location"]) == "СОШ № 1"
    assert "Волкова Ирина Александровна" in str(one["description"])
    assert organiser.email not in response.content.decode()


def test_registration_attendance_feedback_and_reminders():
    network = NetworkFactory()
    organiser = _member(network, MemberRole.COORDINATOR)
    guest = UserFactory()
    event = events.create_event(
        network, by=organiser, kind="seminar", title="Семинар",
        starts_at=timezone.now() + datetime.timedelta(hours=5))
    events.register_for_event(event, by=guest)
    with pytest.raises(DomainError):
        events.register_for_event(event, by=guest)
    assert events.send_event_reminders() == 1
    assert events.send_event_reminders() == 0  # each event once
    assert list(Notification.objects.filter(kind=NotificationKind.EVENT_REMINDER)
                .values_list("recipient", flat=True)) == [guest.pk]
    with pytest.raises(DomainError):
        events.give_feedback(event, by=guest, rating=5)  # not started yet
    type(event).objects.filter(pk=event.pk).update(starts_at=timezone.now())
    event.refresh_from_db()
    assert events.mark_attendance(event, by=organiser, attended_ids=[guest.pk]) == 1
    with pytest.raises(DomainError):
        events.give_feedback(event, by=guest, rating=7)
    assert events.give_feedback(event, by=guest, rating=4, text="Полезно").rating == 4


def test_an_organiser_moves_an_event_and_the_registered_are_told(client):
    from accounts.models import AuditRecord

    network = NetworkFactory()
    organiser = _member(network, MemberRole.COORDINATOR)
    colleague, guest = _member(network), UserFactory()
    soon = timezone.now() + datetime.timedelta(days=3)
    event = events.create_event(network, by=organiser, kind="seminar", title="Семинар",
                                  starts_at=soon, organisers=[colleague])
    events.register_for_event(event, by=guest)
    client.force_login(organiser)
    url = reverse("network:event_edit", kwargs={"pk": event.pk})
    form = client.get(url).context["form"]
    assert form.initial["organisers"] == [colleague.pk]
    later = timezone.localtime(soon + datetime.timedelta(days=1))
    data = {"kind": "master_class", "title": "Мастер-класс", "place": "МАОУ Гимназия, ауд. 12",
            "starts_at": later.strftime("%Y-%m-%dT%H:%M"), "ends_at": "", "description": ""}
    # the end before the start is refused beside the field, the text stays
    bad = client.post(url, data | {"ends_at": (later - datetime.timedelta(hours=1))
                                   .strftime("%Y-%m-%dT%H:%M")})
    assert "ends_at" in bad.context["form"].errors
    assert "МАОУ Гимназия, ауд. 12" in bad.content.decode()
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert (event.kind, event.title, event.place) == ("master_class", "Мастер-класс",
                                                      "МАОУ Гимназия, ауд. 12")
    assert list(event.organisers.values_list("person", flat=True)) == [organiser.pk]
    told = Notification.objects.get(recipient=guest, kind=NotificationKind.EVENT_REMINDER)
    assert "перенесено" in told.title
    assert AuditRecord.objects.filter(action="event_updated", object_id=str(event.pk)).exists()


def test_a_cancelled_event_needs_a_reason_and_leaves_the_health_count(client):
    network = NetworkFactory()
    organiser = _member(network, MemberRole.COORDINATOR)
    guest = UserFactory()
    event = events.create_event(network, by=organiser, kind="seminar", title="Семинар",
                                  starts_at=timezone.now() + datetime.timedelta(days=2))
    events.register_for_event(event, by=guest)
    client.force_login(organiser)
    url = reverse("network:event_cancel", kwargs={"pk": event.pk})
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200 and "reason" in response.context["cancel_form"].errors
    event.refresh_from_db()
    assert not event.is_cancelled
    assert client.post(url, {"reason": "Карантин в школе"}).status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled
    told = Notification.objects.get(recipient=guest)
    assert (told.body, "отменено" in told.title) == ("Карантин в школе", True)
    with pytest.raises(DomainError):
        events.register_for_event(event, by=UserFactory())
    with pytest.raises(DomainError):
        events.update_event(event, by=organiser, kind="seminar", title="Снова",
                              starts_at=event.starts_at)
    # someone else on the team of another school may not change it
    client.force_login(UserFactory())
    assert client.get(reverse("network:event_edit", kwargs={"pk": event.pk})).status_code == 403


def test_the_office_creates_a_network_and_a_coordinator_changes_it(client):
    from accounts.enums import OfficeRole
    from accounts.models import AuditRecord
    from tests.factories import person_with_roles

    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    leader, helper = UserFactory(), UserFactory()
    school, gymnasium = OrganisationFactory(), OrganisationFactory()
    client.force_login(staff)
    data = {"kind": "methodical_network", "name": "Сеть наставников", "slug": "nastavniki",
            "description": "Наставничество молодых педагогов.", "is_public": "on",
            "rules_adoption": "vote", "vote_threshold": "50", "base_organisation": school.pk,
            "coordinators": [leader.pk], "organisations": [school.pk, gymnasium.pk]}
    # no coordinator and a reserved address: told beside the fields, the text stays
    bad = client.post(reverse("network:network_create"),
                      data | {"coordinators": [], "slug": "new"})
    assert "coordinators" in bad.context["form"].errors
    assert "Наставничество молодых педагогов." in bad.content.decode()
    bad = client.post(reverse("network:network_create"), data | {"slug": "new"})
    assert bad.context["form"].errors["slug"] == ["Этот адрес занят; выберите другой."]
    response = client.post(reverse("network:network_create"), data)
    network = Network.objects.get(slug="nastavniki")
    assert response["Location"] == network.get_absolute_url()
    assert services.coordinators_of(network) == [leader]
    assert set(network.member_organisations.values_list("organisation", flat=True)) == {
        school.pk, gymnasium.pk}
    assert AuditRecord.objects.filter(action="network_created", object_id=str(network.pk)).exists()
    # the coordinator changes the description and adds a second coordinator
    client.force_login(leader)
    url = reverse("network:network_edit", kwargs={"slug": network.slug})
    form = client.get(url).context["form"]
    assert "slug" not in form.fields and form.initial["coordinators"] == [leader.pk]
    client.post(url, data | {"description": "Наставничество и сопровождение.",
                             "coordinators": [leader.pk, helper.pk],
                             "organisations": [school.pk]})
    network.refresh_from_db()
    assert network.description == "Наставничество и сопровождение."
    assert set(services.coordinators_of(network)) == {leader, helper}
    assert list(network.member_organisations.values_list("organisation", flat=True)) == [
        school.pk]
    # a member who is not a coordinator may not
    client.force_login(_member(network))
    assert client.get(url).status_code == 403


# --- public pages ---------------------------------------------------------------------------


def test_a_guest_sees_public_pages_but_no_email_or_phone(client):
    network = NetworkFactory(name="Сеть смыслового чтения")
    people = [_member(network, MemberRole.COORDINATOR)] + [_member(network) for _ in range(2)]
    for n, person in enumerate(people):
        person.phone = f"+7 900 000-00-0{n}"
        person.save()
    event = NetworkEventFactory(network=network)
    EventOrganiserFactory(event=event, person=people[0])
    EventRegistrationFactory(event=event, person=people[1])
    EventFeedbackFactory(event=event, person=people[2])
    product = MethodicalProductFactory(title="Клубный час", network=network)
    product.authors.add(people[1])
    closed = NetworkFactory(is_public=False)
    pages = [reverse("network:network_list"), network.get_absolute_url(),
             reverse("network:rules", kwargs={"slug": network.slug}),
             reverse("network:calendar", kwargs={"slug": network.slug}),
             event.get_absolute_url(), reverse("network:library"), product.get_absolute_url()]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for person in people:
            assert person.email not in html, url
            assert person.phone not in html, url
    page = client.get(network.get_absolute_url()).content.decode()
    for person in people:
        assert person.full_name in page
    assert client.get(closed.get_absolute_url()).status_code == 302  # to the sign-in page
    assert [n.name for n in client.get(reverse("network:network_list")).context["networks"]] == [
        "Сеть смыслового чтения"]


def test_guests_see_only_published_products(client):
    MethodicalProductFactory(title="Опубликовано")
    draft = MethodicalProductFactory(title="Черновик", status=ProductStatus.SUBMITTED)
    response = client.get(reverse("network:library"))
    assert [p.title for p in response.context["products"]] == ["Опубликовано"]
    assert client.get(draft.get_absolute_url()).status_code == 302


def test_authors_see_their_own_drafts_once_and_no_one_elses(client, world):
    coauthored = MethodicalProductFactory(title="Черновик соавторов", status=ProductStatus.DRAFT)
    coauthored.authors.set([world.team_own, world.team_other])
    world.product.authors.set([world.team_own, world.team_other])  # published
    MethodicalProductFactory(title="Чужой черновик", status=ProductStatus.DRAFT,
                             created_by=world.team_other)
    client.force_login(world.team_own)
    titles = [p.title for p in client.get(reverse("network:library")).context["products"]]
    assert sorted(titles) == sorted([world.product.title, world.draft_product.title,
                                     world.submitted_product.title, "Черновик соавторов"])


def test_moderation_publishes_a_submitted_product(client, world):
    client.force_login(world.team_own)
    response = client.post(reverse("network:product_create"), {
        "kind": "development", "title": "Клубный час", "description": "Технология поддержки "
        "детской инициативы.", "organisation": world.own_org.pk, "year": "2022"})
    product = world.own_org.methodical_products.get(title="Клубный час")
    assert response["Location"] == product.get_absolute_url()
    client.post(reverse("network:product_action", kwargs={"pk": product.pk, "action": "submit"}))
    client.force_login(world.staff)
    client.post(reverse("network:product_action", kwargs={"pk": product.pk, "action": "publish"}))
    product.refresh_from_db()
    assert (product.status, product.moderated_by) == (ProductStatus.PUBLISHED, world.staff)


def test_a_bad_year_keeps_the_form_and_says_why(client, world):
    client.force_login(world.team_own)
    response = client.post(reverse("network:product_create"), {
        "kind": "development", "title": "Т" * 600, "organisation": world.other_org.pk,
        "year": "abc"})
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["organisation", "title", "year"]


# --- Russian search -------------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Russian full-text search needs "
                    "PostgreSQL (run through scripts/services.sh)")
def test_russian_search_finds_word_forms_ranks_and_highlights_safely(client):
    MethodicalProductFactory(title="Методическая сеть учителей <script>",
                             description="Как устроена методическая сеть округа.")
    MethodicalProductFactory(title="Смысловое чтение в начальной школе",
                             description="Приёмы: смысловое чтение научного текста.")
    MethodicalProductFactory(title="Клубный час", description="Детская инициатива.")
    url = reverse("network:library")
    found = client.get(url, {"q": "методической сети"})
    assert [p.title for p in found.context["products"]] == ["Методическая сеть учителей <script>"]
    html = found.content.decode()
    assert "<mark>Методическая</mark> <mark>сеть</mark> учителей &lt;script&gt;" in html
    assert "<script>" not in html.split("<main", 1)[-1].split("</main>")[0]
    found = client.get(url, {"q": "смыслового чтения"})
    assert [p.title for p in found.context["products"]] == ["Смысловое чтение в начальной школе"]
    assert "<mark>смысловое</mark> <mark>чтение</mark>" in found.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Russian full-text search needs "
                    "PostgreSQL (run through scripts/services.sh)")
def test_editing_a_title_makes_the_new_word_findable_and_the_old_not(world):
    product = MethodicalProductFactory(title="Клубный час", status=ProductStatus.DRAFT,
                                       organisation=world.own_org, created_by=world.team_own)

    def found(word):
        return [p.pk for p in queries.search_products(queries.library(world.staff), word)]

    assert (found("клубного"), found("волонтёрство")) == ([product.pk], [])
    library.update_product(product, by=world.team_own, values={"title": "Школьное волонтёрство"})
    assert (found("клубного"), found("волонтёрства")) == ([], [product.pk])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Russian full-text search needs "
                    "PostgreSQL (run through scripts/services.sh)")
@pytest.mark.parametrize("who", ["anon", "team_own"])  # a team member's list has own drafts
def test_search_reads_the_stored_vector_and_makes_snippets_only_for_the_page(client, world, who):
    for i in range(3):
        MethodicalProductFactory(title=f"Смысловое чтение {i}", description="Смысловое чтение.")
    if who != "anon":
        client.force_login(getattr(world, who))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("network:library"), {"q": "чтение", "page": 1})
    assert len(response.context["products"]) == 3
    searches = [q["sql"] for q in captured.captured_queries if "@@" in q["sql"]]
    assert len(searches) == 2  # the count and the page
    assert [s for s in searches if "to_tsvector" in s] == []  # no text parsed per row
    page = next(s for s in searches if "ts_headline" in s)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (VERBOSE, COSTS OFF) " + page)
        plan = [line for (line,) in cursor.fetchall()]
    # Every node at or below the sort (the top-N of the page) is free of ts_headline: it runs
    # above the LIMIT, on the page's rows only.
    sort = next(i for i, line in enumerate(plan) if line.lstrip().startswith("->  Sort"))
    assert [line for line in plan[sort:] if "ts_headline" in line] == []
    assert "ts_headline" in " ".join(plan[:sort])


def test_the_searched_text_is_parsed_once_per_query_not_per_product():
    if connection.vendor != "postgresql":
        pytest.skip("full-text search is PostgreSQL's")
    for i in range(3):
        MethodicalProductFactory(title=f"Смысловое чтение {i}", description="Смысловое чтение.")
    qs = queries.search_products(queries.library(None), "смысловое чтение")
    assert len(qs) == 3
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")  # the scan whose filter runs per row
        cursor.execute("EXPLAIN (VERBOSE, COSTS OFF) " + sql, params)
        plan = [line for (line,) in cursor.fetchall()]
    per_row = [line for line in plan if any(k in line for k in ("Filter:", "Cond:", "Sort Key:"))]
    assert any("search_vector @@ $" in line for line in per_row), plan  # the InitPlan's result
    assert [line for line in per_row if "websearch_to_tsquery" in line] == []


@pytest.mark.parametrize("q", ["чтение", ""])
def test_library_pages_read_their_ids_first_and_keep_the_order(client, world, q):
    for i in range(33):
        MethodicalProductFactory(title=f"Чтение {i:02}", description="Смысловое чтение " * (i % 4 + 1),
                                 year=2020 + i % 3)
    expected = [p.pk for p in ProductFilter({"q": q}, queryset=queries.library(None)).qs]
    assert len(expected) >= 33
    shown = []
    for page in (1, 2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("network:library"), {"q": q, "page": page})
        shown += [p.pk for p in response.context["products"]]
        rows = next(c["sql"] for c in captured.captured_queries if "network_organisation" in c["sql"])
        assert re.search(r" IN \(SELECT .* LIMIT \d+", rows)  # the joins see the page's ids only
    assert shown == expected


def test_search_falls_back_to_icontains_with_cyrillic_case():
    MethodicalProductFactory(title="Смысловое чтение")
    MethodicalProductFactory(title="Клубный час")
    qs = queries.search_products(queries.library(None), "смысловое")
    assert [p.title for p in qs] == ["Смысловое чтение"]


def test_the_library_offers_by_typing_every_organisation_with_a_product_once(client, world):
    with_two = OrganisationFactory(short_name="Школа с двумя")
    MethodicalProductFactory(organisation=with_two)
    MethodicalProductFactory(organisation=with_two, status=ProductStatus.DRAFT)
    OrganisationFactory(short_name="Школа без разработок")
    form = client.get(reverse("network:library")).context["filter"].form
    html = str(form["organisation"])
    assert "data-autocomplete-url" in html and "Школа" not in html  # only the empty option
    url = reverse("network:library_choices", kwargs={"field": "organisation"})
    found = client.get(url, {"q": "школа"}).json()["results"]  # a guest may ask, like the page
    assert [r["text"] for r in found] == ["Школа с двумя"]
    chosen = client.get(reverse("network:library"), {"organisation": with_two.pk})
    assert "Школа с двумя" in str(chosen.context["filter"].form["organisation"])
    assert client.get(reverse("network:library_choices", kwargs={"field": "kind"}),
                      {"q": "x"}).status_code == 404


def test_the_library_offers_by_typing_the_networks_with_a_product(client, world):
    with_product = NetworkFactory(name="Сеть читающих школ")
    MethodicalProductFactory(network=with_product)
    NetworkFactory(name="Сеть без разработок")
    form = client.get(reverse("network:library")).context["filter"].form
    html = str(form["network"])
    assert "data-autocomplete-url" in html and "Сеть" not in html  # only the empty option
    url = reverse("network:library_choices", kwargs={"field": "network"})
    assert [r["text"] for r in client.get(url, {"q": "сеть"}).json()["results"]] == [
        "Сеть читающих школ"]
    chosen = client.get(reverse("network:library"), {"network": with_product.pk})
    assert "Сеть читающих школ" in str(chosen.context["filter"].form["network"])
    assert [p.network_id for p in chosen.context["products"]] == [with_product.pk]


def test_highlighted_snippets_escape_everything_but_the_marks():
    snippet = f"{queries._START}сеть{queries._STOP} <img src=x onerror=alert(1)>"
    assert str(queries.highlighted(snippet)) == (
        "<mark>сеть</mark> &lt;img src=x onerror=alert(1)&gt;")


# --- initiatives born in a network ----------------------------------------------------------


def test_propose_an_initiative_from_the_network_page(client, world):
    client.force_login(world.team_own)  # a coordinator of world.network on a school team
    page = client.get(world.network.get_absolute_url()).content.decode()
    link = f"{reverse('initiatives:create')}?network={world.network.pk}"
    assert link in page
    form = client.get(link).context["form"]
    assert form.initial["network"] == world.network.pk
    client.post(link, {"organisation": world.own_org.pk, "title": "Сетевой замысел",
                       "network": world.network.pk})
    born = Initiative.objects.get(title="Сетевой замысел")
    assert born.network == world.network
    assert [i.title for i in client.get(world.network.get_absolute_url())
            .context["initiatives"]] == ["Сетевой замысел"]
    client.force_login(world.expert_other)  # not a member: no button
    assert link not in client.get(world.network.get_absolute_url()).content.decode()


# --- personal data --------------------------------------------------------------------------


def test_personal_data_export_and_anonymisation_cover_networks(world):
    network = NetworkFactory(name="Сеть для выгрузки")
    person = _member(network)
    event = NetworkEventFactory(network=network, title="Семинар для выгрузки")
    EventRegistrationFactory(event=event, person=person, attended=True)
    EventFeedbackFactory(event=event, person=person, text="Мой отзыв")
    parts = {p.name: p.data for p in personal_data.collect(person)}
    assert [m["network__name"] for m in parts["network-memberships"]] == ["Сеть для выгрузки"]
    assert [r["event__title"] for r in parts["network-event-registrations"]] == [
        "Семинар для выгрузки"]
    assert [f["text"] for f in parts["network-event-feedback"]] == ["Мой отзыв"]
    json.dumps(parts["network-memberships"], default=str)
    personal_data.anonymise_person(person, by=world.staff)
    membership = network.members.get(person=person)
    assert membership.status == MemberStatus.LEFT
    assert list(event.feedback.values_list("text", flat=True)) == [""]


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_network_list_query_count(n, client, django_assert_num_queries):
    for _ in range(n):
        network = NetworkFactory(base_organisation=OrganisationFactory())
        _member(network)
        NetworkHealthFactory(network=network)
        for _k in range(2):
            NetworkEventFactory(network=network)
    # the page of rows with counts and the latest health, and their number
    with django_assert_num_queries(2):
        response = client.get(reverse("network:network_list"))
    assert len(response.context["networks"]) == n
    assert {(row.active_members, row.events_count) for row in response.context["networks"]} \
        == {(NetworkMember.objects.filter(network=row, status="active").count(), 2)
            for row in response.context["networks"]}


@pytest.mark.parametrize("n", [1, 3])
def test_network_page_query_count(n, client, world, django_assert_num_queries):
    network = world.network
    for k in range(n):
        _member(network)
        NetworkEventFactory(network=network)
        NetworkHealthFactory(network=network, quarter=datetime.date(2022, 1 + 3 * k, 1))
        MethodicalProductFactory(network=network)
        Initiative.objects.filter(pk=world.initiative.pk).update(network=network)
        NetworkMemberFactory(network=network, status=MemberStatus.REQUESTED)
    client.force_login(world.team_own)
    ContentType.objects.get_for_model(Initiative)
    # the person's network roles are read once for the page and its predicates; the requests
    # to join come with the members
    with django_assert_num_queries(12):
        response = client.get(network.get_absolute_url())
    assert len(response.context["members"]) == n + 1
    assert len(response.context["join_requests"]) == n + 1
    assert {r.status for r in response.context["join_requests"]} == {MemberStatus.REQUESTED}
    assert {m.status for m in response.context["members"]} == {MemberStatus.ACTIVE}


@pytest.mark.parametrize("n", [1, 3])
def test_calendar_and_event_query_counts(n, client, django_assert_num_queries):
    network = NetworkFactory()
    event = None
    for _ in range(n):
        event = NetworkEventFactory(network=network)
        EventOrganiserFactory(event=event, organisation=OrganisationFactory())
    for _ in range(n):
        EventRegistrationFactory(event=event, organisation=OrganisationFactory())
        EventFeedbackFactory(event=event)
    with django_assert_num_queries(3):
        response = client.get(reverse("network:calendar", kwargs={"slug": network.slug}))
    assert sum(len(events) for _m, events in response.context["months"]) == n
    with django_assert_num_queries(6):
        response = client.get(event.get_absolute_url())
    assert len(response.context["registrations"]) == n
    with django_assert_num_queries(3):
        client.get(reverse("network:calendar_ics", kwargs={"slug": network.slug}))


@pytest.mark.parametrize("n", [1, 3])
def test_library_and_moderation_query_counts(n, client, world, django_assert_num_queries):
    for _ in range(n):
        MethodicalProductFactory(network=world.network)
        MethodicalProductFactory(status=ProductStatus.SUBMITTED)
    # count, page, and the years of the filter (organisations and networks are typed in)
    with django_assert_num_queries(3):
        response = client.get(reverse("network:library"))
    assert len(response.context["products"]) == n + 1  # and world.product
    client.force_login(world.staff)
    with django_assert_num_queries(3):
        response = client.get(reverse("network:moderation"))
    assert len(response.context["products"]) == n + 1


@pytest.mark.parametrize("n", [1, 3])
def test_rules_and_proposal_query_counts(n, client, world, django_assert_num_queries):
    for k in range(n):
        RulesVersion.objects.create(network=world.network, number=k + 2, text=f"Текст {k}",
                                    adopted_at=timezone.now())
        RuleCommentFactory(proposal=world.proposal)
    # the network, its versions, their proposals (public: no session)
    with django_assert_num_queries(3):
        response = client.get(reverse("network:rules", kwargs={"slug": world.network.slug}))
    assert len(response.context["versions"]) == n + 1
    client.force_login(world.team_own)
    with django_assert_num_queries(8):
        response = client.get(world.proposal.get_absolute_url())
    assert len(response.context["comments"]) == n


# --- demo data ------------------------------------------------------------------------------


def test_the_demo_networks_show_every_health_status_and_the_2022_products(demo):
    from django.core.management import call_command

    from network.enums import HealthStatus
    from network.models import MethodicalProduct, Network, NetworkHealth

    call_command("seed_demo", verbosity=0)  # over the demo: idempotent
    assert Network.objects.count() == 7
    statuses = set(NetworkHealth.objects.values_list("status", flat=True))
    assert statuses >= {HealthStatus.SELF_SUSTAINING, HealthStatus.ONE_ORGANISER,
                        HealthStatus.ONE_ORGANISATION, HealthStatus.FADING}
    metro = Network.objects.get(slug="chaikovskoe-metro")
    assert [p.ends_on for p in metro.founding_projects.all()] == [datetime.date(2021, 5, 31)]
    assert metro.health.order_by("-quarter").first().status == HealthStatus.FADING
    assert sorted(MethodicalProduct.objects.filter(year=2022, status=ProductStatus.PUBLISHED,
                                                   kind="development")
                  .values_list("organisation__short_name", flat=True)) == [
        "МБОУ ДО «Свежий ветер»", "МБУ № 41", "МБУ № 88"]
    assert MethodicalProduct.objects.filter(status=ProductStatus.SUBMITTED).count() == 1


def test_the_products_form_writes_only_the_chosen_organisation_and_network(client, world):
    """The office writes a product for any of the region's organisations: the form lists none of
    them, the autocomplete finds them; a team is offered its own organisation, chosen for it."""
    from tests.factories import OrganisationFactory

    OrganisationFactory(short_name="Гимназия № 40")
    client.force_login(world.staff)
    page = client.get(reverse("network:product_create")).content.decode()
    assert "Гимназия № 40" not in page
    assert 'data-autocomplete-url="/network/library/new/choices/organisation/"' in page
    found = client.get(reverse("network:product_choices", kwargs={"field": "organisation"}),
                       {"q": "гимназия 40"}).json()["results"]
    assert [r["text"] for r in found] == ["Гимназия № 40"]
    client.force_login(world.team_own)
    page = client.get(reverse("network:product_create")).content.decode()
    assert f'<option value="{world.own_org.pk}" selected>' in page
    found = client.get(reverse("network:product_choices", kwargs={"field": "organisation"}),
                       {"q": "гимназия"}).json()["results"]
    assert found == []  # another school's organisation is not the team's to choose
