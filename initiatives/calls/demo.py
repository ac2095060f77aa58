"""The demo's call for initiatives: open on the day the demo is started (``ctx.today``), for the
next academic year, closing at the end of a day three weeks later. Idempotent."""

import datetime

from accounts.models import User
from initiatives.calls import services
from initiatives.models import Call

DESCRIPTION = (
    "Проектный офис принимает проектные замыслы образовательных организаций на следующий "
    "учебный год. Замысел подаётся командой ОО через портал; к каждой подаче приходит "
    "расписка с номером в журнале приёма."
)


def seed(ctx):
    start = ctx.today.year if ctx.today.month >= 9 else ctx.today.year - 1
    year = f"{start + 1}/{start + 2}"
    title = f"Приём проектных замыслов на {year} учебный год"
    if Call.objects.filter(title=title).exists():
        return
    staff = User.objects.filter(username="staff").first()
    services.save_call(
        by=staff, title=title, academic_year=year, description=DESCRIPTION,
        opens_at=services.moment(ctx.today - datetime.timedelta(days=10)),
        closes_at=services.moment(ctx.today + datetime.timedelta(days=21), closing=True),
    )
