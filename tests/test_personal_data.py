"""Personal data under 152-ФЗ: consent at first sign-in, the export, anonymisation, contacts."""

import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts import personal_data
from accounts.audit import history_for
from accounts.enums import AuditAction, OfficeRole
from accounts.errors import DomainError
from accounts.models import Consent, User
from tests.factories import (
    PASSWORD,
    NotificationFactory,
    UserFactory,
    person_with_roles,
    team_member,
)

pytestmark = pytest.mark.django_db


def test_a_person_without_consent_sees_only_the_consent_page(client):
    person = UserFactory(consent=False)
    client.force_login(person)
    response = client.get(reverse("accounts:profile"))
    assert (response.status_code, response["Location"]) == (
        302, reverse("accounts:consent") + "?next=%2Faccounts%2Fprofile%2F")
    for name in ("accounts:consent", "healthz"):
        assert client.get(reverse(name)).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_htmx_requests_without_consent_are_redirected_by_htmx(client):
    client.force_login(UserFactory(consent=False))
    response = client.get(reverse("accounts:notification_badge"), HTTP_HX_REQUEST="true")
    assert (response.status_code, response["HX-Redirect"]) == (
        204, reverse("accounts:consent") + "?next=%2Faccounts%2Fnotifications%2Fbadge%2F")


