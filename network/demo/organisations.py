"""Demo organisations named in the seeds, and the teams of the demo people."""

from accounts.models import User
from network.demo import networks
from network.enums import OrganisationType as T
from network.models import Membership, Organisation

# short name: (type, full name, address, office?)
ORGANISATIONS = {
    "МКОУ ДПО РЦ": (T.MKOU_DPO, "Муниципальное казённое образовательное учреждение дополнительного "
                   "профессионального образования «Ресурсный центр»", "ул. Ленина, 34", True),
    "МБУ ЦРО": (T.MBU, "Муниципальное бюджетное учреждение «Центр развития образования города "
               "Чайковский»", "ул. Советская, 12", False),
    "МАОУ Гимназия": (T.MAOU, "Муниципальное автономное общеобразовательное учреждение «Гимназия»",
                      "ул. Вокзальная, 37", False),
    "МБОУ СОШ № 1": (T.MBOU, "Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                     "общеобразовательная школа № 1»", "ул. Кабалевского, 32", False),
    "МБОУ СОШ № 7": (T.MBOU, "Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                     "общеобразовательная школа № 7»", "с. Уральское, ул. Школьная, 8", False),
    "МБОУ СОШ № 10": (T.MBOU, "Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                      "общеобразовательная школа № 10»", "ул. Приморская, 12", False),
    "МБОУ ООШ № 12": (T.MBOU, "Муниципальное бюджетное общеобразовательное учреждение «Основная "
                      "общеобразовательная школа № 12»", "ул. Шлюзовая, 3", False),
    "МБОУ «Фокинская СОШ»": (T.MBOU, "Муниципальное бюджетное общеобразовательное учреждение "
                             "«Фокинская средняя общеобразовательная школа»", "с. Фоки, ул. Школьная, 2",
                             False),
    "МБОУ СОШ п. Прикамский": (T.MBOU, "Муниципальное бюджетное общеобразовательное учреждение "
                               "«Средняя общеобразовательная школа п. Прикамский»",
                               "п. Прикамский, ул. Солнечная, 1", False),
    "МБОУ ДО «Свежий ветер»": (T.MBOU_DO, "Муниципальное бюджетное образовательное учреждение "
                               "дополнительного образования «Свежий ветер»", "ул. Мира, 15", False),
    "МБУ № 41": (T.MBU, "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад "
                 "№ 41»", "ул. Декабристов, 21", False),
    "МБУ № 88": (T.MBU, "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад "
                 "№ 88»", "ул. Камская, 9", False),
}

# login: (organisation, position)
TEAMS = {
    "head": ("МКОУ ДПО РЦ", "директор, руководитель проектного офиса"),
    "staff": ("МКОУ ДПО РЦ", "методист проектного офиса"),
    "zaitseva": ("МБУ ЦРО", "заместитель директора"),
    "orlova": ("МБУ ЦРО", "методист"),
    "team": ("МБОУ СОШ № 7", "заместитель директора по учебной работе"),
    "volkova": ("МБОУ СОШ № 7", "учитель начальных классов"),
    "fedorov": ("МБОУ СОШ № 7", "учитель математики"),
    "team2": ("МБОУ СОШ № 1", "заместитель директора по методической работе"),
    "nikitina": ("МБОУ СОШ № 1", "учитель русского языка"),
    "pavlova": ("МАОУ Гимназия", "заместитель директора"),
    "semenov": ("МБОУ СОШ № 10", "директор"),
    "grigorieva": ("МБОУ ООШ № 12", "заместитель директора"),
    "tarasova": ("МБОУ «Фокинская СОШ»", "заместитель директора"),
    "kiseleva": ("МБОУ СОШ п. Прикамский", "директор"),
    "romanov": ("МБОУ ДО «Свежий ветер»", "методист"),
    "makarova": ("МБУ № 41", "старший воспитатель"),
    "andreeva": ("МБУ № 88", "старший воспитатель"),
    "egorova": ("МБУ ЦРО", "методист"),
    "stepanova": ("МБУ ЦРО", "методист"),
}


def seed(ctx):
    for short, (kind, full, address, office) in ORGANISATIONS.items():
        ctx.organisations[short], _ = Organisation.objects.update_or_create(
            short_name=short,
            defaults={
                "org_type": kind,
                "full_name": full,
                "address": f"г. Чайковский, {address}" if not address.startswith(("с.", "п.")) else address,
                "is_office": office,
                "website": f"https://school-{len(ctx.organisations) + 1}.example.org",
            },
        )
    for login, (short, position) in TEAMS.items():
        Membership.objects.update_or_create(
            person=ctx.people[login],
            organisation=ctx.organisations[short],
            is_active=True,
            defaults={"position": position},
        )
    if ctx.scale > 1:
        _seed_scaled(ctx)
    networks.seed(ctx)


def _seed_scaled(ctx):
    """Benchmark data: ten more schools and thirty more people per unit of scale."""
    existing = set(Organisation.objects.values_list("short_name", flat=True))
    new_orgs = [
        Organisation(
            org_type=T.MBOU,
            short_name=f"МБОУ СОШ № {100 + i}",
            full_name=f"Муниципальное бюджетное общеобразовательное учреждение «Средняя "
            f"общеобразовательная школа № {100 + i}»",
            address=f"г. Чайковский, ул. Новая, {i}",
        )
        for i in range((ctx.scale - 1) * 10)
        if f"МБОУ СОШ № {100 + i}" not in existing
    ]
    Organisation.objects.bulk_create(new_orgs, batch_size=500)
    names = [f"МБОУ СОШ № {100 + i}" for i in range((ctx.scale - 1) * 10)]
    orgs = list(Organisation.objects.filter(short_name__in=names).order_by("pk"))
    known = set(User.objects.filter(username__startswith="scale-").values_list("username", flat=True))
    people = [
        User(
            username=f"scale-{i}",
            last_name=f"Учитель{i}",
            first_name="Анна",
            patronymic="Ивановна",
            email=f"scale-{i}@demo.example.org",
            password=ctx.password_hash,
        )
        for i in range(len(orgs) * 3)
        if f"scale-{i}" not in known
    ]
    User.objects.bulk_create(people, batch_size=500)
    users = User.objects.filter(username__in=[p.username for p in people]).order_by("pk")
    Membership.objects.bulk_create(
        [
            Membership(person=u, organisation=orgs[n // 3], position="учитель")
            for n, u in enumerate(users)
        ],
        batch_size=500,
    )
    ctx.scaled_organisations = orgs
