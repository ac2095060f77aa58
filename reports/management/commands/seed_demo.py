"""``manage.py seed_demo [--scale N]``: the demo municipality from the seeds, idempotent.

Each app contributes a ``demo.seed(ctx)`` step; the steps run in the order of the apps'
dependencies inside one transaction.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Notification

STEPS = ["accounts.demo", "network.demo", "initiatives.demo", "initiatives.demo_network",
         "initiatives.demo_expertise", "initiatives.demo_scaled", "initiatives.demo_lived",
         "initiatives.demo_portfolio", "meetings.demo"]


@dataclass
class DemoContext:
    scale: int = 1
    people: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    password_hash: str = ""
    extra: dict = field(default_factory=dict)


class Command(BaseCommand):
    help = "Builds (or refreshes) the demo municipality; --scale N multiplies it for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="multiply the data N times")

    def handle(self, *args, scale, **options):
        ctx = DemoContext(scale=max(1, scale))
        since = 0
        with transaction.atomic():
            for step in STEPS:
                import_module(step).seed(ctx)
                self.stdout.write(f"  {step}: ok")
                if step == "accounts.demo":
                    # accounts.demo leaves a few unread notifications on purpose; those the
                    # other steps cause tell of events long past, so they are read already.
                    since = Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
            Notification.objects.filter(pk__gt=since or 0, read_at__isnull=True).update(
                read_at=timezone.now()
            )
        from accounts.demo import DEMO_PASSWORD, SIGN_INS

        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign-ins (demo only):"))
        for login in SIGN_INS:
            person = ctx.people[login]
            roles = ", ".join(sorted(person.role_codes)) or "school_team"
            self.stdout.write(f"  {login:8} / {DEMO_PASSWORD}  — {person.full_name} ({roles})")
