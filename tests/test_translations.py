"""Russian, complete: every message translated, plurals right, Russian dates and numbers,
and the English switch."""

import datetime
import subprocess
from pathlib import Path

import polib
import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from accounts.models import Notification
from tests.factories import NotificationFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def test_the_catalogue_has_no_untranslated_or_fuzzy_entry():
    po = polib.pofile(str(CATALOGUE))
    pending = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert pending == []
    assert not po.metadata_is_fuzzy


def test_every_message_of_the_code_is_in_the_catalogue():
    """makemessages on a copy of the catalogue (scripts/check-messages.sh) finds nothing new."""
    result = subprocess.run(["bash", "scripts/check-messages.sh"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith(" 0 pending")


def test_plural_entries_have_all_four_russian_forms():
    po = polib.pofile(str(CATALOGUE))
    assert po.metadata["Plural-Forms"].startswith("nplurals=4;")
    incomplete = [e.msgid for e in po if e.msgid_plural and (
        sorted(e.msgstr_plural) != [0, 1, 2, 3] or not all(e.msgstr_plural.values()))]
    assert incomplete == []


@pytest.mark.parametrize(("n", "text"), [
    (1, "1 непрочитанное уведомление"), (2, "2 непрочитанных уведомления"),
    (5, "5 непрочитанных уведомлений"), (11, "11 непрочитанных уведомлений"),
    (21, "21 непрочитанное уведомление"), (24, "24 непрочитанных уведомления"),
    (112, "112 непрочитанных уведомлений"),
])
def test_russian_plural_forms(n, text):
    with translation.override("ru"):
        got = ngettext("%(counter)s unread notification", "%(counter)s unread notifications", n)
    assert got % {"counter": n} == text


def test_dates_and_numbers_in_russian_format():
    moment = timezone.make_aware(datetime.datetime(2022, 12, 15, 14, 30))
    template = Template('{% load humanize %}{{ d|date:"j E Y" }}|{{ d|date:"SHORT_DATE_FORMAT" }}|'
                        "{{ x }}|{{ big|intcomma }}")
    with translation.override("ru"):
        text = template.render(Context({"d": moment, "x": 2.5, "big": 1234567}))
    assert text == "15 декабря 2022|15.12.2022|2,5|1\xa0234\xa0567"


@pytest.mark.django_db
def test_the_notification_list_shows_russian_dates(client):
    row = NotificationFactory()
    Notification.objects.filter(pk=row.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2022, 3, 5, 9, 7)))
    client.force_login(row.recipient)
    html = client.get(reverse("accounts:notifications")).content.decode()
    assert "5 марта 2022, 09:07" in html


@pytest.mark.django_db
def test_the_english_switch_works(client):
    client.force_login(UserFactory())
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/notifications/"},
                           follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [("/accounts/notifications/", 302)]
    assert '<html lang="en">' in html
    assert "<h1 class=\"h3 mb-0\">Notifications</h1>" in html
    assert "0 unread notifications" in html
    response = client.post(reverse("set_language"), {"language": "ru", "next": "/accounts/notifications/"},
                           follow=True)
    assert "0 непрочитанных уведомлений" in response.content.decode()


def test_choice_labels_are_translated_into_each_requests_language():
    """``get_<field>_display`` reads labels built once per field (accounts.choices) and still
    speaks the active language; a value outside the choices is shown as stored."""
    from initiatives.enums import InitiativeState
    from initiatives.models import Initiative

    draft = Initiative(state=InitiativeState.DRAFT)
    with translation.override("ru"):
        russian = draft.get_state_display()
    with translation.override("en"):
        english = draft.get_state_display()
    assert russian == "черновик"
    assert english == "draft"
    assert Initiative(state="no-such-state").get_state_display() == "no-such-state"
