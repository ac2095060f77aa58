"""factory_boy factories for every model. Later issues add theirs here."""

import hashlib
from datetime import timedelta

import factory
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.enums import NotificationChannel, NotificationKind, OfficeRole
from accounts.models import (
    Consent,
    Invitation,
    Notification,
    NotificationPreference,
    OfficeIdentity,
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


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation; its link's token is ``invitation.token`` (only the hash is stored)."""

    class Meta:
        model = Invitation
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = "expert"
    token = factory.Sequence(lambda n: f"invitation-token-{n}")
    token_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.token.encode()).hexdigest())
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        token = kwargs.pop("token")
        obj = super()._create(model_class, *args, **kwargs)
        obj.token = token
        return obj


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

from expertise.models import ExpertAssignment  # noqa: E402
from initiatives.enums import InitiativeState, StrategyGoalKind  # noqa: E402
from initiatives.models import (  # noqa: E402
    Attachment,
    Call,
    Direction,
    Indicator,
    Initiative,
    InitiativeVersion,
    Portfolio,
    StrategyGoal,
    TeamMember,
    WordCardImport,
)
from initiatives.wordcard.mapping import empty_card  # noqa: E402


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


class WordCardImportFactory(factory.django.DjangoModelFactory):
    """A Word card read and waiting for confirmation (issue 19)."""

    class Meta:
        model = WordCardImport

    token = factory.Sequence(lambda n: f"word-card-token-{n}")
    owner = factory.SubFactory(UserFactory)
    file_name = "Проектный замысел.docx"
    card = factory.LazyFunction(lambda: {**empty_card(), "title": "Карточка из Word",
                                         "goal": "Цель из карточки"})


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


class CallFactory(factory.django.DjangoModelFactory):
    """An open call (it opened a day ago and closes in ten days) accepting every direction."""

    class Meta:
        model = Call

    title = factory.Sequence(lambda n: f"Приём проектных замыслов на 2027/28 учебный год ({n})")
    academic_year = "2027/2028"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    description = "Принимаются проектные замыслы образовательных организаций."


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


class OfficeIdentityFactory(factory.django.DjangoModelFactory):
    """The office of a fictional municipality (tests check that documents carry it, and no
    municipality's name from the demo). Pages read it cached: after making one, call
    ``accounts.identity.forget()`` (``update_identity`` does that itself)."""

    class Meta:
        model = OfficeIdentity
        django_get_or_create = ("id",)

    id = 1
    body_name = "Управление образования администрации Лесногорского городского округа"
    office_name = "Проектный офис Лесногорска"
    municipality = "Лесногорский городской округ"
    region = "Северная область"
    place_name = "Лесногорск"
    address = "г. Лесногорск, ул. Школьная, 5"
    phone = "+7 (000) 111-22-33"
    email = "po@lesnogorsk.example.org"
    website = "https://lesnogorsk.example.org/"
    head_name = "А.Б. Ковалёва"
    head_position = "Начальник проектного офиса"
    secretary_name = "В.Г. Дроздов"
    secretary_position = "Секретарь"


# --- meetings (issue 7) --------------------------------------------------------------------

from meetings.enums import (  # noqa: E402
    AgendaKind,
    AttendanceStatus,
    DecisionKind,
    MeetingStatus,
    OfficeRoleInOffice,
)
from meetings.models import (  # noqa: E402
    AgendaItem,
    Attendance,
    CalendarToken,
    Decision,
    DecisionTask,
    Meeting,
    MeetingFormat,
    NewsItem,
    OfficeMember,
    PlannedActivity,
    Reflection,
    WorkPlan,
)


def _aware(year, month, day, hour=15):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=datetime.UTC)


class MeetingFormatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingFormat
        django_get_or_create = ("name",)

    name = "заседание"


class OfficeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficeMember

    person = factory.SubFactory(UserFactory)
    role = OfficeRoleInOffice.MEMBER
    since = datetime.date(2020, 9, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    number = factory.Sequence(lambda n: n + 1)
    school_year = "2022/2023"
    starts_at = factory.LazyFunction(lambda: _aware(2022, 12, 27, 9))
    ends_at = factory.LazyFunction(lambda: _aware(2022, 12, 27, 11))
    place = "МКОУ ДПО РЦ, актовый зал"
    format = factory.SubFactory(MeetingFormatFactory)
    status = MeetingStatus.PLANNED


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = AgendaKind.OTHER
    title = factory.Sequence(lambda n: f"Вопрос повестки № {n}")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)
    status = AttendanceStatus.PRESENT


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    item = factory.SubFactory(AgendaItemFactory)
    kind = DecisionKind.OTHER
    text = "Принять к сведению."


class DecisionTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionTask

    decision = factory.SubFactory(DecisionFactory)
    owner = factory.SubFactory(UserFactory)
    due_on = datetime.date(2023, 1, 20)


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflection

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)
    rating = 4
    valuable = "Обсуждение замыслов"
    to_change = ""


class CalendarTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarToken

    person = factory.SubFactory(UserFactory)


class WorkPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlan

    year = factory.Sequence(lambda n: 2023 + n)
    title = factory.LazyAttribute(lambda p: f"План работы проектного офиса на {p.year} год")


class PlannedActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedActivity

    plan = factory.SubFactory(WorkPlanFactory)
    title = factory.Sequence(lambda n: f"Заседание по теме № {n}")
    month = 3


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"Итоги заседания № {n}")
    text = "Проектный офис подвёл итоги.\n\nВторой абзац."
    published_at = factory.LazyFunction(lambda: _aware(2022, 12, 28))




# --- networks (issue 8) ----------------------------------------------------------------------

from django.utils import timezone as _tz  # noqa: E402

from network.enums import (  # noqa: E402
    MemberRole,
    MemberStatus,
    NetworkKind,
    ProductKind,
    ProductStatus,
)
from network.models import (  # noqa: E402
    EventFeedback,
    EventMaterial,
    EventOrganiser,
    EventRegistration,
    MethodicalProduct,
    Network,
    NetworkEvent,
    NetworkHealth,
    NetworkMember,
    NetworkOrganisation,
    ProductFile,
    RuleComment,
    RuleProposal,
    RulesVersion,
    RuleVote,
)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    kind = NetworkKind.METHODICAL_NETWORK
    name = factory.Sequence(lambda n: f"Методическая сеть {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    description = "Сеть учителей начальных классов."


class NetworkMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMember

    network = factory.SubFactory(NetworkFactory)
    person = factory.SubFactory(UserFactory)
    role = MemberRole.MEMBER
    status = MemberStatus.ACTIVE
    joined_at = factory.LazyFunction(_tz.now)


class NetworkOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkOrganisation

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class RuleProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuleProposal

    network = factory.SubFactory(NetworkFactory)
    title = "Новое правило"
    text = "1. События проводятся раз в месяц."
    proposer = factory.SubFactory(UserFactory)


class RuleCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuleComment

    proposal = factory.SubFactory(RuleProposalFactory)
    author = factory.SubFactory(UserFactory)
    text = "Поддерживаю."


class RuleVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuleVote

    proposal = factory.SubFactory(RuleProposalFactory)
    voter = factory.SubFactory(UserFactory)
    choice = "for"


class RulesVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RulesVersion

    network = factory.SubFactory(NetworkFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "1. Участники сети встречаются раз в четверть."
    adopted_at = factory.LazyFunction(_tz.now)


class NetworkEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkEvent

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Сетевой семинар {n}")
    starts_at = factory.LazyFunction(lambda: _tz.now() + datetime.timedelta(days=7))
    place = "МБОУ СОШ № 7, актовый зал"


class EventOrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventOrganiser

    event = factory.SubFactory(NetworkEventFactory)
    person = factory.SubFactory(UserFactory)


class EventRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventRegistration

    event = factory.SubFactory(NetworkEventFactory)
    person = factory.SubFactory(UserFactory)


class EventMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventMaterial

    event = factory.SubFactory(NetworkEventFactory)
    file = factory.django.FileField(filename="slides.pdf", data=b"%PDF-1.4\n%test\n")
    original_name = "Презентация.pdf"
    kind = "pdf"
    size = 15


class EventFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventFeedback

    event = factory.SubFactory(NetworkEventFactory)
    person = factory.SubFactory(UserFactory)
    rating = 5


class MethodicalProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MethodicalProduct

    kind = ProductKind.DEVELOPMENT
    title = factory.Sequence(lambda n: f"Методическая разработка {n}")
    description = "Описание разработки."
    organisation = factory.SubFactory(OrganisationFactory)
    year = 2022
    status = ProductStatus.PUBLISHED


class ProductFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductFile

    product = factory.SubFactory(MethodicalProductFactory)
    file = factory.django.FileField(filename="dev.pdf", data=b"%PDF-1.4\n%test\n")
    original_name = "Разработка.pdf"
    kind = "pdf"
    size = 15


class NetworkHealthFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkHealth

    network = factory.SubFactory(NetworkFactory)
    quarter = datetime.date(2022, 1, 1)
# --- expertise (issue 5) ----------------------------------------------------------------------

from accounts.enums import ExpertPositionKind  # noqa: E402
from accounts.models import ExpertPosition  # noqa: E402
from expertise.models import (  # noqa: E402
    Conclusion,
    ConflictOfInterest,
    Criterion,
    ExpertDirection,
    Review,
    ReviewForm,
    Score,
    ThreadMessage,
)
from initiatives.enums import (  # noqa: E402
    ConclusionState,
    ExpertAssignmentStatus,
    MessageKind,
    Recommendation,
    RecommendationState,
    ReviewFormStatus,
    ReviewState,
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
    xlsx = factory.django.FileField(filename="annual.xlsx", data=b"PK\x03\x04test")


# --- initiatives: monitoring and organisation records (issue 6) ----------------------------

from initiatives.enums import (  # noqa: E402
    ChangeKind,
    IncentiveKind,
    Level,
    PublicationChannel,
    ReviewStatus,
)
from portfolio.models import (  # noqa: E402
    ChangeRequest,
    Incentive,
    IndicatorActual,
    IndicatorPlan,
    PlannedProduct,
    ProgressReport,
    ProjectProblem,
    Publication,
    ReportingPeriod,
    Risk,
)


class ProjectFactory(InitiativeFactory):
    """A project in progress (state set directly: factories build data, they do not act)."""

    state = InitiativeState.IN_PROGRESS


class IndicatorPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorPlan

    indicator = factory.SubFactory(IndicatorFactory, initiative=factory.SubFactory(ProjectFactory))
    period_label = "I полугодие 2021/2022"
    period_start = datetime.date(2021, 9, 1)
    period_end = datetime.date(2021, 12, 31)
    planned = Decimal("50")


class IndicatorActualFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorActual

    plan = factory.SubFactory(IndicatorPlanFactory)
    indicator = factory.LazyAttribute(lambda o: o.plan.indicator)
    value = Decimal("50")
    measured_on = factory.LazyAttribute(lambda o: o.plan.period_end)
    evidence_url = "https://example.org/evidence"
    status = ReviewStatus.SUBMITTED


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    initiative = factory.SubFactory(ProjectFactory)
    title = "I полугодие 2021/2022"
    starts_on = datetime.date(2021, 9, 1)
    ends_on = datetime.date(2021, 12, 31)
    due_on = datetime.date(2022, 1, 15)


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    period = factory.SubFactory(ReportingPeriodFactory)
    done = "Проведены сетевые события."
    results = "Педагоги освоили новые практики."
    status = ReviewStatus.SUBMITTED


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    initiative = factory.SubFactory(ProjectFactory)
    title = "Уход ключевых педагогов команды"
    probability = Level.MEDIUM
    impact = Level.HIGH


class ProjectProblemFactory(RiskFactory):
    class Meta:
        model = ProjectProblem

    title = "Не хватает площадок для сетевых событий"


class ChangeRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeRequest

    initiative = factory.SubFactory(ProjectFactory)
    kind = ChangeKind.DEADLINE
    justification = "Сетевые события перенесены на осень."
    new_ends_on = datetime.date(2022, 12, 31)


class IncentiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incentive

    organisation = factory.SubFactory(OrganisationFactory)
    kind = IncentiveKind.MATERIAL
    document_title = "Положение о стимулирующих выплатах"
    document_date = datetime.date(2022, 2, 1)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    organisation = factory.SubFactory(OrganisationFactory)
    channel = PublicationChannel.SITE
    published_on = datetime.date(2022, 3, 1)
    url = "https://example.org/news/1"
    title = "О ходе проекта"


class PlannedProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedProduct

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2022
    title = "Методическая разработка «Клубный час»"
    kind = "методическая разработка"


# --- roles of a project and its calendar plan (issue 25) ------------------------------------

from portfolio.models import PlanItem, ProjectRole, TeamShare  # noqa: E402
from portfolio.plan.enums import PlanItemKind, ProjectRoleKind  # noqa: E402


class ProjectRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectRole

    initiative = factory.SubFactory(ProjectFactory)
    role = ProjectRoleKind.CURATOR
    person = factory.SubFactory(UserFactory)
    position = "начальник отдела"


class TeamShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamShare

    member = factory.SubFactory(TeamMemberFactory)
    percent = 25


class PlanItemFactory(factory.django.DjangoModelFactory):
    """A control point of a project in progress (its dates inside the project's 2021/2022)."""

    class Meta:
        model = PlanItem

    initiative = factory.SubFactory(ProjectFactory)
    kind = PlanItemKind.POINT
    title = factory.Sequence(lambda n: f"Контрольная точка {n}")
    result = "Положение утверждено"
    evidence_document = "Приказ"
    responsible_name = "Иванова А. А."
    planned_end = datetime.date(2021, 12, 1)
    order = factory.Sequence(lambda n: n)


class ActivityFactory(PlanItemFactory):
    kind = PlanItemKind.ACTIVITY
    title = factory.Sequence(lambda n: f"Мероприятие {n}")
    result = ""
    planned_start = datetime.date(2021, 10, 1)
    planned_end = datetime.date(2021, 11, 30)
