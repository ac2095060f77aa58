"""With a real Celery worker on Redis: a notification e-mail leaves after commit, never after
a rollback."""

import time

import pytest
from django.db import transaction

from accounts.enums import NotificationKind
from accounts.models import Notification
from accounts.notifications import notify
from tests.factories import UserFactory
from tests.test_celery_foundation import wait_for_files

pytestmark = pytest.mark.celery


def test_the_worker_sends_the_notification_after_commit(celery_worker):
    person = UserFactory(username="notified", email="notified@example.org")
    with transaction.atomic():
        notify([person], kind=NotificationKind.MEETING_INVITATION,
               title="Заседание проектного офиса 15 декабря", url="/home/")
        # nothing leaves while the transaction is open
        time.sleep(1)
        assert list(celery_worker.mail_dir.iterdir()) == []
    [letter] = wait_for_files(celery_worker.mail_dir)
    text = letter.read_text()
    assert "To: notified@example.org" in text
    assert "Заседание проектного офиса 15 декабря" in text or "=?utf-8?" in text


def test_nothing_is_sent_when_the_transaction_rolls_back(celery_worker):
    person = UserFactory(username="rolledback", email="rolledback@example.org")
    with pytest.raises(RuntimeError), transaction.atomic():
        notify([person], kind=NotificationKind.DECISION_MADE, title="Решение принято")
        raise RuntimeError("the decision could not be saved")
    # A letter sent after it, committed, goes through the same queue to the one worker, which
    # takes its tasks in order: when that letter is there, a letter of the rolled-back
    # notification would have been written before it.
    after = UserFactory(username="committed", email="committed@example.org")
    notify([after], kind=NotificationKind.DECISION_MADE, title="Решение принято")
    [letter] = wait_for_files(celery_worker.mail_dir)
    assert "To: committed@example.org" in letter.read_text()
    assert Notification.objects.filter(recipient=person).count() == 0
