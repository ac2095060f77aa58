"""Headless Chromium: a person follows the invitation's link, sets a password, gives the
consent and lands on their home page with the role they were invited to."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts import invitations
from accounts.enums import OfficeRole
from accounts.models import Invitation
from tests.conftest import screenshot
from tests.factories import person_with_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_invited_expert_accepts_in_the_browser(page):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF, username="staff")
    invitations.invite(email="expert.new@example.org", role="expert", by=staff,
                       first_name="Ольга", last_name="Новикова")
    link = re.search(r"https?://\S+/accounts/invitation/[\w-]+/", mail.outbox[-1].body).group(0)
    path = "/" + link.split("/", 3)[3]
    page.goto(page.base_url + path)
    assert page.get_by_text("Вас приглашают в роли «Эксперт».").is_visible()
    assert page.get_by_label("Фамилия").input_value() == "Новикова"
    page.locator("#id_password1").fill("Sm0oth-river-22")
    page.locator("#id_password2").fill("Sm0oth-river-22")
    screenshot(page, "invitation-accept")
    page.get_by_role("button", name="Принять приглашение").click()
    page.wait_for_url("**/accounts/consent/**")
    screenshot(page, "invitation-consent")
    page.get_by_label("Я ознакомился", exact=False).check()
    page.get_by_role("button", name="Согласен", exact=True).click()
    page.wait_for_url("**/home/")
    assert page.get_by_role("heading", name="Моя экспертиза").is_visible()
    screenshot(page, "invitation-home-expert")
    # the same link again: a clear page, not a second account
    page.context.clear_cookies()
    page.goto(page.base_url + path)
    assert page.get_by_text("Эта ссылка уже использована.", exact=False).is_visible()


def test_an_expired_link_offers_to_ask_for_a_new_one(page):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF, username="staff")
    invitations.invite(email="late@example.org", role="expert", by=staff)
    token = re.search(r"/accounts/invitation/([\w-]+)/", mail.outbox[-1].body).group(1)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(hours=1))
    page.goto(page.base_url + f"/accounts/invitation/{token}/")
    assert page.get_by_text("Срок действия ссылки истёк", exact=False).is_visible()
    screenshot(page, "invitation-expired")
    page.get_by_role("button", name="Попросить новую ссылку").click()
    page.wait_for_url("**/accounts/login/**")
    assert page.get_by_text("Запрос отправлен.", exact=False).is_visible()
    assert mail.outbox[-1].to == [staff.email]
