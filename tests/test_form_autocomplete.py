"""The forms whose selects would list a table that grows (initiatives, people, organisations):
the page writes only the empty option and the chosen ones, a JSON view answers what is typed.
"""

import pytest
from django.urls import reverse

from tests.factories import InitiativeFactory, OrganisationFactory, UserFactory
from tests.test_filter_autocomplete import select

pytestmark = pytest.mark.django_db


def found(client, view, field, q):
    response = client.get(reverse(view, kwargs={"field": field}), {"q": q})
    assert (response.status_code, response["Content-Type"]) == (200, "application/json")
    return [r["text"] for r in response.json()["results"]]


def test_the_agenda_item_page_writes_only_the_chosen_initiative_and_presenter(world, client):
    others = InitiativeFactory.create_batch(3, title="Замысел, которого нет на странице")
    presenter = UserFactory(last_name="Докладчикова", first_name="Вера", patronymic="")
    item = world.agenda_item
    item.presenter = presenter
    item.save(update_fields=["presenter"])
    client.force_login(world.staff)
    page = client.get(reverse("meetings:item", args=[item.pk]))
    attrs, options = select(page, "initiative")
    assert 'data-autocomplete-url="/meetings/choices/initiative/"' in attrs
    assert options == [("", "---------", False), (str(world.initiative.pk),
                                                  str(world.initiative), True)]
    assert select(page, "presenter")[1] == [("", "---------", False),
                                            (str(presenter.pk), "Докладчикова Вера", True)]
    assert others[0].title not in page.content.decode()
    # what is typed finds the initiative (by a word of its title or its school) and the person
    assert sorted(found(client, "meetings:choices", "initiative", "которого")) == sorted(
        str(i) for i in others)
    assert found(client, "meetings:choices", "presenter", "доклад") == ["Докладчикова Вера"]
    # a decision's owner: the field's name carries the item's prefix
    assert found(client, "meetings:choices", f"d{item.pk}-owner", "доклад") == [
        "Докладчикова Вера"]
    assert client.get(reverse("meetings:choices", kwargs={"field": "title"}),
                      {"q": "а"}).status_code == 404


def test_a_chosen_initiative_is_still_checked_against_all_of_them(world, client):
    item = world.agenda_item
    client.force_login(world.staff)
    response = client.post(reverse("meetings:item", args=[item.pk]), {
        "kind": item.kind, "initiative": "999999", "title": "x"})
    assert response.status_code == 200
    assert "initiative" in response.context["form"].errors


@pytest.mark.parametrize("extra", [1, 20])
def test_the_agenda_item_page_queries_do_not_grow_with_the_tables(extra, world, client,
                                                                  django_assert_num_queries):
    InitiativeFactory.create_batch(extra)
    UserFactory.create_batch(extra)
    client.force_login(world.staff)
    client.get(reverse("meetings:item", args=[world.agenda_item.pk]))  # warms the caches
    with django_assert_num_queries(5):
        client.get(reverse("meetings:item", args=[world.agenda_item.pk]))


def test_the_network_form_offers_people_and_organisations_as_one_types(world, client):
    school = OrganisationFactory(short_name="Гимназия имени Пушкина")
    UserFactory(last_name="Координаторова", first_name="Ольга", patronymic="")
    client.force_login(world.staff)
    page = client.get(reverse("network:network_edit", args=[world.network.slug]))
    attrs, options = select(page, "coordinators")
    assert "multiple" in attrs and "data-autocomplete-url" in attrs
    assert options == [(str(world.team_own.pk), world.team_own.full_name, True)]
    assert select(page, "organisations")[1] == []
    assert found(client, "network:network_choices", "coordinators", "координатор") == [
        "Координаторова Ольга"]
    assert found(client, "network:network_choices", "organisations", "пушкина") == [
        str(school)]
    assert found(client, "network:network_choices", "base_organisation", "пушкина") == [
        str(school)]
    # the coordinating team fills in its network's form too
    client.force_login(world.team_own)
    assert found(client, "network:network_choices", "coordinators", "координатор") == [
        "Координаторова Ольга"]


def test_the_invitation_form_offers_organisations_as_one_types(world, client):
    OrganisationFactory(short_name="Лицей на Набережной")
    client.force_login(world.staff)
    page = client.get(reverse("network:invite"))
    assert select(page, "organisation")[1] == [("", "---------", True)]
    assert found(client, "network:invite_choices", "organisation", "набережной") == [
        "Лицей на Набережной"]


def test_the_report_on_request_offers_organisations_as_one_types(world, client):
    OrganisationFactory(short_name="Лицей у Реки")
    client.force_login(world.staff)
    page = client.get(reverse("reports:request"))
    assert select(page, "organisation")[1] == [("", "all organisations", True)] or select(
        page, "organisation")[1] == [("", "все организации", True)]
    assert found(client, "reports:request_choices", "organisation", "реки") == ["Лицей у Реки"]
