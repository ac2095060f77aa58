import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.core import mail
from django.urls import reverse

from accounts import services
from accounts.audit import history_for
from accounts.backends import LoginOrEmailBackend
from accounts.enums import AuditAction, OfficeRole
from accounts.errors import DomainError
from network.queries import organisation_ids_of
from tests.factories import PASSWORD, MembershipFactory, UserFactory, person_with_roles

pytestmark = pytest.mark.django_db


def test_wrong_password_gives_a_russian_message_and_keeps_the_login(client):
    UserFactory(username="ivanova")
    response = client.post(reverse("accounts:login"), {"username": "ivanova", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Неверный логин или пароль" in html
    assert 'value="ivanova"' in html


def test_sign_in_with_the_e_mail_address(client):
    UserFactory(username="petrova", email="Petrova@Example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "petrova@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_profile_change_goes_through_the_domain_function_with_history(client):
    user = UserFactory(username="smirnova", phone="")
    client.force_login(user)
    data = {"last_name": "Смирнова", "first_name": "Анна", "patronymic": "Ильинична",
            "email": "a.smirnova@example.org", "phone": "+7 912 000-00-00"}
    response = client.post(reverse("accounts:profile"), data)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Смирнова Анна Ильинична"
    assert user.short_name == "Смирнова А. И."
    [line] = history_for(user)
    assert line.action == AuditAction.PROFILE_UPDATED
    assert line.data == {"fields": ["email", "first_name", "last_name", "patronymic", "phone"]}


def test_profile_refuses_a_taken_e_mail_next_to_the_field_and_keeps_the_input(client):
    UserFactory(email="taken@example.org")
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {
        "last_name": "Новикова", "first_name": "Ольга", "patronymic": "", "email": "taken@example.org",
        "phone": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Этот адрес электронной почты уже использует другой человек." in html
    assert 'value="Новикова"' in html


def test_roles_are_data_and_one_person_may_hold_several():
    person = person_with_roles(OfficeRole.EXPERT, OfficeRole.OFFICE_HEAD)
    assert person.role_codes == {"expert", "office_head"}
    assert person.has_perm("accounts.view_audit_log")
    services.revoke_role(person, role=OfficeRole.OFFICE_HEAD, by=None)
    assert person.role_codes == {"expert"}
    assert not person.has_perm("accounts.view_audit_log")
    assert [r.action for r in history_for(person)] == [AuditAction.ROLE_REVOKED]


def test_the_roles_come_with_the_signed_in_person_and_a_revoked_role_counts_at_once(
    client, django_assert_num_queries
):
    head = person_with_roles(OfficeRole.OFFICE_HEAD, username="head1")
    client.post(reverse("accounts:login"), {"username": "head1", "password": PASSWORD})
    assert client.session[BACKEND_SESSION_KEY] == "accounts.backends.LoginOrEmailBackend"
    school, other, left = MembershipFactory.create_batch(3, person=head)
    left.is_active = False
    left.save()
    with django_assert_num_queries(1):  # the person with their roles and teams, in one query
        person = LoginOrEmailBackend().get_user(head.pk)
        assert person.role_codes == {"office_head"}
        assert person.has_perm("accounts.view_audit_log")
        assert organisation_ids_of(person) == {school.organisation_id, other.organisation_id}
    assert client.get(reverse("accounts:audit_log")).status_code == 200
    services.revoke_role(head, role=OfficeRole.OFFICE_HEAD, by=None)
    assert client.get(reverse("accounts:audit_log")).status_code == 403
    head.is_active = False
    head.save()
    assert client.get(reverse("accounts:profile")).status_code == 302  # signed out


def test_grant_role_refuses_an_unknown_role():
    with pytest.raises(DomainError):
        services.grant_role(UserFactory(), role="superhero", by=None)


def test_password_reset_letter_is_sent_after_commit(client, django_capture_on_commit_callbacks):
    UserFactory(username="resetme", email="resetme@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "resetme@example.org"})
    assert response.status_code == 302
    [letter] = mail.outbox
    assert letter.subject == "Восстановление пароля в проектном офисе"
    assert "/accounts/password/reset/" in letter.body


def test_error_pages_are_russian(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_permission_denied_page_is_russian(rf):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = rf.get("/somewhere/")
    request.user = UserFactory()
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Доступ закрыт" in response.content.decode()


# The template the {% history_line %} tag replaced, kept here to compare the markup.
HISTORY_LINE_TEMPLATE = (
    """{% load i18n portal %}<li class="timeline-item">
  <div class="small text-body-secondary"><time datetime="{{ line.at|date:'c' }}">"""
    """{{ line.at|date:"d.m.Y H:i" }}</time> · {{ line.actor.short_name|default:_("system") }}</div>
  <div>{{ line.action|action_label }}{% if line.from_value or line.to_value %}: """
    """{{ line.from_value|value_label|default:"—" }} → """
    """{{ line.to_value|value_label|default:"—" }}{% endif %}</div>
  {% if line.comment %}<div class="text-body-secondary small">{{ line.comment|linebreaksbr }}</div>"""
    """{% endif %}
</li>""")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_history_line_written_in_python_is_what_its_template_wrote(language):
    import datetime

    from django.template import Context, Template
    from django.test.html import parse_html
    from django.utils import timezone, translation

    from accounts.models import AuditRecord

    person = UserFactory(last_name="Иванова", first_name="Анна", patronymic="Петровна")
    at = timezone.make_aware(datetime.datetime(2026, 3, 1, 23, 30), datetime.UTC)
    lines = [
        AuditRecord(at=at, actor=person, action=AuditAction.STATE_CHANGED, from_value="draft",
                    to_value="submitted", comment="Первая строка\nвторая <b>«жирная»</b> & ещё"),
        AuditRecord(at=at, actor=None, action="no_such_action", to_value="x<y"),
        AuditRecord(at=at, actor=person, action=AuditAction.CREATED),
    ]
    with translation.override(language):
        for line in lines:
            old = Template(HISTORY_LINE_TEMPLATE).render(Context({"line": line}))
            new = Template("{% load portal %}{% history_line line %}").render(
                Context({"line": line}))
            assert parse_html(new) == parse_html(old)
    assert "02.03.2026 04:30" in new  # in settings.TIME_ZONE (UTC+5), as the template showed it
