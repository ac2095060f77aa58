"""factory_boy factories for every model. Later issues add theirs here."""

import factory
from django.contrib.auth.hashers import make_password

from accounts.enums import OfficeRole
from accounts.models import RoleAssignment, User
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

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = factory.Faker("last_name", locale="ru_RU")
    first_name = factory.Faker("first_name", locale="ru_RU")
    patronymic = factory.Faker("middle_name", locale="ru_RU")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.LazyFunction(_password_hash)


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
