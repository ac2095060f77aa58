"""Demo people of the portal: the six sign-ins of the README and fictional colleagues."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import translation

from accounts import identity, personal_data, services
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
    _seed_identity()
    _seed_consents(ctx)
    _seed_notifications(ctx)


# The demo municipality is set through the same data and domain function as a real office's.
IDENTITY = {
    "body_name": "Управление образования администрации Чайковского городского округа",
    "office_name": "Муниципальный проектный офис",
    "municipality": "Чайковский городской округ",
    "region": "Пермский край",
    "place_name": "Чайковский",
    "address": "г. Чайковский, ул. Примерная, 1",
    "phone": "+7 (000) 000-00-00",
    "email": "office@demo.example.org",
    "website": "https://demo.example.org/",
    "head_name": "М.В. Соколова",
    "head_position": "Руководитель проектного офиса",
    "secretary_name": "О.Н. Лебедева",
    "secretary_position": "Секретарь проектного офиса",
}
# A plain emblem: an open book under a rising line
LOGO = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">'
        b'<rect width="64" height="64" rx="10" fill="#1d3557"/>'
        b'<path d="M10 44 L32 50 L54 44 L54 22 L32 28 L10 22 Z" fill="#f1faee"/>'
        b'<path d="M32 28 L32 50" stroke="#1d3557" stroke-width="2"/>'
        b'<path d="M14 18 L26 12 L36 16 L50 8" stroke="#e63946" stroke-width="3" fill="none" '
        b'stroke-linecap="round" stroke-linejoin="round"/></svg>')


def _seed_identity():
    identity.update_identity(None, logo=LOGO, **IDENTITY)


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
