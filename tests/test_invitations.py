"""People by invitation (issue 18): the office and team leads invite, people accept."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.enums import OfficeRole
from accounts.invitations import token_hash
from accounts.models import AuditRecord, Invitation, User
from network.models import Membership
from tests.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """The test client whose requests run their after-commit work (the letters) at once."""

    class Committing:
        def __getattr__(self, name):
            return getattr(client, name)

        def post(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(*args, **kwargs)

    return Committing()


@pytest.fixture
def staff():
    return person_with_roles(OfficeRole.OFFICE_STAFF, username="staff")


@pytest.fixture
def school():
    return OrganisationFactory(short_name="МБОУ СОШ № 3")


@pytest.fixture
def lead(school):
    person = UserFactory(username="lead")
    MembershipFactory(person=person, organisation=school, position="заместитель директора",
                      is_lead=True)
    return person


def link_token(letter):
    return re.search(r"/accounts/invitation/([\w-]+)/", letter.body).group(1)


def invite(client, **data):
    return client.post(reverse("network:invite"), {
        "email": "", "last_name": "", "first_name": "", "patronymic": "", "role": "expert",
        "organisation": "", "position": "", **data})


def accept(client, token, **data):
    return client.post(reverse("accounts:invitation", kwargs={"token": token}), {
        "last_name": "Новикова", "first_name": "Ольга", "patronymic": "", "password1": "Sm0oth-river-22",
        "password2": "Sm0oth-river-22", **data})


def test_office_invites_an_expert_who_accepts_and_gives_consent(client, staff):
    client.force_login(staff)
    response = invite(client, email="Novikova@Example.org", role="expert", first_name="Ольга")
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "novikova@example.org", "expert", staff)
    [letter] = mail.outbox
    assert letter.to == ["novikova@example.org"]
    assert letter.subject == "Приглашение на портал проектного офиса"
    assert "Здравствуйте, Ольга!" in letter.body
    token = link_token(letter)
    assert invitation.token_hash == token_hash(token) != token  # only the hash is stored
    client.logout()
    page = client.get(reverse("accounts:invitation", kwargs={"token": token}))
    assert page.status_code == 200
    assert "Вас приглашают в роли «Эксперт»." in page.content.decode()
    response = accept(client, token, password2="other-Password-1")
    assert response.status_code == 400
    assert response.context["form"].errors == {"password2": ["Пароли не совпадают."]}
    assert 'value="Новикова"' in response.content.decode()  # nothing typed is lost
    response = accept(client, token)
    assert response["Location"] == reverse("home")
    person = User.objects.get(email="novikova@example.org")
    assert person.role_codes == {"expert"}
    assert (person.last_name, person.first_name) == ("Новикова", "Ольга")
    # the consent comes first, as for everybody
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:consent"))
    invitation.refresh_from_db()
    assert (invitation.person, invitation.is_accepted) == (person, True)
    # the link works once
    client.logout()
    again = client.get(reverse("accounts:invitation", kwargs={"token": token}))
    assert again.status_code == 410
    assert "Эта ссылка уже использована." in again.content.decode()
    assert accept(client, token).status_code == 410
    assert User.objects.filter(email="novikova@example.org").count() == 1


def test_expired_and_withdrawn_links_get_a_clear_page_and_a_way_to_ask_again(client, staff):
    expired = InvitationFactory(invited_by=staff, expires_at=timezone.now() - timedelta(minutes=1))
    withdrawn = InvitationFactory(invited_by=staff, withdrawn_at=timezone.now())
    page = client.get(reverse("accounts:invitation", kwargs={"token": expired.token}))
    assert page.status_code == 410
    assert "Срок действия ссылки истёк" in page.content.decode()
    assert "Попросить новую ссылку" in page.content.decode()
    page = client.get(reverse("accounts:invitation", kwargs={"token": withdrawn.token}))
    assert "Приглашение отозвано тем, кто его отправил." in page.content.decode()
    assert client.get(reverse("accounts:invitation", kwargs={"token": "nope"})).status_code == 404
    response = client.post(reverse("accounts:invitation_renew", kwargs={"token": expired.token}))
    assert response.status_code == 302
    [letter] = mail.outbox
    assert letter.to == [staff.email]
    assert expired.email in letter.body
    assert accept(client, expired.token).status_code == 410
    assert not User.objects.filter(email=expired.email).exists()


def test_an_existing_account_gets_the_role_instead_of_a_second_account(client, staff):
    person = UserFactory(email="petrov@example.org")
    client.force_login(staff)
    response = invite(client, email="PETROV@example.org", role="expert")
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="petrov@example.org").count() == 1
    person.refresh_from_db()
    assert person.role_codes == {"expert"}
    [letter] = mail.outbox
    assert letter.subject == "Новая роль на портале проектного офиса"


def test_inviting_a_deactivated_person_is_refused_beside_the_field(client, staff):
    UserFactory(email="left@example.org", is_active=False)
    client.force_login(staff)
    response = invite(client, email="left@example.org", role="expert")
    assert response.status_code == 200
    assert response.context["form"].errors == {"email": [
        "Учётная запись с e-mail left@example.org отключена (человек ушёл). Вместо приглашения "
        "снова включите её на странице человека."]}
    assert Invitation.objects.count() == 0 and mail.outbox == []


def test_only_the_head_invites_a_head(client, staff):
    client.force_login(staff)
    response = invite(client, email="boss@example.org", role="office_head")
    assert list(response.context["form"].errors) == ["role"]
    head = person_with_roles(OfficeRole.OFFICE_HEAD, username="head")
    client.force_login(head)
    assert invite(client, email="boss@example.org", role="office_head").status_code == 302


def test_office_invites_a_team_lead_and_the_lead_invites_members(client, staff, school):
    client.force_login(staff)
    invite(client, email="lead@example.org", role="team_lead", organisation=school.pk,
           position="заместитель директора")
    token = link_token(mail.outbox[-1])
    client.logout()
    accept(client, token)
    lead = User.objects.get(email="lead@example.org")
    membership = Membership.objects.get(person=lead)
    assert (membership.organisation, membership.position, membership.is_lead) == (
        school, "заместитель директора", True)
    assert client.post(reverse("accounts:consent"), {"agree": "on"}).status_code == 302
    team_url = reverse("network:team", kwargs={"pk": school.pk})
    assert client.get(team_url).status_code == 200
    response = client.post(team_url, {"email": "member@example.org", "position": "учитель",
                                      "last_name": "", "first_name": "", "patronymic": ""})
    assert response.status_code == 302
    member_token = link_token(mail.outbox[-1])
    client.logout()
    accept(client, member_token)
    member = User.objects.get(email="member@example.org")
    assert list(Membership.objects.filter(person=member).values_list(
        "organisation__short_name", "position", "is_lead")) == [("МБОУ СОШ № 3", "учитель", False)]


def test_a_lead_inviting_into_another_school_gets_403_and_an_audit_record(client, lead):
    other = OrganisationFactory(short_name="МБОУ СОШ № 9")
    client.force_login(lead)
    response = client.post(reverse("network:team", kwargs={"pk": other.pk}),
                           {"email": "x@example.org", "position": "учитель"})
    assert response.status_code == 403
    assert Invitation.objects.count() == 0
    record = AuditRecord.objects.get(action="invitation_refused")
    assert (record.actor, record.object_repr) == (lead, "МБОУ СОШ № 9")
    assert "x@example.org" in record.comment


def test_a_plain_member_cannot_manage_the_team(client, school):
    member = UserFactory()
    MembershipFactory(person=member, organisation=school)
    client.force_login(member)
    assert client.get(reverse("network:team", kwargs={"pk": school.pk})).status_code == 403


def test_the_lead_changes_positions_hands_the_lead_and_removes(client, lead, school):
    other = MembershipFactory(organisation=school, position="учитель")
    client.force_login(lead)

    def act(membership, action, **data):
        return client.post(reverse("network:team_member",
                                   kwargs={"pk": membership.pk, "action": action}), data)

    act(other, "position", position="руководитель МО")
    other.refresh_from_db()
    assert other.position == "руководитель МО"
    own = Membership.objects.get(person=lead)
    act(own, "remove")  # the lead cannot remove themself while leading
    own.refresh_from_db()
    assert own.is_active
    act(other, "lead")
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.is_lead, other.is_lead) == (False, True)
    # the former lead no longer manages the team
    assert act(other, "position", position="x").status_code == 403
    client.force_login(other.person)
    act(own, "remove")
    own.refresh_from_db()
    assert not own.is_active
    assert list(AuditRecord.objects.order_by("pk").values_list("action", flat=True)) == [
        "position_changed", "team_lead_set", "membership_ended"]


def test_pending_invitations_resend_and_withdraw(client, staff):
    invitation = InvitationFactory(invited_by=staff)
    old_token = invitation.token
    client.force_login(staff)
    client.post(reverse("network:invitation_resend", kwargs={"pk": invitation.pk}))
    [letter] = mail.outbox
    new_token = link_token(letter)
    assert new_token != old_token
    client.logout()
    assert client.get(reverse("accounts:invitation", kwargs={"token": old_token})).status_code == 404
    assert client.get(reverse("accounts:invitation", kwargs={"token": new_token})).status_code == 200
    client.force_login(staff)
    client.post(reverse("network:invitation_withdraw", kwargs={"pk": invitation.pk}))
    client.logout()
    assert client.get(reverse("accounts:invitation", kwargs={"token": new_token})).status_code == 410
    assert list(AuditRecord.objects.order_by("pk").values_list("action", flat=True)) == [
        "invitation_resent", "invitation_withdrawn"]


@pytest.mark.parametrize("count", [1, 3])
def test_invitation_list_and_team_page_queries_are_constant(client, staff, lead, school, count,
                                                           django_assert_num_queries):
    for _ in range(count):
        InvitationFactory(invited_by=staff, organisation=school, role="team_member")
        MembershipFactory(organisation=school)
    client.force_login(staff)
    with django_assert_num_queries(4):
        response = client.get(reverse("network:invitations"))
    assert len(response.context["invitations"]) == count
    client.force_login(lead)
    with django_assert_num_queries(6):
        response = client.get(reverse("network:team", kwargs={"pk": school.pk}))
    assert len(response.context["members"]) == count + 1
