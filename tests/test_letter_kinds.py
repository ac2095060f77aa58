"""Every letter and notification the portal sends has a kind of letter the office words (issue 24,
item 4): the registry covers every notification kind and every mail path, no code renders a mail
template or builds an e-mail past the registry, and the paths found last (the daily digest, the
invitation sent again, the new link asked for, the backup failure, the meeting's letters, the
card's change of state, the receipt and the reminder of a call) go out in the office's wording."""

import ast
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from accounts import invitations, joining, letters, notifications
from accounts.enums import NotificationChannel, NotificationKind, OfficeRole
from accounts.letters.builtin import notification_key
from accounts.models import Notification
from initiatives import lifecycle
from initiatives.enums import InitiativeState as S
from tests.factories import (
    AgendaItemFactory,
    InvitationFactory,
    MeetingFactory,
    NotificationPreferenceFactory,
    OfficeMemberFactory,
    UserFactory,
    complete_initiative,
    person_with_roles,
)

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
APPS = ("accounts", "network", "initiatives", "expertise", "portfolio", "meetings", "reports")

# Every path that sends a letter of its own (not a notification's), with its kind of letter;
# the notifications' letters are «notification.<kind>», and the notifications whose text is a
# letter of its own are the meetings', the change of state's and the call's.
MAIL_PATHS = {
    "accounts/invitations.py: invite": "invitation",
    "accounts/invitations.py: invite (an existing account)": "role_added",
    "accounts/invitations.py: resend_invitation": "invitation_resent",
    "accounts/joining.py: ask_for_new_link": "invitation_renew",
    "accounts/forms.py: the password reset": "password_reset",
    "accounts/notifications.py: send_daily_digests": "digest",
    "reports/backups.py: the backup failed": "backup_failed",
    "reports/backups.py: the restore check failed": "backup_check_failed",
    "meetings/services.py: send_invitations": "meeting_invitation",
    "meetings/services.py: minutes approved": "meeting_minutes",
    "initiatives/lifecycle.py: fire": "initiative_state_changed",
    "initiatives/calls/services.py: register_submission": "submission_receipt",
    "initiatives/calls/services.py: the deadline reminder": "call_reminder",
}
# where letters are built and sent: the renderer, and the mail module that sends what it renders
SENDERS = {"accounts/mail.py", "accounts/letters/__init__.py"}
MAIL_CALLS = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers", "EmailMessage",
              "EmailMultiAlternatives"}


def test_every_notification_kind_and_every_mail_path_has_a_kind_of_letter():
    keys = set(letters.KINDS)
    missing = [k.value for k in NotificationKind if notification_key(k.value) not in keys]
    assert missing == [], f"notification kinds without a letter: {missing}"
    missing = {path: key for path, key in MAIL_PATHS.items() if key not in keys}
    assert missing == {}, f"mail paths without a kind of letter: {missing}"


def test_every_mail_template_belongs_to_a_kind_of_letter():
    used = {t for kind in letters.KINDS.values()
            for t in (kind.subject_template, kind.body_template)}
    templates = {str(p.relative_to(ROOT / "templates"))
                 for p in (ROOT / "templates").glob("**/email/*.txt")}
    orphans = sorted(templates - used - {"accounts/email/signature.txt"})
    assert orphans == [], f"mail templates rendered past the letters' registry: {orphans}"


