"""The first run of a new office: its identity and the first head's invitation.

    manage.py setup_office --head-email head@example.org [--head-name "Фамилия Имя Отчество"]
        [--body-name "Управление образования …" --municipality … --region … --place-name …
         --office-name … --address … --phone … --email … --website … --logo logo.svg
         --head-position … --secretary-name … --secretary-position …]

Without the flags, on a terminal, it asks for the e-mail and the main lines of the identity.
The identity goes through ``accounts.identity.update_identity`` (checked, audited) and stays
editable on the head's settings page. Running it again with the same values changes nothing
and says so (an expired first invitation is sent again with a new link). Everything after this
— organisations, people, reference data — is done in the portal's own pages by that head.
"""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils import timezone

from accounts import identity, invitations
from accounts.enums import InvitationRole, OfficeRole
from accounts.errors import DomainError
from accounts.models import Invitation, OfficeIdentity, RoleAssignment
from accounts.models.identity import SINGLETON_ID

# asked on a terminal when neither the flag nor a stored identity gives them
ASKED = ("body_name", "office_name", "municipality", "region", "place_name")


class Command(BaseCommand):
    help = "First run: send the first office head an invitation to the portal."

    def add_arguments(self, parser):
        parser.add_argument("--head-email", help="E-mail of the first office head.")
        parser.add_argument("--head-name", default=None,
                            help="Their name: «Фамилия Имя Отчество» (optional).")
        for name in identity.TEXT_FIELDS:
            if name == "head_name":  # --head-name: the invited head, who also signs documents
                continue
            label = OfficeIdentity._meta.get_field(name).verbose_name
            parser.add_argument(f"--{name.replace('_', '-')}", default=None,
                                help=f"The office identity: {label}.")
        parser.add_argument("--logo", default=None, help="The office's logo: a PNG or SVG file.")

    def apply_identity(self, options, *, interactive):
        """Sets what the flags (or the answers) give; True if the identity changed."""
        stored = OfficeIdentity.objects.filter(pk=SINGLETON_ID).values(
            *identity.TEXT_FIELDS, "logo_version").first()
        values = {name: options[name] for name in identity.TEXT_FIELDS
                  if options.get(name) is not None}
        if stored is None:
            for name in ASKED:
                label = OfficeIdentity._meta.get_field(name).verbose_name
                values[name] = self.ask(f"{label} (Enter to skip): ", values.get(name),
                                        interactive=interactive)
        logo = None
        if options.get("logo"):
            try:
                logo = Path(options["logo"]).read_bytes()
            except OSError as e:
                raise CommandError(f"The logo file cannot be read: {e}") from e
        values = {name: value for name, value in values.items() if value}
        if not values and logo is None:
            return False
        try:
            identity.update_identity(None, logo=logo, **values)
        except ValidationError as e:
            raise CommandError("; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in e.message_dict.items()
            ) if hasattr(e, "error_dict") else " ".join(e.messages)) from e
        return OfficeIdentity.objects.filter(pk=SINGLETON_ID).values(
            *identity.TEXT_FIELDS, "logo_version").first() != stored

    def ask(self, prompt, value, *, interactive):
        if value or not interactive:
            return (value or "").strip()
        return input(prompt).strip()

    def handle(self, *args, **options):
        interactive = sys.stdin.isatty()
        if self.apply_identity(options, interactive=interactive):
            self.stdout.write("The office identity is saved.")
        if RoleAssignment.objects.filter(role=OfficeRole.OFFICE_HEAD, user__is_active=True).exists():
            self.stdout.write("The office already has a head; nothing changed.")
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
