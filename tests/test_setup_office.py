"""manage.py setup_office: the first run sends the first head's invitation, once."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.enums import OfficeRole
from accounts.models import Invitation
from tests.factories import person_with_roles

pytestmark = pytest.mark.django_db


def run(capture, *args):
    out = io.StringIO()
    with capture(execute=True):
        call_command("setup_office", *args, stdout=out)
    return out.getvalue().strip()


def test_first_run_invites_the_head_and_a_second_run_changes_nothing(
        django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    said = run(capture, "--head-email", "Head@Example.org", "--head-name", "Орлова Мария Ивановна")
    assert said == ("The invitation is sent to head@example.org: the link in the letter is valid "
                    "for 7 days.")
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.last_name, invitation.first_name,
            invitation.patronymic, invitation.invited_by) == (
        "office_head", "Орлова", "Мария", "Ивановна", None)
    [letter] = mail.outbox
    assert letter.to == ["head@example.org"]
    assert "/accounts/invitation/" in letter.body
    said = run(capture, "--head-email", "other@example.org")
    assert said.startswith("The first head's invitation to head@example.org is already sent")
    assert said.endswith("nothing changed.")
    assert (Invitation.objects.count(), len(mail.outbox)) == (1, 1)


def test_an_expired_first_invitation_is_sent_again(django_capture_on_commit_callbacks):
    run(django_capture_on_commit_callbacks, "--head-email", "head@example.org")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    said = run(django_capture_on_commit_callbacks)
    assert said == "The first head's invitation to head@example.org had expired; a new link is sent."
    assert len(mail.outbox) == 2
    assert Invitation.objects.get().is_pending


def test_an_office_with_a_head_needs_nothing(django_capture_on_commit_callbacks):
    person_with_roles(OfficeRole.OFFICE_HEAD)
    said = run(django_capture_on_commit_callbacks, "--head-email", "head@example.org")
    assert said == "The office already has a head; nothing changed."
    assert Invitation.objects.count() == 0


def test_without_the_e_mail_and_without_a_terminal_it_says_what_is_missing():
    with pytest.raises(CommandError) as excinfo:
        call_command("setup_office", stdout=io.StringIO())
    assert str(excinfo.value) == "Give the first head's e-mail: --head-email head@example.org"
    with pytest.raises(CommandError) as excinfo:
        call_command("setup_office", "--head-email", "not-an-address", stdout=io.StringIO())
    assert str(excinfo.value) == "«not-an-address» is not an e-mail address."
