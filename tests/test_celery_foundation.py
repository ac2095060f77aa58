"""With a real Celery worker on Redis: health sees it, and e-mail leaves through it."""

import time

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.celery


def wait_for_files(directory, timeout=30):
    """The letters the worker wrote, once each is complete: Django's file backend creates the
    file when it opens and writes each letter followed by a line of 79 dashes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(directory.iterdir())
        if files and all(f.read_text().endswith("-" * 79 + "\n") for f in files):
            return files
        time.sleep(0.2)
    return []


def test_health_sees_database_broker_and_worker(celery_worker, client):
    response = client.get(reverse("healthz"))
    data = response.json()
    assert response.status_code == 200
    assert (data["status"], data["database"]["ok"], data["broker"]["mode"]) == ("ok", True, "redis")
    assert data["workers"]["count"] >= 1


def test_password_reset_letter_is_sent_by_the_worker(celery_worker, client):
    UserFactory(username="viaworker", email="viaworker@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "viaworker@example.org"})
    assert response.status_code == 302
    [letter] = wait_for_files(celery_worker.mail_dir)
    text = letter.read_text()
    assert "viaworker@example.org" in text
    assert "/accounts/password/reset/" in text
