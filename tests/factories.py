"""factory_boy factories for every model. Later issues add theirs here."""

import factory
from django.conf import settings
from django.contrib.auth.hashers import make_password

from accounts.enums import NotificationChannel, NotificationKind, OfficeRole
from accounts.models import (
    Consent,
    Notification,
    NotificationPreference,
    OutgoingEmail,
    RoleAssignment,
    User,
)
from network.enums import OrganisationType
from network.models import Membership, Organisation

PASSWORD = "test-Password-2026"
_HASH = None


def _password_hash():
    global _HASH
    if _HASH is None:
        _HASH = make_password(PASSWORD)
    return _HASH


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = factory.Faker("last_name", locale="ru_RU")
    first_name = factory.Faker("first_name", locale="ru_RU")
    patronymic = factory.Faker("middle_name", locale="ru_RU")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.LazyFunction(_password_hash)

    @factory.post_generation
    def consent(obj, create, extracted, **kwargs):
        """Everybody has accepted the current consent text, unless made with ``consent=False``."""
        if create and extracted is not False:
            ConsentFactory(person=obj)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = OfficeRole.EXPERT


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    org_type = OrganisationType.MBOU
    short_name = factory.Sequence(lambda n: f"МБОУ СОШ № {n + 200}")
    full_name = factory.LazyAttribute(
        lambda o: f"Муниципальное бюджетное общеобразовательное учреждение «{o.short_name}»"
    )
    address = "г. Чайковский, ул. Тестовая, 1"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    position = "учитель"


def person_with_roles(*roles, **kwargs):
    user = UserFactory(**kwargs)
    for role in roles:
        RoleAssignmentFactory(user=user, role=role)
    return user


def team_member(organisation, **kwargs):
    user = UserFactory(**kwargs)
    MembershipFactory(person=user, organisation=organisation)
    return user


# --- accounts: consent, notifications, outgoing e-mail (issue 10) ---------------------------


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent
        django_get_or_create = ("person", "version")

    person = factory.SubFactory(UserFactory, consent=False)
    version = factory.LazyFunction(lambda: settings.CONSENT_VERSION)
    text = "Согласие на обработку персональных данных (тестовый текст)."


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = NotificationKind.EXPERT_ASSIGNED
    channel = NotificationChannel.PORTAL
    title = factory.Sequence(lambda n: f"Вас назначили экспертом замысла № {n}")
    body = "Заполните форму экспертизы."
    url = "/home/"


class NotificationPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationPreference

    person = factory.SubFactory(UserFactory)
    kind = NotificationKind.EXPERT_ASSIGNED
    channel = NotificationChannel.DIGEST


class OutgoingEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutgoingEmail

    subject = "Проектный офис: письмо"
    body = "Текст письма."
    to = factory.LazyFunction(lambda: ["someone@example.org"])
