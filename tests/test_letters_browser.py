"""Headless Chromium (issue 24, item 4): the office words a notification's letter under
«Справочники» → «Письма и уведомления»: a wrong placeholder is refused next to the field with the
text kept, the preview is filled from a real notification, the saved wording goes out."""

import pytest
from django.core import mail

from accounts import notifications
from accounts.enums import NotificationKind
from accounts.models import LetterTemplate
from tests.conftest import screenshot, sign_in
from tests.factories import PASSWORD, NotificationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_word_the_letter_of_an_assignment(world, page):
    NotificationFactory(kind=NotificationKind.EXPERT_ASSIGNED, recipient=world.expert_assigned,
                        title="Вас просят провести экспертизу «Сетевой проект»")
    sign_in(page, "staff", PASSWORD)
    page.get_by_role("button", name="Справочники").click()
    page.get_by_role("link", name="Письма и уведомления").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Назначен эксперт").click()
    page.wait_for_load_state()
    assert "Вас просят провести экспертизу «Сетевой проект»" in page.get_by_test_id(
        "preview-subject").inner_text()
    page.get_by_role("textbox", name="Тема").fill("Экспертиза: {title}")
    page.get_by_role("textbox", name="Текст").fill("{name}, просим посмотреть {titel} <b>срочно</b>")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_load_state()
    assert "Неизвестная подстановка {titel}" in page.content()
    assert page.get_by_role("textbox", name="Текст").input_value() == (
        "{name}, просим посмотреть {titel} <b>срочно</b>")
    screenshot(page, "letters-refused")
    page.get_by_role("textbox", name="Текст").fill("{name}, просим посмотреть: {link}")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_load_state()
    assert "Письмо сохранено" in page.content()
    screenshot(page, "letters-saved")
    assert LetterTemplate.objects.get().body == "{name}, просим посмотреть: {link}"
    mail.outbox.clear()
    notifications.notify([world.expert_other], kind=NotificationKind.EXPERT_ASSIGNED,
                         title="Замысел «УникУм»", url="/initiatives/1/")
    assert mail.outbox[-1].subject == "Экспертиза: Замысел «УникУм»"


def test_staff_see_the_daily_digest_and_a_calls_reminder_among_the_letters(world, page):
    sign_in(page, "staff", PASSWORD)
    page.get_by_role("button", name="Справочники").click()
    page.get_by_role("link", name="Письма и уведомления").click()
    page.wait_for_load_state()
    screenshot(page, "letters-all-kinds")
    page.get_by_role("link", name="Ежедневная сводка уведомлений").click()
    page.wait_for_load_state()
    assert "{list}" in page.get_by_role("textbox", name="Текст").input_value()
    screenshot(page, "letters-digest")
    page.get_by_role("textbox", name="Текст").fill("{name}, за день: {list_link}")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_load_state()
    assert "Письмо не может обойтись без {list}" in page.content()
    page.go_back()
    page.go_back()
    page.wait_for_load_state()
    page.get_by_role("link", name="Напоминание о сроке приёма для черновика: содержание").click()
    page.wait_for_load_state()
    assert "{deadline}" in page.get_by_role("textbox", name="Текст").input_value()
    screenshot(page, "letters-call-reminder")
