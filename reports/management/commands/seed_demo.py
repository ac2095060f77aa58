"""``manage.py seed_demo [--scale N]``: the demo municipality from the seeds, idempotent.

Each app contributes ``seed(ctx)`` steps (``accounts.demo``, the modules of ``network.demo``
and ``meetings.demo``, initiatives' demo modules); the steps run in the order of the apps'
dependencies inside one transaction. The past years are written at their own dates (the seeds'
history); the ``TODAY_STEPS`` write the current academic year relative to ``ctx.today``: the day
this database was first seeded (``DemoAnchor``), so a rerun reads the same day and adds nothing.
"""

import datetime
from dataclasses import dataclass, field
from importlib import import_module

import time_machine
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, SIGN_INS
from accounts.models import Notification
from reports.models import DemoAnchor

STEPS = ["accounts.demo", "network.demo.organisations", "initiatives.demo",
         "initiatives.demo.network", "expertise.demo", "expertise.demo.scaled", "portfolio.demo",
         "meetings.demo.history"]
# The current academic year: what each role finds to do on the day the demo is started. Their
# notifications stay unread (those of the steps above tell of events long past).
FIXED_DAY = datetime.date(2026, 11, 18)
"""``--fixed-day``: the tests and the benchmarks seed on this day (a Wednesday of the second
quarter) with the clock pinned, so that nothing they measure depends on the day they run."""
FIXED_HOUR = 9
TODAY_STEPS = ["network.demo.today", "portfolio.demo.today", "portfolio.demo.plan",
               # issue 25: the passports, one approved by the project committee's sitting
               # (held before the coming meetings, so that their numbers follow the dates)
               "portfolio.demo.passport", "meetings.demo.committee",
               "meetings.demo.today",
               # --scale: the rows years of use leave (its notifications keep their own mix of
               # read and unread, and today's events get their registrations too)
               "initiatives.demo.lived",
               # issue 24: a call for initiatives open on the demo's day
               "initiatives.calls.demo"]


@dataclass
class DemoContext:
    scale: int = 1
    today: datetime.date = field(default_factory=timezone.localdate)
    people: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    password_hash: str = ""
    extra: dict = field(default_factory=dict)


class Command(BaseCommand):
    help = "Builds (or refreshes) the demo municipality; --scale N multiplies it for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="multiply the data N times")
        parser.add_argument("--fixed-day", action="store_true",
                            help=f"seed on {FIXED_DAY:%d.%m.%Y} with the clock pinned (tests, "
                                 "benchmarks)")

    def handle(self, *args, scale, fixed_day=False, **options):
        if not fixed_day:
            return self.seed(scale)
        with time_machine.travel(fixed_moment(), tick=True):
            return self.seed(scale)

    def seed(self, scale):
        since = 0
        with transaction.atomic():
            anchor = DemoAnchor.objects.order_by("pk").first() or DemoAnchor.objects.create(
                seeded_on=timezone.localdate())
            ctx = DemoContext(scale=max(1, scale), today=anchor.seeded_on)
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
            for step in TODAY_STEPS:
                import_module(step).seed(ctx)
                self.stdout.write(f"  {step}: ok")
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign-ins (demo only):"))
        for login in SIGN_INS:
            person = ctx.people[login]
            roles = ", ".join(sorted(person.role_codes)) or "school_team"
            self.stdout.write(f"  {login:8} / {DEMO_PASSWORD}  — {person.full_name} ({roles})")


def fixed_moment(hour=FIXED_HOUR):
    """``FIXED_DAY`` at ``hour`` in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.combine(FIXED_DAY, datetime.time(hour)))
