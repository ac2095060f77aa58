"""Office roles and leaving on a person's page; bulk invitations from a table (issue 18)."""

import io

import pytest
from django.core import mail
from django.urls import reverse

from accounts.enums import OfficeRole
from accounts.models import AuditRecord, Invitation, User
from tests.factories import (
    PASSWORD,
    InvitationFactory,
    OrganisationFactory,
    UserFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return person_with_roles(OfficeRole.OFFICE_STAFF, username="staff")


def test_office_grants_and_removes_roles_on_the_person_page(client, staff):
    person = UserFactory()
    client.force_login(staff)
    url = reverse("accounts:person_role", kwargs={"pk": person.pk})
    client.post(url, {"role": "expert", "grant": "1"})
    client.post(url, {"role": "office_staff", "grant": "1"})
    assert User.objects.get(pk=person.pk).role_codes == {"expert", "office_staff"}
    client.post(url, {"role": "expert", "grant": "0"})
    assert User.objects.get(pk=person.pk).role_codes == {"office_staff"}
    client.post(url, {"role": "office_head", "grant": "1"})  # only the head grants a head
    assert User.objects.get(pk=person.pk).role_codes == {"office_staff"}
    page = client.get(person.get_absolute_url())
    assert page.context["role_choices"] == [("office_staff", "Сотрудник проектного офиса", True),
                                            ("expert", "Эксперт", False)]
    own = client.post(reverse("accounts:person_role", kwargs={"pk": staff.pk}),
                      {"role": "expert", "grant": "1"})
    assert own.status_code == 403
    assert list(AuditRecord.objects.order_by("pk").values_list("action", "from_value", "to_value")) == [
        ("role_granted", "", "expert"), ("role_granted", "", "office_staff"),
        ("role_revoked", "expert", "")]


def test_a_person_who_leaves_is_switched_off_with_history_kept(client, staff):
    person = UserFactory(username="leaver", email="leaver@example.org")
    InvitationFactory(email="leaver@example.org", role="expert")
    client.force_login(staff)
    client.post(reverse("accounts:person_active", kwargs={"pk": person.pk}), {"active": "0"})
    person.refresh_from_db()
    assert not person.is_active
    assert Invitation.objects.get().is_withdrawn
    client.logout()
    refused = client.post(reverse("accounts:login"), {"username": "leaver", "password": PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    client.force_login(staff)
    page = client.get(person.get_absolute_url())
    assert page.status_code == 200  # the office still opens the page
    assert "отключён" in page.content.decode()
    # inviting them again is refused; the anonymisation stays available
    response = client.post(reverse("network:invite"), {"email": "leaver@example.org",
                                                      "role": "expert"})
    assert list(response.context["form"].errors) == ["email"]
    response = client.post(reverse("accounts:person_anonymise", kwargs={"pk": person.pk}))
    person.refresh_from_db()
    assert person.username.startswith("anonymised-")
    assert list(AuditRecord.objects.filter(object_id=str(person.pk)).order_by("pk")
                .values_list("action", flat=True)) == ["deactivated", "anonymised"]


def test_a_person_is_switched_on_again(client, staff):
    person = UserFactory(is_active=False)
    client.force_login(staff)
    client.post(reverse("accounts:person_active", kwargs={"pk": person.pk}), {"active": "1"})
    person.refresh_from_db()
    assert person.is_active


# --- bulk invitations ---------------------------------------------------------------------


def csv_file(text, encoding="utf-8", name="people.csv"):
    f = io.BytesIO(text.encode(encoding))
    f.name = name
    return f


def test_bulk_invitation_preview_confirm_idempotent(client, staff, django_capture_on_commit_callbacks):
    OrganisationFactory(short_name="МБОУ СОШ № 3")
    existing = UserFactory(email="old@example.org")
    UserFactory(email="left@example.org", is_active=False)
    text = (
        "Фамилия;Имя;Отчество;E-mail;Организация;Роль;Должность\r\n"
        "Иванова;Анна;Петровна;anna@example.org;МБОУ СОШ № 3;Участник команды ОО;учитель\r\n"
        "Петров;Пётр;;old@example.org;;Эксперт;\r\n"
        ";;;;;;\r\n"
        "Сидоров;Иван;;ivan@example.org;;Сотрудник проектного офиса;\r\n"
    )
    client.force_login(staff)
    url = reverse("network:invitation_import")
    response = client.post(url, {"file": csv_file(text, "cp1251")})
    assert response.context["form"].errors == {}
    rows = response.context["preview"].rows
    assert [(r.number, r.status, r.reasons) for r in rows] == [
        (2, "new", []), (3, "changed", []), (5, "new", [])]
    assert Invitation.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"token": response.context["token"]})
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", "role", "organisation__short_name",
                                                 "position")) == [
        ("anna@example.org", "team_member", "МБОУ СОШ № 3", "учитель"),
        ("ivan@example.org", "office_staff", None, ""),
        ("old@example.org", "expert", None, ""),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anna@example.org", "ivan@example.org", "old@example.org"]
    assert User.objects.get(pk=existing.pk).role_codes == {"expert"}
    again = client.post(url, {"file": csv_file(text, "cp1251")})
    assert [r.status for r in again.context["preview"].rows] == ["unchanged"] * 3
    assert again.context["token"] == ""


def test_bulk_invitation_bad_rows(client, staff):
    OrganisationFactory(short_name="МБОУ СОШ № 3")
    UserFactory(email="left@example.org", is_active=False)
    text = (
        "E-mail,Фамилия,Имя,Роль,Организация\n"
        "a@example.org,А,А,Эксперт,\n"
        "A@example.org,Б,Б,Эксперт,\n"
        "not-mail,В,В,Эксперт,\n"
        "g@example.org,Г,Г,Директор,\n"
        "d@example.org,Д,Д,Участник команды ОО,СОШ № 99\n"
        "left@example.org,Е,Е,Эксперт,\n"
        "h@example.org,Ж,Ж,Руководитель проектного офиса,\n"
        "=cmd|' /C calc'!A0,З,З,Эксперт,\n"
    )
    client.force_login(staff)
    response = client.post(reverse("network:invitation_import"), {"file": csv_file(text)})
    assert response.context["form"].errors == {}
    assert [(r.number, r.reasons) for r in response.context["preview"].rows] == [
        (2, ["Электронная почта «a@example.org» повторяется в строках 2, 3 файла."]),
        (3, ["Электронная почта «A@example.org» повторяется в строках 2, 3 файла."]),
        (4, ["E-mail: «not-mail» — не адрес электронной почты."]),
        (5, ["Роль: «Директор» неизвестна; укажите одну из: Руководитель проектного офиса, "
             "Сотрудник проектного офиса, Эксперт, Руководитель команды ОО, Участник команды ОО."]),
        (6, ["Организация: «СОШ № 99» не найдена на портале; укажите краткое наименование так, "
             "как его показывает портал."]),
        (7, ["E-mail: учётная запись с этим адресом отключена (человек ушёл)."]),
        (8, ["Роль: руководителя проектного офиса может пригласить только руководитель."]),
        (9, ["E-mail: «=cmd|' /C calc'!A0» — не адрес электронной почты."]),
    ]
    assert response.context["token"] == ""
