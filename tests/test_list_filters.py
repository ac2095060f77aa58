"""The long lists that took the list layout (issue 26): organisations by a word of the name or
the INN and by type, current or archived; networks by kind; each with the filters' include and
the registry table."""

import pytest
from django.urls import reverse
from django.utils import timezone

from network.enums import NetworkKind, OrganisationType
from tests.factories import NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def names(response, key="organisations"):
    return [str(o.short_name if key == "organisations" else o.name) for o in
            response.context[key]]


def test_organisations_by_name_inn_type_and_archive(world, client):
    OrganisationFactory(short_name="Гимназия № 3", inn="5401000031",
                        org_type=OrganisationType.MAOU)
    OrganisationFactory(short_name="Детский сад № 5", inn="5401000052",
                        org_type=OrganisationType.MBOU)
    OrganisationFactory(short_name="Гимназия № 9 (архив)", archived_at=timezone.now())
    client.force_login(world.staff)
    url = reverse("network:organisation_list")
    page = client.get(url)
    assert 'class="table table-hover align-middle registry"' in page.content.decode()
    assert 'id="organisation-filters"' in page.content.decode()
    assert names(client.get(url, {"q": "гимназия"})) == ["Гимназия № 3"]
    assert names(client.get(url, {"q": "540100005"})) == ["Детский сад № 5"]
    assert "Гимназия № 3" in names(client.get(url, {"org_type": "maou"}))
    assert "Детский сад № 5" not in names(client.get(url, {"org_type": "maou"}))
    assert names(client.get(url, {"archived": "1", "q": "гимназия"})) == ["Гимназия № 9 (архив)"]
    # junk in the query finds nothing and breaks nothing
    assert client.get(url, {"org_type": "<x>", "q": "x" * 500}).status_code == 200


def test_networks_by_kind(world, client):
    NetworkFactory(name="Кластер естественных наук", slug="cluster-science",
                   kind=NetworkKind.CLUSTER)
    url = reverse("network:network_list")
    page = client.get(url, {"kind": "cluster"})
    assert names(page, "networks") == ["Кластер естественных наук"]
    assert "Сеть (тест)" in names(client.get(url), "networks")


@pytest.mark.parametrize("n", [1, 3])
def test_the_organisations_list_queries_stay_the_same(n, world, client,
                                                      django_assert_num_queries):
    OrganisationFactory.create_batch(n)
    client.force_login(world.staff)
    # session, user, count, the page of organisations
    with django_assert_num_queries(4):
        client.get(reverse("network:organisation_list"), {"q": "сош"})
