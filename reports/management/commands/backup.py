"""``manage.py backup`` makes tonight's copy now; ``--verify`` restores the newest copy into a
scratch database and compares the row counts (what the beat schedule runs every week)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports import backups


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into BACKUP_ROOT, or check the latest copy."

    def add_arguments(self, parser):
        parser.add_argument("--verify", action="store_true",
                            help="restore the newest copy into a scratch database and compare")
        parser.add_argument("--root", help="the backup folder (default: BACKUP_ROOT)")

    def handle(self, *args, verify=False, root=None, **options):
        if not (root or settings.BACKUP_ROOT):
            raise CommandError("Set BACKUP_ROOT or give --root.")
        try:
            detail = backups.run("verify" if verify else "backup", root=root)
        except Exception as e:  # noqa: BLE001 — reported, then the command fails
            raise CommandError(str(e)) from e
        self.stdout.write(f"{'verify' if verify else 'backup'}: {detail}")
