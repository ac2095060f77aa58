"""Demo people of the portal: the six sign-ins of the README and fictional colleagues."""

from django.contrib.auth.hashers import make_password

from accounts import services
from accounts.enums import OfficeRole
from accounts.models import User

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