def test_consent_is_recorded_with_the_text_shown_and_leads_back(client, settings):
    person = UserFactory(consent=False)
    client.force_login(person)
    page = client.get(reverse("accounts:consent"), {"next": "/accounts/profile/"})
    html = page.content.decode()
    assert "Федерального закона от 27.07.2006 № 152-ФЗ" in html
    response = client.post(reverse("accounts:consent"), {"agree": "on", "next": "/accounts/profile/"})
    assert (response.status_code, response["Location"]) == (302, "/accounts/profile/")
    consent = Consent.objects.get(person=person)
    assert consent.version == settings.CONSENT_VERSION
    assert consent.text == page.context["consent_text"]
    assert consent.text.startswith("В соответствии со статьёй 9")
    assert [a.action for a in history_for(person)] == [AuditAction.CONSENT_GIVEN]
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_consent_must_be_ticked_and_next_must_stay_on_the_portal(client):
    client.force_login(UserFactory(consent=False))
    response = client.post(reverse("accounts:consent"), {"next": "/home/"})
    assert "Отметьте согласие флажком или выйдите из портала." in response.content.decode()
    assert Consent.objects.count() == 0
    response = client.post(reverse("accounts:consent"), {"agree": "on", "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_a_new_consent_version_asks_again(client, settings):
    person = UserFactory()
    settings.CONSENT_VERSION = "2099-1"
    client.force_login(person)
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:consent"))


def test_sign_in_through_the_form_without_consent_goes_to_the_consent_page(client):
    UserFactory(username="novikova", consent=False)
    response = client.post(reverse("accounts:login"), {"username": "novikova", "password": PASSWORD},
                           follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:consent") + "?next=%2Fhome%2F"


# --- export --------------------------------------------------------------------------------------


def _zip(response):
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_a_person_downloads_all_their_data_as_zip_and_the_export_is_logged(client):
    person = UserFactory(username="orlova", last_name="Орлова", phone="+7 900 000-00-00")
    NotificationFactory(recipient=person, title="Вас назначили экспертом")
    NotificationFactory(title="Чужое уведомление")
    client.force_login(person)
    response = client.post(reverse("accounts:personal_data"))
    assert (response.status_code, response["Content-Type"]) == (200, "application/zip")
    assert response["Content-Disposition"].startswith('attachment; filename="personal-data-')
    archive = _zip(response)
    assert sorted(archive.namelist()) == [
        "data/consents.json", "data/history-about-me.json",
        "data/initiatives-attachments.json", "data/initiatives-expert-assignments.json",
        "data/initiatives-indicator-values.json", "data/initiatives-progress-reports.json",
        "data/initiatives-review-scores.json", "data/initiatives-reviews.json",
        "data/initiatives-teams.json", "data/initiatives-thread-messages.json",
        "data/invitations.json",
        "data/meetings-attendance.json", "data/meetings-reflections.json", "data/meetings-tasks.json",
        "data/my-actions.json", "data/network-event-feedback.json", "data/network-event-registrations.json",
        "data/network-events-organised.json", "data/network-memberships.json",
        "data/network-rule-comments.json", "data/network-rule-votes.json",
        "data/notification-settings.json", "data/notifications.json", "data/profile.json",
        "manifest.json"]
    profile = json.loads(archive.read("data/profile.json"))
    assert (profile["login"], profile["last_name"], profile["phone"]) == (
        "orlova", "Орлова", "+7 900 000-00-00")
    titles = [n["title"] for n in json.loads(archive.read("data/notifications.json"))]
    assert titles == ["Вас назначили экспертом"]
    [line] = history_for(person)
    assert (line.action, line.actor) == (AuditAction.DATA_EXPORTED, person)


def test_other_apps_contribute_parts_and_files_through_the_registry(client):
    def exporter(person):
        return personal_data.DataPart(
            "test-reports", [{"title": "Отчёт за полугодие"}],
            files=[("отчёт.txt", ContentFile("Текст отчёта".encode(), name="r.txt"))])

    personal_data.register_exporter(exporter)
    try:
        person = UserFactory()
        archive = personal_data.build_export(person)
    finally:
        personal_data._EXPORTERS.remove(exporter)
    archive = zipfile.ZipFile(io.BytesIO(archive))
    manifest = json.loads(archive.read("manifest.json"))
    [part] = [p for p in manifest["parts"] if p["name"] == "test-reports"]
    assert part["files"] == ["files/test-reports/отчёт.txt"]
    assert archive.read("files/test-reports/отчёт.txt").decode() == "Текст отчёта"


def test_nobody_exports_somebody_elses_data():
    with pytest.raises(DomainError):
        personal_data.export_personal_data(UserFactory(), by=UserFactory())


# --- anonymisation -------------------------------------------------------------------------------


def test_office_staff_anonymise_a_person_who_left(client):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    leaver = person_with_roles(OfficeRole.EXPERT, username="belov", last_name="Белов",
                               first_name="Игорь", phone="+7 912 111-11-11")
    personal_data.give_consent(leaver, text="Текст")
    NotificationFactory(recipient=leaver)
    client.force_login(staff)
    response = client.post(reverse("accounts:person_anonymise", args=[leaver.pk]))
    assert response.status_code == 302
    leaver.refresh_from_db()
    label = f"Участник {leaver.pk}"
    assert (leaver.full_name, leaver.short_name, str(leaver)) == (label, label, label)
    assert (leaver.email, leaver.phone, leaver.is_active, leaver.has_usable_password()) == (
        "", "", False, False)
    assert leaver.username.startswith(f"anonymised-{leaver.pk}-")
    assert leaver.notifications.count() == 0
    # the same row: history and roles still point to it, under the neutral label
    assert leaver.role_codes == {"expert"}
    lines = list(history_for(leaver))
    assert lines[0].action == AuditAction.ANONYMISED and lines[0].actor == staff
    assert {line.object_repr for line in lines} == {label}
    # and the person can no longer sign in
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": "belov", "password": PASSWORD})
    assert "Неверный логин или пароль" in response.content.decode()


def test_anonymising_oneself_or_twice_is_refused():
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    with pytest.raises(DomainError):
        personal_data.anonymise_person(staff, by=staff)
    person = UserFactory()
    personal_data.anonymise_person(person, by=staff)
    with pytest.raises(DomainError):
        personal_data.anonymise_person(person, by=staff)


# --- contacts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("viewer", "shown"), [
    ("self", True), ("staff", True), ("head", True), ("team_other", False), ("expert_other", False),
])
def test_contacts_on_a_person_page_only_for_the_person_and_the_office(viewer, shown, world, client):
    person = world.team_own
    User.objects.filter(pk=person.pk).update(phone="+7 342 555-12-34")
    client.force_login(person if viewer == "self" else world.people[viewer])
    html = client.get(reverse("accounts:person", args=[person.pk])).content.decode()
    assert (person.email in html, "+7 342 555-12-34" in html) == (shown, shown)


def test_guests_and_colleagues_never_see_contacts_on_an_organisation_page(world, client):
    member = team_member(world.own_org, email="hidden.teacher@example.org", phone="+7 342 000-00-01")
    for viewer in (None, world.team_own, world.team_other, world.staff):
        client.logout()
        if viewer:
            client.force_login(viewer)
        html = client.get(reverse("network:organisation", args=[world.own_org.pk]), follow=True
                          ).content.decode()
        assert (member.email in html, member.phone in html) == (False, False)


def test_demo_sign_ins_have_consent_and_a_few_notifications(demo):
    from django.core.management import call_command

    from accounts.demo import SIGN_INS
    from accounts.models import Notification

    counts = (Consent.objects.count(), Notification.objects.count())
    call_command("seed_demo", verbosity=0)  # over the demo: nothing twice
    assert (Consent.objects.count(), Notification.objects.count()) == counts
    assert sorted(Consent.objects.values_list("person__username", flat=True)) == sorted(SIGN_INS)
    # one left unread by accounts.demo, the others by the current academic year
    # (portfolio.demo.today; portfolio.demo.plan: a control point done, waiting for the office,
    # per project; portfolio.demo.passport: the head asked to agree a passport): every role
    # finds news on the day the demo is started
    unread = Notification.objects.filter(read_at__isnull=True)
    assert {login: unread.filter(recipient__username=login).count() for login in SIGN_INS} == {
        "expert": 3, "expert2": 4, "head": 22, "staff": 20, "team": 8, "team2": 7}
    assert not personal_data.has_consent(User.objects.get(username="orlova"))


def test_the_export_holds_what_the_person_wrote_in_initiatives_and_meetings(world):
    from tests.factories import ThreadMessageFactory

    ThreadMessageFactory(initiative=world.initiative, author=world.expert_assigned,
                         kind="recommendation", text="Уточните целевые показатели.")
    archive = zipfile.ZipFile(io.BytesIO(personal_data.build_export(world.expert_assigned)))
    messages = json.loads(archive.read("data/initiatives-thread-messages.json"))
    assignments = json.loads(archive.read("data/initiatives-expert-assignments.json"))
    assert [(m["initiative__title"], m["text"]) for m in messages] == [
        ("Сетевой проект", "Уточните целевые показатели.")]
    assert [a["initiative__title"] for a in assignments] == ["Сетевой проект"]
    attendance = json.loads(archive.read("data/meetings-attendance.json"))
    assert attendance == []
