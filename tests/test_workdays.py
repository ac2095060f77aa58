"""Issue 26: default deadlines in working days of the Russian production calendar, corrected by
the office day by day (audited)."""

import datetime

import pytest
from django.urls import reverse

from accounts import workdays
from accounts.models import AuditRecord, WorkdayCorrection
from expertise.forms import AssignForm
from portfolio.forms import PeriodForm

pytestmark = pytest.mark.django_db


def test_working_days_skip_weekends_holidays_and_moved_days_off():
    # Friday 30.10.2026 + 3 working days: Mon 2.11, Tue 3.11, (4.11 is Unity Day) Thu 5.11
    assert workdays.add_working_days(datetime.date(2026, 10, 30), 3) == datetime.date(2026, 11, 5)
    # the New Year holidays 1–11.01.2027 (with the moved days off) are skipped
    assert workdays.add_working_days(datetime.date(2026, 12, 30), 1) == datetime.date(2027, 1, 11)
    # 1.11.2025 was a working Saturday (a moved day off)
    assert workdays.is_working_day(datetime.date(2025, 11, 1))


def test_the_office_corrects_a_day_and_deadlines_follow(client, world):
    client.force_login(world.staff)
    url = reverse("accounts:working_days")
    assert client.get(url).status_code == 200
    response = client.post(url, {"day": "2026-11-03", "is_working": "0",
                                 "note": "Распоряжение главы округа"})
    assert response.status_code == 302
    assert not workdays.is_working_day(datetime.date(2026, 11, 3))
    # Mon 2.11, (3.11 now off, 4.11 Unity Day) Thu 5.11, Fri 6.11
    assert workdays.add_working_days(datetime.date(2026, 10, 30), 3) == datetime.date(2026, 11, 6)
    row = WorkdayCorrection.objects.get()
    record = AuditRecord.objects.filter(object_id=str(row.pk)).get()
    assert (record.to_value, record.comment, record.actor) == (
        "day_off", "Распоряжение главы округа", world.staff)
    client.post(url, {"remove": row.pk})
    assert WorkdayCorrection.objects.count() == 0
    assert workdays.is_working_day(datetime.date(2026, 11, 3))


def test_bad_input_keeps_what_was_typed_with_a_russian_message(client, world):
    client.force_login(world.head)
    response = client.post(reverse("accounts:working_days"),
                           {"day": "1900-01-01", "is_working": "1", "note": "Заметка"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Выберите день с 2000 по 2100 год." in page and "Заметка" in page
    assert client.post(reverse("accounts:working_days"), {"remove": "x"}).status_code == 404


def test_default_deadlines_are_shown_as_dates(world):
    form = AssignForm(experts=world.expert_assigned.__class__.objects.none())
    default = form.fields["due_on"].initial
    assert workdays.is_working_day(default)
    assert default.strftime("%d.%m.%Y") in str(form.fields["due_on"].help_text)
    period = PeriodForm(data={"title": "Декабрь", "starts_on": "2026-12-01",
                              "ends_on": "2026-12-30"})
    assert period.is_valid(), period.errors
    # after 30.12.2026: 31.12 and the New Year holidays are days off
    assert period.cleaned_data["due_on"] == workdays.add_working_days(
        datetime.date(2026, 12, 30), workdays.REPORT_WORKING_DAYS) == datetime.date(2027, 1, 22)
