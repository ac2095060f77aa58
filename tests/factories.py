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


# --- initiatives -------------------------------------------------------------------------

import datetime  # noqa: E402
from decimal import Decimal  # noqa: E402

from initiatives.enums import InitiativeState, StrategyGoalKind  # noqa: E402
from initiatives.models import (  # noqa: E402
    Attachment,
    Direction,
    ExpertAssignment,
    Indicator,
    Initiative,
    InitiativeVersion,
    Portfolio,
    StrategyGoal,
    TeamMember,
)


class PortfolioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Portfolio
        django_get_or_create = ("name",)

    name = "Формирование нового стиля управления административных команд образовательных учреждений"


class DirectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Direction

    portfolio = factory.SubFactory(PortfolioFactory)
    name = factory.Sequence(lambda n: f"Повышение качества образования в ОУ ({n})")


class StrategyGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyGoal

    kind = StrategyGoalKind.NATIONAL_PROJECT
    title = factory.Sequence(lambda n: f"Современная школа ({n})")


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A card with every required section filled except the rows (team, indicators, goals):
    use ``complete_initiative`` for a card ready to submit."""

    class Meta:
        model = Initiative

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Проект № {n}")
    annotation = "Краткая аннотация проекта."
    problem = "Проблемный анализ ситуации."
    idea = "Проектный замысел."
    starts_on = datetime.date(2021, 9, 1)
    ends_on = datetime.date(2022, 5, 31)
    academic_year = "2021/2022"
    goal = "Цель проекта."
    tasks = factory.LazyFunction(lambda: ["Первая задача.", "Вторая задача."])
    results_people = "Изменения в педагогах."
    results_process = "Изменения в процессе."
    main_product = "Методическая разработка."
    direction = factory.SubFactory(DirectionFactory)
    state = InitiativeState.DRAFT


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    initiative = factory.SubFactory(InitiativeFactory)
    person = factory.SubFactory(UserFactory)
    position = "учитель"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    initiative = factory.SubFactory(InitiativeFactory)
    name = "Доля педагогов, включённых в сетевые события"
    unit = "%"
    baseline = Decimal("30")
    target = Decimal("70")
    period = "2021/2022 уч. год"


class InitiativeVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeVersion

    initiative = factory.SubFactory(InitiativeFactory)
    number = factory.Sequence(lambda n: n + 1)
    snapshot = factory.LazyFunction(lambda: {"sections": {"title": "Проект"}})
    submitted_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    initiative = factory.SubFactory(InitiativeFactory)
    file = factory.django.FileField(filename="plan.pdf", data=b"%PDF-1.4\n%test\n")
    original_name = "План работы.pdf"
    kind = "pdf"
    size = 15


class ExpertAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertAssignment

    initiative = factory.SubFactory(InitiativeFactory)
    expert = factory.SubFactory(UserFactory)


def complete_initiative(organisation, leader=None, **kwargs):
    """A draft with every required section filled, ready to submit."""
    initiative = InitiativeFactory(organisation=organisation, leader=leader, **kwargs)
    TeamMemberFactory(initiative=initiative, person=leader or UserFactory(), is_leader=True)
    IndicatorFactory(initiative=initiative)
    initiative.strategy_goals.add(StrategyGoalFactory())
    return initiative


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


# --- expertise (issue 5) ----------------------------------------------------------------------

from accounts.enums import ExpertPositionKind  # noqa: E402
from accounts.models import ExpertPosition  # noqa: E402
from initiatives.enums import (  # noqa: E402
    ConclusionState,
    ExpertAssignmentStatus,
    MessageKind,
    Recommendation,
    RecommendationState,
    ReviewFormStatus,
    ReviewState,
)
from initiatives.models import (  # noqa: E402
    Conclusion,
    ConflictOfInterest,
    Criterion,
    ExpertDirection,
    Review,
    ReviewForm,
    Score,
    ThreadMessage,
)


class ExpertPositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertPosition

    person = factory.SubFactory(UserFactory)
    position = ExpertPositionKind.CONTENT_EXPERT
    since = datetime.date(2021, 9, 1)
    reason = "Провёл пять экспертиз проектных замыслов."


class ReviewFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewForm

    name = factory.Sequence(lambda n: f"Форма экспертизы № {n}")
    version = 1
    status = ReviewFormStatus.IN_USE


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    form = factory.SubFactory(ReviewFormFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Критерий {n}")
    scale_min = 0
    scale_max = 5
    weight = Decimal("1")
    comment_threshold = 2


def review_form_with(*weights, **kwargs):
    """A form in use with 0–5 criteria of the given weights (comment needed at 2 or lower)."""
    form = ReviewFormFactory(**kwargs)
    for k, weight in enumerate(weights, 1):
        CriterionFactory(form=form, order=k, title=f"Критерий {k}", weight=Decimal(str(weight)))
    return form


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    assignment = factory.SubFactory(ExpertAssignmentFactory,
                                    status=ExpertAssignmentStatus.ACCEPTED)
    form = factory.SubFactory(ReviewFormFactory)
    state = ReviewState.DRAFT


def submitted_review(assignment, form, values, recommendation=Recommendation.RECOMMEND):
    """A submitted review with the given scores, in the order of the form's criteria."""
    review = ReviewFactory(assignment=assignment, form=form, state=ReviewState.SUBMITTED,
                           recommendation=recommendation,
                           submitted_at=datetime.datetime.now(datetime.UTC))
    for criterion, value in zip(form.criteria.order_by("order"), values, strict=True):
        Score.objects.create(review=review, criterion=criterion, value=value,
                             comment="" if value > 2 else "Недостаточно проработано.")
    ExpertAssignment.objects.filter(pk=assignment.pk).update(status=ExpertAssignmentStatus.DONE)
    return review


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    review = factory.SubFactory(ReviewFactory)
    criterion = factory.SubFactory(CriterionFactory)
    value = 4


class ConflictOfInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictOfInterest

    expert = factory.SubFactory(UserFactory)
    initiative = factory.SubFactory(InitiativeFactory)
    reason = "Консультировал команду при подготовке замысла."


class ExpertDirectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertDirection

    expert = factory.SubFactory(UserFactory)
    direction = factory.SubFactory(DirectionFactory)


class ThreadMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThreadMessage

    initiative = factory.SubFactory(InitiativeFactory)
    author = factory.SubFactory(UserFactory)
    kind = MessageKind.RECOMMENDATION
    text = "Уточните базовые значения целевых показателей."
    state = factory.LazyAttribute(
        lambda m: RecommendationState.OPEN if m.kind == MessageKind.RECOMMENDATION else "")


class ConclusionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conclusion

    initiative = factory.SubFactory(InitiativeFactory)
    summary = "Эксперты отметили проработанность замысла и его сетевой потенциал."
    recommendation = Recommendation.RECOMMEND
    conditions = ""
    state = ConclusionState.DRAFT


_conclusion_numbers = iter(range(1, 10**6))


def issued_conclusion(initiative, **kwargs):
    """An issued conclusion with a stored (tiny) PDF."""
    from django.core.files.base import ContentFile

    conclusion = ConclusionFactory(
        initiative=initiative, state=ConclusionState.ISSUED,
        number=f"{next(_conclusion_numbers)}-ЭЗ/2022",
        issued_at=datetime.datetime.now(datetime.UTC), **kwargs,
    )
    conclusion.pdf.save("conclusion.pdf", ContentFile(b"%PDF-1.4\n%test\n"))
    return conclusion


# --- reports --------------------------------------------------------------------------

from reports.enums import ReportKind, ReportStatus  # noqa: E402
from reports.models import GeneratedReport  # noqa: E402


class GeneratedReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GeneratedReport

    kind = ReportKind.ANNUAL
    params = factory.LazyFunction(lambda: {"year": 2022})
    requested_by = factory.SubFactory(UserFactory)
    status = ReportStatus.DONE
    progress = 100
    pages = 1
    pdf = factory.django.FileField(filename="annual.pdf", data=b"%PDF-1.4\n%test\n")
