"""Work on many cards from the expert's and the staff's own lists (issue 24, item 3): the home
page's lists of assignments and of the office's queue, and the staff's queue lists, offer the
registry's selection bar (one include): the expert exports the selection, the staff have the
registry's actions."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from initiatives.enums import ExpertAssignmentStatus
from initiatives.enums import InitiativeState as S
from tests.factories import ExpertAssignmentFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def _rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    return [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)]


def test_the_expert_selects_assigned_cards_on_the_home_page_and_exports_them(world, client):
    card = InitiativeFactory(state=S.UNDER_REVIEW, title="Замысел на экспертизе")
    ExpertAssignmentFactory(initiative=card, expert=world.expert_assigned,
                            status=ExpertAssignmentStatus.ACCEPTED)
    stranger = InitiativeFactory(state=S.UNDER_REVIEW, title="Чужой замысел")
    client.force_login(world.expert_assigned)
    page = client.get(reverse("home")).content.decode()
    assert 'id="bulk-expert-form"' in page
    assert f'name="ids" value="{card.pk}" form="bulk-expert-form"' in page
    assert 'data-bulk-all="bulk-expert-form"' in page
    # the expert's actions: the export; not the office's
    assert reverse("initiatives:bulk_export", args=["xlsx"]) in page
    assert reverse("initiatives:bulk_transition") not in page
    assert reverse("initiatives:bulk_assign") not in page
    response = client.get(reverse("initiatives:bulk_export", args=["xlsx"]),
                          {"ids": [card.pk, stranger.pk]})
    assert _rows(response) == ["Замысел на экспертизе"]  # a card not theirs is not exported


def test_the_staffs_home_queue_offers_the_registrys_actions(world, client):
    card = InitiativeFactory(state=S.SUBMITTED, title="Поданный замысел")
    client.force_login(world.staff)
    page = client.get(reverse("home")).content.decode()
    assert f'name="ids" value="{card.pk}" form="bulk-staff-form"' in page
    for url in (reverse("initiatives:bulk_transition"), reverse("initiatives:bulk_message"),
                reverse("initiatives:bulk_assign"),
                reverse("initiatives:bulk_export", args=["csv"])):
        assert url in page


def test_a_person_with_two_roles_has_two_bars_that_do_not_mix(world, client):
    from accounts.enums import OfficeRole
    from accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=world.expert_assigned, role=OfficeRole.OFFICE_STAFF)
    InitiativeFactory(state=S.SUBMITTED)
    client.force_login(world.expert_assigned)
    page = client.get(reverse("home")).content.decode()
    assert page.count('id="bulk-expert-form"') == 1 and page.count('id="bulk-staff-form"') == 1


def test_the_staffs_queue_of_overdue_reviews_ticks_the_cards(world, client):
    import datetime

    card = InitiativeFactory(state=S.UNDER_REVIEW)
    ExpertAssignmentFactory(initiative=card, expert=world.expert_other,
                            status=ExpertAssignmentStatus.ACCEPTED,
                            due_on=datetime.date.today() - datetime.timedelta(days=3))
    client.force_login(world.staff)
    page = client.get(reverse("metric", kwargs={"key": "overdue_reviews"})).content.decode()
    assert f'name="ids" value="{card.pk}" form="bulk-form"' in page
    assert reverse("initiatives:bulk_assign") in page
    assert reverse("initiatives:bulk_export", args=["csv"]) in page
