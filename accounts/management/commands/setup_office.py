"""The first run of a new office: the first head's invitation, and nothing else.

    manage.py setup_office --head-email head@example.org [--head-name "Фамилия Имя Отчество"]

Without the flags, on a terminal, it asks. Running it again changes nothing and says so (an
expired first invitation is sent again with a new link). Everything after this — the office's
identity, organisations, people — is done in the portal's own pages by that head.
"""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils import timezone

from accounts import invitations
from accounts.enums import InvitationRole, OfficeRole
from accounts.errors import DomainError
from accounts.models import Invitation, RoleAssignment


class Command(BaseCommand):
    help = "First run: send the first office head an invitation to the portal."

    def add_arguments(self, parser):
        parser.add_argument("--head-email", help="E-mail of the first office head.")
        parser.add_argument("--head-name", default=None,
                            help="Their name: «Фамилия Имя Отчество» (optional).")
        # The office's identity (body, municipality, region, place…) is set here too once
        # accounts.identity exists: add its flags in add_identity_arguments().
        self.add_identity_arguments(parser)

    def add_identity_arguments(self, parser):
        """Place for the office identity's flags (``accounts.identity.update_identity``)."""

    def apply_identity(self, options):
        """Place for ``accounts.identity.update_identity(...)``; returns True if it changed."""
        return False

    def ask(self, prompt, value, *, interactive):
        if value or not interactive:
            return (value or "").strip()
        return input(prompt).strip()

    def handle(self, *args, **options):
        interactive = sys.stdin.isatty()
        changed_identity = self.apply_identity(options)
        if RoleAssignment.objects.filter(role=OfficeRole.OFFICE_HEAD, user__is_active=True).exists():
            self.stdout.write("The office already has a head; nothing changed."
                              if not changed_identity else "The office identity is updated.")
            return
        pending = Invitation.objects.filter(
            role=InvitationRole.OFFICE_HEAD, accepted_at__isnull=True, withdrawn_at__isnull=True,
        ).order_by("-created_at").first()
        if pending is not None and pending.expires_at > timezone.now():
            self.stdout.write(
                f"The first head's invitation to {pending.email} is already sent and valid until "
                f"{timezone.localtime(pending.expires_at):%d.%m.%Y %H:%M}; nothing changed.")
            return
        if pending is not None:
            invitations.resend_invitation(pending, by=None)
            self.stdout.write(f"The first head's invitation to {pending.email} had expired; "
                              "a new link is sent.")
            return
        email = self.ask("E-mail of the first office head: ", options["head_email"],
                         interactive=interactive)
        if not email:
            raise CommandError("Give the first head's e-mail: --head-email head@example.org")
        try:
            validate_email(email)
        except ValidationError as e:
            raise CommandError(f"«{email}» is not an e-mail address.") from e
        name = self.ask("Their name, «Фамилия Имя Отчество» (Enter to skip): ",
                        options["head_name"], interactive=interactive)
        parts = name.split()
        try:
            invitation = invitations.invite(
                email=email, role=InvitationRole.OFFICE_HEAD, by=None,
                last_name=parts[0] if parts else "", first_name=parts[1] if len(parts) > 1 else "",
                patronymic=" ".join(parts[2:]))
        except DomainError as e:
            raise CommandError(str(e)) from e
        if invitation.person_id:
            self.stdout.write(f"{invitation.email} already has an account: it is now the office head.")
        else:
            self.stdout.write(f"The invitation is sent to {invitation.email}: the link in the letter "
                              f"is valid for {invitations.VALID_DAYS} days.")
