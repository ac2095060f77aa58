"""Demo people of the portal: the six sign-ins of the README and fictional colleagues."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import translation

from accounts import personal_data, services
from accounts.enums import NotificationChannel, NotificationKind, OfficeRole
from accounts.models import Consent, Notification, User

DEMO_PASSWORD = "demo"

# login: (фамилия, имя, отчество, roles)
SIGN_INS = {
    "head": ("Соколова", "Марина", "Викторовна", [OfficeRole.OFFICE_HEAD, OfficeRole.EXPERT]),
    "staff": ("Лебедева", "Ольга", "Николаевна", [OfficeRole.OFFICE_STAFF]),
    "expert": ("Морозов", "Алексей", "Петрович", [OfficeRole.EXPERT]),
    "expert2": ("Васильева", "Наталья", "Игоревна", [OfficeRole.EXPERT]),
    "team": ("Кузнецова", "Елена", "Сергеевна", []),
    "team2": ("Попов", "Дмитрий", "Андреевич", []),
}

# Fictional colleagues: office members and school teams (assigned to organisations in network.demo).
PEOPLE = {
    "orlova": ("Орлова", "Татьяна", "Михайловна", [OfficeRole.EXPERT]),
    "belov": ("Белов", "Игорь", "Владимирович", [OfficeRole.EXPERT]),
    "zaitseva": ("Зайцева", "Светлана", "Юрьевна", [OfficeRole.OFFICE_STAFF, OfficeRole.EXPERT]),
    "volkova": ("Волкова", "Ирина", "Александровна", []),
    "fedorov": ("Фёдоров", "Сергей", "Олегович", []),
    "nikitina": ("Никитина", "Анна", "Валерьевна", []),
    "pavlova": ("Павлова", "Людмила", "Геннадьевна", []),
    "semenov": ("Семёнов", "Андрей", "Борисович", []),
    "grigorieva": ("Григорьева", "Оксана", "Владимировна", []),
    "tarasova": ("Тарасова", "Юлия", "Евгеньевна", []),
    "kiseleva": ("Киселёва", "Галина", "Павловна", []),
    "romanov": ("Романов", "Евгений", "Иванович", []),
    "makarova": ("Макарова", "Вера", "Николаевна", []),
    "andreeva": ("Андреева", "Ксения", "Олеговна", []),
    "egorova": ("Егорова", "Дарья", "Максимовна", []),
    "stepanova": ("Степанова", "Нина", "Фёдоровна", []),
}


def seed(ctx):
    password = make_password(DEMO_PASSWORD)
    for login, (last, first, patronymic, roles) in {**SIGN_INS, **PEOPLE}.items():
        user, _created = User.objects.update_or_create(
            username=login,
            defaults={
                "last_name": last,
                "first_name": first,
                "patronymic": patronymic,
                "email": f"{login}@demo.example.org",
                "is_active": True,
            },
        )
        if not user.check_password(DEMO_PASSWORD):
            user.password = password
            user.save(update_fields=["password"])
        for role in roles:
            services.grant_role(user, role=role, by=None)
        ctx.people[login] = user
    ctx.password_hash = password
    _seed_consents(ctx)
    _seed_notifications(ctx)


def _seed_consents(ctx):
    """The six demo sign-ins have accepted the consent, so `make demo` lands on their homes;
    the fictional colleagues have not, and meet the consent page at their first sign-in."""
    with translation.override(settings.LANGUAGE_CODE):
        text = personal_data.consent_text()
    for login in SIGN_INS:
        Consent.objects.get_or_create(
            person=ctx.people[login], version=settings.CONSENT_VERSION, defaults={"text": text}
        )


# login: [(kind, title, body, read?)]
NOTIFICATIONS = {
    "head": [
        (NotificationKind.MEETING_INVITATION, "Заседание проектного офиса 15 декабря 2022 г.",
         "Повестка: итоги года, аналитический отчёт, план на 2023 год.", False),
        (NotificationKind.CONCLUSION_ISSUED, "Экспертное заключение по замыслу «Образовательный лифт»",
         "", True),
    ],
    "staff": [
        (NotificationKind.REVIEW_SUBMITTED, "Отзыв эксперта по замыслу «PROкачество+»", "", False),
        (NotificationKind.REPORT_OVERDUE, "Просрочен отчёт по проекту «УникУм»",
         "Срок сдачи отчёта за полугодие прошёл 3 дня назад.", False),
    ],
    "expert": [
        (NotificationKind.EXPERT_ASSIGNED, "Вас назначили экспертом замысла «Миссия выполнима…»",
         "Заполните форму экспертизы до конца месяца.", False),
    ],
    "team": [
        (NotificationKind.RECOMMENDATION_GIVEN, "Рекомендация эксперта по замыслу «PROкачество+»",
         "Уточните целевые показатели на второй год.", False),
        (NotificationKind.EVENT_REMINDER, "Завтра семинар сети «Чайковское метро»", "", True),
    ],
}


def _seed_notifications(ctx):
    link = reverse("home")
    for login, rows in NOTIFICATIONS.items():
        person = ctx.people[login]
        for kind, title, body, read in rows:
            notification, created = Notification.objects.get_or_create(
                recipient=person, kind=kind, title=title,
                defaults={"body": body, "url": link, "channel": NotificationChannel.PORTAL},
            )
            if created and read:
                notification.read_at = notification.created_at
                notification.save(update_fields=["read_at"])