def _calls_in(path):
    """(name called, first string argument) of every call in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) \
                else None
            yield name, first


def test_no_code_renders_a_mail_template_or_sends_mail_past_the_registry():
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            rel = str(path.relative_to(ROOT))
            if "migrations" in rel or rel in SENDERS:
                continue
            for name, first in _calls_in(path):
                if name in MAIL_CALLS or (
                        name == "render_to_string" and isinstance(first, str)
                        and "/email/" in first):
                    found.append(f"{rel}: {name}({first or ''})")
    assert found == []


def test_every_default_keeps_its_required_placeholders():
    for kind in letters.kinds():
        subject, body = letters.default_text(kind)
        used = set(letters.names_in(subject)) | set(letters.names_in(body))
        assert set(kind.required) <= used, kind.key
        assert not letters.check(kind, subject=subject, body=body), kind.key


@pytest.mark.parametrize("key, required", [
    ("digest", "{list}"), ("invitation_renew", "{link}"), ("invitation_resent", "{link}"),
    ("backup_failed", "{error}"), ("call_reminder", "{deadline}"),
    ("submission_receipt", "{number}"), ("meeting_invitation", "{when}"),
])
def test_a_required_placeholder_of_the_new_kinds_cannot_be_removed(key, required):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    subject, body = letters.default_text(letters.get(key))
    with pytest.raises(Exception) as e:
        letters.save_template(key, by=staff, subject=subject.replace(required, ""),
                              body=body.replace(required, ""))
    assert required in str(e.value)


def _word(key, subject, body):
    letters.save_template(key, by=person_with_roles(OfficeRole.OFFICE_STAFF), subject=subject,
                          body=body)


def test_the_daily_digest_goes_out_in_the_offices_wording(django_capture_on_commit_callbacks):
    subject, body = letters.default_text(letters.get("digest"))
    assert "{count}" in subject and "{list}" in body and "{list_link}" in body
    person = UserFactory(first_name="Ирина")
    kind = NotificationKind.EXPERT_ASSIGNED
    NotificationPreferenceFactory(person=person, kind=kind, channel=NotificationChannel.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([person], kind=kind, title="Замысел «Лифт»", url="/initiatives/1/")
        notifications.notify([person], kind=kind, title="Замысел «Мост»", url="/initiatives/2/")
    _word("digest", "Сводка: {count}", "{name}, за день:\n{list}\nВсе: {list_link}")
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_daily_digests() == 1
    [letter] = mail.outbox
    assert letter.subject == "Сводка: 2"
    assert letter.body.startswith("Ирина, за день:\n— ")
    assert "Замысел «Лифт»" in letter.body and "/initiatives/2/" in letter.body
    assert "/accounts/notifications/" in letter.body


def test_the_invitation_sent_again_and_the_new_link_asked_for_have_their_own_letters(
        django_capture_on_commit_callbacks):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF, email="staff@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitations.invite(email="oleg@example.org", role="expert", by=staff,
                                        first_name="Олег")
    _word("invitation_resent", "Новая ссылка для {name}", "Старая ссылка не работает: {link}")
    _word("invitation_renew", "Просьба от {email}", "{email} ({role}) просит ссылку: {link}")
    with django_capture_on_commit_callbacks(execute=True):
        invitations.resend_invitation(invitation, by=staff)
        joining.ask_for_new_link(InvitationFactory(invited_by=staff, email="ivan@example.org"))
    first, resent, asked = mail.outbox
    assert first.subject == "Приглашение на портал проектного офиса"
    assert resent.subject == "Новая ссылка для Олег"
    assert "Старая ссылка не работает: http" in resent.body
    assert (asked.to, asked.subject) == (["staff@example.org"], "Просьба от ivan@example.org")
    assert "/network/invitations/" in asked.body


def test_the_default_new_link_letter_is_russian_with_the_link(django_capture_on_commit_callbacks):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF, email="staff@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        joining.ask_for_new_link(InvitationFactory(invited_by=staff, email="ivan@example.org"))
    [asked] = mail.outbox
    assert asked.subject == "Просят новую ссылку приглашения"
    assert "ivan@example.org" in asked.body and "/network/invitations/" in asked.body


def test_the_backup_failure_goes_out_in_the_offices_wording(django_capture_on_commit_callbacks,
                                                             settings):
    from reports import backups

    person_with_roles(OfficeRole.OFFICE_HEAD, email="head@example.org")
    _word("backup_failed", "Копия не сделана", "Причина: {error}. Позвоните администратору.")
    with django_capture_on_commit_callbacks(execute=True):
        backups._tell_heads("backup", "диск <полон>")
        backups._tell_heads("verify", "счёт не сошёлся")
    worded, default = mail.outbox
    assert (worded.subject, worded.to) == ("Копия не сделана", ["head@example.org"])
    assert worded.body.startswith("Причина: диск <полон>. Позвоните администратору.")
    assert default.subject == "Еженедельная проверка восстановления резервной копии не прошла"
    assert "Причина: счёт не сошёлся" in default.body


def test_a_meeting_invitation_is_the_offices_wording_in_the_portal_and_the_mail(
        django_capture_on_commit_callbacks):
    from meetings import services as meeting_services

    head = person_with_roles(OfficeRole.OFFICE_HEAD, email="head@example.org")
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    for person in (head, staff):
        OfficeMemberFactory(person=person)
    meeting = MeetingFactory(chair=head, secretary=staff, place="Каб. 12")
    AgendaItemFactory(meeting=meeting)
    _word("meeting_invitation", "Заседание № {number}, {date}",
          "Ждём вас {when}, {place}.\nПовестка:\n{agenda}")
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.send_invitations(meeting, by=staff)
    note = Notification.objects.get(recipient=head, kind="meeting_invitation")
    assert note.title.startswith(f"Заседание № {meeting.number}, ")
    assert note.body.startswith("Ждём вас ") and ", Каб. 12.\nПовестка:\n1. " in note.body
    [letter] = [m for m in mail.outbox if head.email in m.to]
    assert "Ждём вас" in letter.body and letter.attachments


def test_a_receipt_and_a_change_of_state_are_the_offices_wording(
        world, django_capture_on_commit_callbacks):
    from tests.factories import CallFactory

    now = datetime.datetime.now(datetime.UTC)
    call = CallFactory(opens_at=now - datetime.timedelta(days=3),
                       closes_at=now + datetime.timedelta(days=3))
    card = complete_initiative(world.own_org, leader=world.team_own, call=call, title="Мост")
    _word("submission_receipt", "Принято: № {number}", "«{title}» принят {received}, № {number}.")
    _word("initiative_state_changed", "{title}: теперь {to}", "Было: {from}. Стало: {to}.")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.fire(card, "submit", by=world.team_own)
    receipt = Notification.objects.get(recipient=world.team_own, kind="submission_received")
    assert receipt.title == "Принято: № 1"
    assert receipt.body.startswith("«Мост» принят ") and receipt.body.endswith(", № 1.")
    moved = Notification.objects.exclude(kind="submission_received").filter(
        title__startswith="Мост: теперь").first()
    assert moved is not None and moved.body == (
        f"Было: {S.DRAFT.label}. Стало: {S.SUBMITTED.label}.")


def test_the_office_opens_every_new_kind_with_its_placeholders_and_a_preview(client):
    from django.urls import reverse

    client.force_login(person_with_roles(OfficeRole.OFFICE_STAFF))
    listing = client.get(reverse("accounts:letters")).content.decode()
    for key in sorted(set(MAIL_PATHS.values())):
        kind = letters.get(key)
        assert str(kind.label) in listing, key
        page = client.get(reverse("accounts:letter", kwargs={"key": key}))
        assert page.status_code == 200, key
        text = page.content.decode()
        for name in kind.placeholders:
            assert f"{{{name}}}" in text, (key, name)
