"""Notifications: the one domain function, e-mail after commit, the digest, the pages."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from accounts import notifications
from accounts.audit import history_for
from accounts.enums import AuditAction, NotificationChannel, NotificationKind, OutgoingEmailState
from accounts.errors import DomainError
from accounts.mail import resend_pending_emails
from accounts.models import Notification, NotificationPreference, OutgoingEmail
from project_office.celery import app as celery_app
from tests.factories import NotificationFactory, NotificationPreferenceFactory, UserFactory

pytestmark = pytest.mark.django_db

KIND = NotificationKind.EXPERT_ASSIGNED


def test_notify_writes_a_row_each_and_mails_those_who_chose_e_mail(
    django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://office.example.org"
    by_mail, by_digest, in_portal = UserFactory(), UserFactory(), UserFactory()
    NotificationPreferenceFactory(person=by_digest, kind=KIND, channel=NotificationChannel.DIGEST)
    NotificationPreferenceFactory(person=in_portal, kind=KIND, channel=NotificationChannel.PORTAL)
    actor = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        rows = notifications.notify(
            [by_mail, by_digest, in_portal, by_mail, actor], kind=KIND,
            title="Вас назначили экспертом замысла «УникУм»", body="Срок — 30 дней.",
            url="/initiatives/5/", actor=actor,
        )
    assert [(r.recipient, r.channel) for r in rows] == [
        (by_mail, "email"), (by_digest, "digest"), (in_portal, "portal")]
    assert Notification.objects.filter(recipient=actor).count() == 0
    [letter] = mail.outbox
    assert letter.to == [by_mail.email]
    assert letter.subject == "Проектный офис: Вас назначили экспертом замысла «УникУм»"
    assert "Назначен эксперт: Вас назначили экспертом замысла «УникУм»" in letter.body
    assert "https://office.example.org/initiatives/5/" in letter.body
    assert "https://office.example.org/accounts/notifications/settings/" in letter.body


def test_nothing_is_mailed_or_kept_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notifications.notify([person], kind=KIND, title="Заседание")
            raise RuntimeError("the domain function failed after notifying")
    assert (callbacks, mail.outbox, Notification.objects.count()) == ([], [], 0)


def test_inactive_people_and_unknown_kinds():
    left = UserFactory(is_active=False)
    assert notifications.notify([left], kind=KIND, title="x") == []
    with pytest.raises(ValueError):
        notifications.notify([UserFactory()], kind="birthday", title="x")
    with pytest.raises(ValueError):
        notifications.notify([UserFactory()], kind=KIND, title="x", url="https://evil.example/")


def test_daily_digest_sends_one_letter_per_person_once(django_capture_on_commit_callbacks):
    person = UserFactory(first_name="Ирина")
    NotificationPreferenceFactory(person=person, kind=KIND, channel=NotificationChannel.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([person], kind=KIND, title="Замысел «Образовательный лифт»")
        notifications.notify([person], kind=KIND, title="Замысел «PROкачество+»")
        read = notifications.notify([person], kind=KIND, title="Уже прочитано")[0]
    notifications.mark_read(read, by=person)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_daily_digests() == 1
    [letter] = mail.outbox
    assert letter.subject == "Проектный офис: 2 новых уведомления за день"
    assert letter.body.startswith("Здравствуйте, Ирина!")
    assert "2 новых уведомления на портале проектного офиса:" in letter.body
    assert ("Замысел «Образовательный лифт»" in letter.body, "Уже прочитано" in letter.body) == (
        True, False)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_daily_digests() == 0
    assert len(mail.outbox) == 1


@pytest.fixture
def broker_down(settings):
    """The Redis broker out of reach (a closed port), with tasks no longer run in-process."""
    conf = celery_app.conf
    names = ("broker_url", "broker_write_url", "broker_read_url", "task_always_eager")
    saved = {name: conf[name] for name in names}
    closed_port = "redis://127.0.0.1:1/0"
    conf.update(broker_url=closed_port, broker_write_url=closed_port, broker_read_url=closed_port,
                task_always_eager=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app._pool, celery_app.amqp._producer_pool = None, None
    yield
    conf.update(saved)
    celery_app._pool, celery_app.amqp._producer_pool = None, None


def test_with_the_broker_down_the_row_stays_and_the_letter_waits(
    broker_down, django_capture_on_commit_callbacks
):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([person], kind=KIND, title="Приглашение на заседание")
    assert Notification.objects.filter(recipient=person).count() == 1
    [kept] = OutgoingEmail.objects.all()
    assert (kept.to, kept.state, kept.subject) == (
        [person.email], OutgoingEmailState.PENDING, "Проектный офис: Приглашение на заседание")
    assert "Connection refused" in kept.last_error
    assert mail.outbox == []
    # the beat task, once the worker runs again
    assert resend_pending_emails() == 1
    kept.refresh_from_db()
    assert (kept.state, kept.attempts, [m.to for m in mail.outbox]) == (
        OutgoingEmailState.SENT, 1, [[person.email]])


def test_mark_read_only_ones_own():
    row = NotificationFactory()
    with pytest.raises(DomainError):
        notifications.mark_read(row, by=UserFactory())
    notifications.mark_read(row, by=row.recipient)
    row.refresh_from_db()
    assert row.is_read


# --- pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_notification_list_query_count(n, client, django_assert_num_queries):
    person = UserFactory()
    NotificationFactory.create_batch(n, recipient=person, actor=UserFactory())
    NotificationFactory(recipient=UserFactory())  # somebody else's
    client.force_login(person)
    # session, the user with their roles, unread count, page count, the page with actors
    with django_assert_num_queries(5):
        response = client.get(reverse("accounts:notifications"))
    assert len(response.context["notifications"]) == n


@pytest.mark.parametrize(("count", "text"), [
    (1, "1 непрочитанное уведомление"),
    (2, "2 непрочитанных уведомления"),
    (5, "5 непрочитанных уведомлений"),
    (21, "21 непрочитанное уведомление"),
])
def test_badge_counts_unread_with_russian_plurals(count, text, client):
    person = UserFactory()
    NotificationFactory.create_batch(count, recipient=person)
    NotificationFactory(recipient=person, read_at="2025-01-01T10:00:00Z")
    client.force_login(person)
    html = client.get(reverse("accounts:notification_badge")).content.decode()
    assert f'aria-hidden="true">{count}</span>' in html
    assert f'<span class="visually-hidden">{text}</span>' in html


def test_mark_one_read_with_htmx_returns_the_row(client):
    row = NotificationFactory(title="Опубликован протокол")
    client.force_login(row.recipient)
    response = client.post(reverse("accounts:notification_read", args=[row.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert (response.status_code, response["HX-Trigger"]) == (200, "notifications-changed")
    assert html.startswith(f'<li id="notification-{row.pk}"')
    assert "Отметить как прочитанное" not in html
    row.refresh_from_db()
    assert row.is_read


def test_nobody_marks_somebody_elses_notification(client):
    row = NotificationFactory()
    client.force_login(UserFactory())
    assert client.post(reverse("accounts:notification_read", args=[row.pk])).status_code == 403
    row.refresh_from_db()
    assert row.read_at is None


def test_mark_all_read(client):
    person = UserFactory()
    NotificationFactory.create_batch(3, recipient=person)
    other = NotificationFactory()
    client.force_login(person)
    response = client.post(reverse("accounts:notifications_read_all"), follow=True)
    assert "Все уведомления отмечены как прочитанные." in response.content.decode()
    assert Notification.objects.filter(read_at__isnull=True).get() == other


def test_settings_page_stores_a_channel_per_kind_with_history(client):
    person = UserFactory()
    client.force_login(person)
    data = {k: NotificationChannel.EMAIL for k in NotificationKind.values}
    data[NotificationKind.EVENT_REMINDER] = NotificationChannel.DIGEST
    data[NotificationKind.RULE_ADOPTED] = NotificationChannel.PORTAL
    response = client.post(reverse("accounts:notification_settings"), data)
    assert response.status_code == 302
    assert dict(NotificationPreference.objects.filter(person=person).values_list("kind", "channel")) == {
        "event_reminder": "digest", "rule_adopted": "portal"}
    [line] = history_for(person)
    assert (line.action, line.data) == (AuditAction.NOTIFICATION_PREFERENCES_CHANGED,
                                        {"kinds": ["event_reminder", "rule_adopted"]})


def test_settings_page_refuses_an_unknown_channel_next_to_the_field(client):
    client.force_login(UserFactory())
    data = {k: NotificationChannel.EMAIL for k in NotificationKind.values}
    data[NotificationKind.DECISION_MADE] = "pigeon"
    response = client.post(reverse("accounts:notification_settings"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["decision_made"] == [
        "Выберите корректный вариант. pigeon нет среди допустимых значений."]
    assert NotificationPreference.objects.count() == 0


def test_the_bell_is_in_the_navigation_for_signed_in_people_only(client):
    assert 'id="notification-badge"' not in client.get(reverse("accounts:login")).content.decode()
    client.force_login(UserFactory())
    html = client.get(reverse("home")).content.decode()
    assert f'hx-get="{reverse("accounts:notification_badge")}"' in html


def test_a_kept_letter_waits_while_smtp_is_out_of_reach(settings):
    from tests.factories import OutgoingEmailFactory

    letter = OutgoingEmailFactory()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    assert resend_pending_emails() == 0
    letter.refresh_from_db()
    assert (letter.state, letter.attempts, letter.last_error != "") == (
        OutgoingEmailState.PENDING, 1, True)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert resend_pending_emails() == 1
    letter.refresh_from_db()
    assert (letter.state, letter.attempts, len(mail.outbox)) == (OutgoingEmailState.SENT, 2, 1)
