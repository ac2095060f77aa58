"""Sessions: an idle time and an absolute age, «end my other sessions», and the sessions a
password change or an anonymisation ends."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import AuditAction, OfficeRole
from accounts.models import AuditRecord
from tests.factories import PASSWORD, UserFactory, person_with_roles

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 3, 2, 6, 0, tzinfo=datetime.UTC)
HOUR = 3600


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def sign_in(client, username, password=PASSWORD):
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code == 302
    return client


def signed_in(client):
    response = client.get(reverse("accounts:profile"))
    return response.status_code == 200


def test_a_session_ends_after_the_idle_time(client, clock, settings):
    assert settings.SESSION_IDLE_SECONDS == 8 * HOUR
    UserFactory(username="ivanova")
    sign_in(client, "ivanova")
    clock.shift(8 * HOUR - 60)
    assert signed_in(client)
    clock.shift(8 * HOUR + 1)
    response = client.get(reverse("accounts:profile"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert "Сеанс завершён: войдите снова." in response.content.decode()


def test_the_absolute_age_ends_an_active_session(client, clock, settings):
    settings.SESSION_MAX_AGE_SECONDS = 12 * HOUR
    UserFactory(username="sidorov")
    sign_in(client, "sidorov")
    for _n in range(4):  # active every 2.5 hours up to 10 hours
        clock.shift(int(2.5 * HOUR))
        assert signed_in(client)
    clock.shift(int(1.9 * HOUR))  # 11.9 h
    assert signed_in(client)
    clock.shift(int(0.2 * HOUR))  # 12.1 h, though active a moment ago
    assert not signed_in(client)


def test_an_ordinary_page_does_not_write_the_session(client, clock):
    UserFactory(username="orlova")
    sign_in(client, "orlova")
    clock.shift(60)
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("accounts:notification_badge"))
    assert not any("UPDATE" in q["sql"] and "django_session" in q["sql"]
                   for q in captured.captured_queries)
    clock.shift(10 * 60)  # past the refresh interval: the last-seen moment is written once
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("accounts:notification_badge"))
    assert any("UPDATE" in q["sql"] and "django_session" in q["sql"]
               for q in captured.captured_queries)


def test_a_person_ends_their_other_sessions(clock):
    person = UserFactory(username="kuzmina")
    laptop, phone = sign_in(Client(), "kuzmina"), sign_in(Client(), "kuzmina")
    response = laptop.post(reverse("accounts:sessions_end_others"), follow=True)
    assert "Другие ваши сеансы завершены." in response.content.decode()
    assert signed_in(laptop)
    assert not signed_in(phone)
    assert AuditRecord.objects.filter(object_id=str(person.pk),
                                      action=AuditAction.SESSIONS_ENDED).count() == 1


def test_a_password_change_ends_the_other_sessions(clock):
    UserFactory(username="belova")
    laptop, phone = sign_in(Client(), "belova"), sign_in(Client(), "belova")
    response = laptop.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "Kq7-вечерний-чай", "new_password2":
        "Kq7-вечерний-чай"})
    assert response.status_code == 302
    assert signed_in(laptop)
    assert not signed_in(phone)


def test_anonymisation_ends_the_persons_sessions(clock, client):
    UserFactory(username="leaver")
    theirs = sign_in(Client(), "leaver")
    leaver = theirs.session["_auth_user_id"]
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    client.force_login(staff)
    assert client.post(reverse("accounts:person_anonymise", args=[leaver])).status_code == 302
    assert not signed_in(theirs)
