"""Letters the office words (issue 24, item 4): the registry of kinds, the office's templates, the
renderer every letter goes through, the pages under «Справочники»."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import invitations, letters, notifications
from accounts.audit import history_for
from accounts.enums import NotificationKind, OfficeRole
from accounts.letters.builtin import notification_key
from accounts.models import LetterTemplate
from tests.factories import NotificationFactory, UserFactory, person_with_roles

pytestmark = pytest.mark.django_db

KIND = NotificationKind.EXPERT_ASSIGNED
KEY = notification_key(KIND)


def test_every_notification_kind_and_the_invitations_have_a_kind_of_letter():
    keys = {k.key for k in letters.kinds()}
    assert {notification_key(k) for k in NotificationKind} <= keys
    assert {"invitation", "role_added", "password_reset"} <= keys
    for kind in letters.kinds():  # every default renders with its placeholders, in Russian
        subject, body = letters.default_text(kind)
        assert subject and body
        assert not letters.check(kind, subject=subject, body=body), kind.key


def test_the_default_text_is_the_translated_template_with_placeholders():
    subject, body = letters.default_text(letters.get(KEY))
    assert subject == "Проектный офис: {title}"
    assert body.startswith("Здравствуйте, {name}!")
    assert "{kind}: {title}" in body and "{link}" in body and "{settings_link}" in body


def test_without_a_wording_the_letter_is_the_default(django_capture_on_commit_callbacks):
    person = UserFactory(first_name="Анна")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([person], kind=KIND, title="Вас назначили экспертом",
                             url="/initiatives/5/")
    [letter] = mail.outbox
    assert letter.subject == "Проектный офис: Вас назначили экспертом"
    assert letter.body.startswith("Здравствуйте, Анна!")
    assert letter.alternatives == []


def test_the_offices_wording_goes_out_filled_and_its_html_escaped(
        django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://office.example.org"
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    letters.save_template(KEY, by=staff, subject="Экспертиза: {title}",
                          body="Уважаемая {name}!\n<b>{title}</b>\nСсылка: {link}")
    person = UserFactory(first_name="Анна")
    other = NotificationKind.MEETING_INVITATION  # another kind keeps its default
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([person], kind=KIND, title="Замысел <script>", url="/initiatives/5/")
        notifications.notify([person], kind=other, title="Заседание", url="/meetings/1/")
    worded, default = mail.outbox
    assert worded.subject == "Экспертиза: Замысел <script>"
    assert worded.body.startswith("Уважаемая Анна!\n<b>Замысел <script></b>\n"
                                  "Ссылка: https://office.example.org/initiatives/5/")
    [(html, mimetype)] = worded.alternatives
    assert mimetype == "text/html"
    assert "&lt;b&gt;Замысел &lt;script&gt;&lt;/b&gt;" in html and "<script>" not in html
    assert default.subject == "Проектный офис: Заседание"


def test_unknown_placeholders_are_refused_with_the_valid_ones():
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    with pytest.raises(ValidationError) as e:
        letters.save_template(KEY, by=staff, subject="{titel}", body="{link} {user.password}")
    errors = e.value.message_dict
    assert "Неизвестная подстановка {titel}" in errors["subject"][0]
    assert "{name}, {kind}, {title}, {body}, {link}, {settings_link}" in errors["subject"][0]
    assert "{user.password}" in errors["body"][0]
    assert not LetterTemplate.objects.exists()


def test_a_required_placeholder_cannot_be_removed():
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    with pytest.raises(ValidationError) as e:
        letters.save_template(KEY, by=staff, subject="Тема", body="Без ссылки")
    assert e.value.message_dict["body"] == [
        "Письмо не может обойтись без {link}: верните подстановку в текст."]


def test_save_and_reset_are_audited():
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    row = letters.save_template(KEY, by=staff, subject="Тема", body="{link}")
    letters.save_template(KEY, by=staff, subject="Тема", body="{link}")  # unchanged: no line
    assert [r.action for r in history_for(row)] == ["created"]
    assert letters.reset_template(KEY, by=staff) is True
    assert letters.reset_template(KEY, by=staff) is False
    assert not LetterTemplate.objects.exists()
    assert [r.action for r in history_for(row)] == ["deleted", "created"]


def test_the_invitation_goes_out_in_the_offices_wording(django_capture_on_commit_callbacks):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF, last_name="Петрова", first_name="Анна")
    letters.save_template("invitation", by=staff, subject="Приглашение для {name}",
                          body="{inviter} приглашает: {role}. Ссылка действует {days} дн.: {link}")
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite(email="new@example.org", role="expert", by=staff, first_name="Олег")
    [letter] = mail.outbox
    assert letter.subject == "Приглашение для Олег"
    assert "Петрова" in letter.body and "Ссылка действует 7 дн.: http" in letter.body
    assert "/accounts/invitation/" in letter.body


# --- pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_the_list_query_count_is_constant(n, client, django_assert_num_queries):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    for kind in list(NotificationKind)[:n]:
        letters.save_template(notification_key(kind), by=staff, subject="Тема", body="{link}")
    client.force_login(staff)
    client.get(reverse("accounts:letters"))  # warm
    with django_assert_num_queries(3):  # session, the user with roles, the worded letters
        response = client.get(reverse("accounts:letters"))
    assert response.content.decode().count("написано офисом") == n


def test_the_page_previews_with_a_real_notification_and_keeps_bad_input(client):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    NotificationFactory(kind=KIND, title="Вас назначили экспертом «УникУм»",
                        recipient=UserFactory(first_name="Ирина"))
    client.force_login(staff)
    url = reverse("accounts:letter", kwargs={"key": KEY})
    page = client.get(url).content.decode()
    assert "Вас назначили экспертом «УникУм»" in page and "Здравствуйте, Ирина!" in page
    response = client.post(url, {"subject": "Тема {nope}", "body": "<i>текст</i> без ссылки",
                                 "save": "1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Неизвестная подстановка {nope}" in page
    assert "&lt;i&gt;текст&lt;/i&gt; без ссылки" in page  # kept, escaped
    assert not LetterTemplate.objects.exists()
    response = client.post(url, {"subject": "Для {name}", "body": "Откройте {link}", "save": "1"})
    assert response.status_code == 302
    assert "Для Ирина" in client.get(url).content.decode()
    client.post(url, {"reset": "1"})
    assert not LetterTemplate.objects.exists()


def test_an_unknown_kind_is_404(client):
    client.force_login(person_with_roles(OfficeRole.OFFICE_HEAD))
    assert client.get(reverse("accounts:letter", kwargs={"key": "nope"})).status_code == 404


def test_the_password_reset_goes_out_in_the_offices_wording(client,
                                                            django_capture_on_commit_callbacks):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    person = UserFactory(first_name="Олег", email="oleg@example.org", username="oleg")
    subject, body = letters.default_text(letters.get("password_reset"))
    assert "{link}" in body and "{login}" in body
    letters.save_template("password_reset", by=staff, subject="Пароль для {login}",
                          body="{name}, новый пароль задаётся здесь: {link}")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": person.email})
    [letter] = mail.outbox
    assert letter.subject == "Пароль для oleg"
    assert letter.body.startswith("Олег, новый пароль задаётся здесь: http")
    assert "/accounts/password/reset/" in letter.body
