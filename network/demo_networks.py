"""Demo networks, their rules, events 2019 to now, and the ideas library.

The events are laid out so that every health status appears: «Чайковское метро» lives while its
founding project runs and fades after it ended (31.05.2021); the cluster depends on one
organiser; the centre of the Gymnasium depends on one organisation; the centres of СОШ № 7 and
СОШ № 10 and the inclusive education resource centre live on their own. Initiatives link to
networks in ``initiatives.demo.network`` (that app is above this one). Health is computed at the
end of the whole seed by ``initiatives.demo.network``, once the founding project exists.
"""

import datetime
import random

from django.utils import timezone

from accounts.models import User
from network import services
from network.enums import (
    EventKind,
    MemberRole,
    MemberStatus,
    NetworkKind,
    ProductKind,
    ProductStatus,
    RulesAdoption,
)
from network.models import (
    EventOrganiser,
    EventRegistration,
    Membership,
    MethodicalProduct,
    Network,
    NetworkEvent,
    NetworkMember,
    NetworkOrganisation,
    RulesVersion,
)

EXTRA_PEOPLE = {
    # login: (last, first, patronymic, organisation, position)
    "sidorova": ("Сидорова", "Елена", "Павловна", "МАОУ Гимназия", "учитель начальных классов"),
    "kovaleva": ("Ковалёва", "Марина", "Игоревна", "МАОУ Гимназия", "учитель русского языка"),
}

RULES_V1 = (
    "1. Участники сети — педагоги и управленческие команды образовательных организаций округа, "
    "вступившие в сеть по заявке.\n"
    "2. Сетевые события (семинары, мастер-классы, рефлексивные встречи, открытые уроки) "
    "проводятся не реже одного раза в четверть; организатором может стать любой участник.\n"
    "3. Материалы событий размещаются на портале в течение недели после события.\n"
    "4. Решения о правилах принимаются после обсуждения всеми участниками."
)
RULES_V2 = RULES_V1.replace(
    "организатором может стать любой участник.",
    "организатором может стать любой участник; организаторы сменяются, чтобы сеть не "
    "зависела от одного человека.",
) + "\n5. Каждое событие завершается рефлексией и отзывом участников."

# slug: (kind, name, base organisation, adoption, description, coordinator, pattern, start year,
#        last year or None for «to this day»)
NETWORKS = {
    "chaikovskoe-metro": (
        NetworkKind.METHODICAL_NETWORK, "«Чайковское метро»", "МБОУ СОШ № 1", RulesAdoption.VOTE,
        "Сетевое взаимодействие образовательных организаций Чайковского городского округа по "
        "достижению метапредметного результата «смысловое чтение». Станции «метро» — школы, "
        "которые по очереди проводят открытые уроки и мастер-классы по смысловому чтению.",
        "team2", "spread_then_fade", 2019, 2021),
    "smyslovoe-chtenie-klaster": (
        NetworkKind.CLUSTER,
        "Смысловое чтение как основа умения работать с информацией в начальной школе",
        "МБОУ СОШ № 7", RulesAdoption.COORDINATORS,
        "Методический кластер учителей начальных классов: приёмы смыслового чтения, работа с "
        "информацией, банк заданий для младших школьников.",
        "volkova", "one_organiser", 2020, None),
    "cio-gimnaziya": (
        NetworkKind.EXPERIENCE_CENTRE, "Центр инновационного опыта МАОУ Гимназия",
        "МАОУ Гимназия", RulesAdoption.COORDINATORS,
        "Центр инновационного опыта по формированию «4К» компетенций: открытые уроки и "
        "мастер-классы педагогов гимназии.",
        "pavlova", "one_organisation", 2020, None),
    "cio-sosh-7": (
        NetworkKind.EXPERIENCE_CENTRE, "Центр инновационного опыта МБОУ СОШ № 7", "МБОУ СОШ № 7",
        RulesAdoption.VOTE,
        "Центр инновационного опыта по переходу в эффективный режим функционирования: "
        "рефлексивные встречи управленческих команд, сетевые семинары.",
        "team", "spread", 2019, None),
    "cio-sosh-10": (
        NetworkKind.EXPERIENCE_CENTRE, "Центр инновационного опыта МБОУ СОШ № 10",
        "МБОУ СОШ № 10", RulesAdoption.COORDINATORS,
        "Центр инновационного опыта по повышению качества образования в основной и старшей школе.",
        "semenov", "spread", 2021, None),
    "rc-estestvenno-matematicheskiy": (
        NetworkKind.RESOURCE_CENTRE,
        "Ресурсный центр МБОУ СОШ № 7 по естественно-математическому образованию",
        "МБОУ СОШ № 7", RulesAdoption.COORDINATORS,
        "Ресурсный центр: сетевые практические занятия по физике, химии и математике для "
        "обучающихся и педагогов округа.",
        "fedorov", "one_organisation_pair", 2021, None),
    "rc-inklyuziya": (
        NetworkKind.RESOURCE_CENTRE, "Ресурсный центр по инклюзивному образованию", "МБУ ЦРО",
        RulesAdoption.VOTE,
        "Методическая сеть специалистов по инклюзивному образованию: консультации, семинары, "
        "кейсы сопровождения детей с ОВЗ.",
        "egorova", "spread", 2019, None),
}

PARTICIPANTS = ["team", "team2", "volkova", "fedorov", "nikitina", "pavlova", "semenov",
                "grigorieva", "tarasova", "kiseleva", "romanov", "makarova", "andreeva",
                "egorova", "stepanova", "orlova", "sidorova", "kovaleva"]
ORGANISER_POOLS = {
    "spread": ["team", "nikitina", "semenov", "makarova", "grigorieva", "kiseleva"],
    "spread_then_fade": ["team2", "nikitina", "volkova", "pavlova", "tarasova"],
    "one_organiser": ["volkova"],
    "one_organisation": ["pavlova", "sidorova", "kovaleva"],
    "one_organisation_pair": ["fedorov", "team"],
}
TOPICS = {
    EventKind.SEMINAR: "Сетевой семинар «{}»",
    EventKind.MASTER_CLASS: "Мастер-класс «{}»",
    EventKind.REFLEXIVE_MEETING: "Рефлексивная встреча «{}»",
    EventKind.OPEN_LESSON: "Открытый урок «{}»",
    EventKind.CONFERENCE: "Конференция «{}»",
}
THEMES = ["Приёмы смыслового чтения", "Работа с информацией на уроке", "Проектные задачи",
          "Формирующее оценивание", "Читательская грамотность", "Сетевые практики",
          "Наставничество в команде", "Инклюзивная среда школы", "Функциональная грамотность"]

# (organisation, kind, title, authors, year, status, description, network slug)
PRODUCTS = [
    ("МБУ № 41", ProductKind.DEVELOPMENT,
     "Внутренняя система оценки качества дошкольного образования: методические рекомендации",
     "Макарова В. Н.", 2022, ProductStatus.PUBLISHED,
     "Методическая разработка проекта «PROкачество+»: показатели качества дошкольного "
     "образования, формы наблюдения и листы самооценки педагога.", None),
    ("МБУ № 88", ProductKind.DEVELOPMENT, "Методическая разработка «Клубный час»",
     "Андреева К. О.", 2022, ProductStatus.PUBLISHED,
     "Технология «Клубный час» для поддержки детской инициативы и самостоятельности; сценарии "
     "и памятки для воспитателей.", None),
    ("МБОУ ДО «Свежий ветер»", ProductKind.DEVELOPMENT,
     "Методическая сеть педагогов дополнительного образования: модель взаимодействия",
     "Романов Е. И.", 2022, ProductStatus.PUBLISHED,
     "Методическая разработка о том, как педагоги дополнительного образования строят "
     "методическую сеть: правила, события, обмен опытом.", None),
    ("МБОУ СОШ № 1", ProductKind.LESSON_PLAN, "Конспект урока: смысловое чтение научно-"
     "популярного текста", "Никитина А. В.", 2021, ProductStatus.PUBLISHED,
     "Конспект открытого урока станции «Чайковского метро»: приёмы смыслового чтения, "
     "работа с информацией, представленной в разных формах.", "chaikovskoe-metro"),
    ("МБОУ СОШ № 7", ProductKind.ARTICLE, "Смысловое чтение в начальной школе: опыт кластера",
     "Волкова И. А.", 2021, ProductStatus.PUBLISHED,
     "Статья о работе методического кластера: как смысловое чтение становится основой умения "
     "работать с информацией у младших школьников.", "smyslovoe-chtenie-klaster"),
    ("МБУ ЦРО", ProductKind.PM_DOCUMENT, "Положение о сетевом проекте образовательной организации",
     "Зайцева С. Ю., Егорова Д. М.", 2022, ProductStatus.PUBLISHED,
     "Методический документ по управлению проектами: паспорт проекта, роли команды, "
     "контрольные точки, отчётность перед проектным офисом.", None),
    ("МБУ ЦРО", ProductKind.CASE, "Кейс: сопровождение ребёнка с ОВЗ в инклюзивном классе",
     "Егорова Д. М.", 2023, ProductStatus.PUBLISHED,
     "Кейс ресурсного центра по инклюзивному образованию: команда сопровождения, "
     "индивидуальный маршрут, взаимодействие с семьёй.", "rc-inklyuziya"),
    ("МБОУ СОШ № 7", ProductKind.DEVELOPMENT, "Банк сетевых практических занятий по физике",
     "Фёдоров С. О.", 2023, ProductStatus.SUBMITTED,
     "Сетевые практические занятия ресурсного центра по естественно-математическому "
     "образованию для обучающихся 7–9 классов.", "rc-estestvenno-matematicheskiy"),
]


def _aware(day, hour=15):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, 0))


def _people(ctx):
    for login, (last, first, patronymic, org, position) in EXTRA_PEOPLE.items():
        person, created = User.objects.get_or_create(
            username=login, defaults={"last_name": last, "first_name": first,
                                      "patronymic": patronymic, "password": ctx.password_hash,
                                      "email": f"{login}@demo.example.org"})
        Membership.objects.get_or_create(person=person, organisation=ctx.organisations[org],
                                         is_active=True, defaults={"position": position})
        ctx.people.setdefault(login, person)
    return ctx.people


def _org_of(ctx, login):
    m = Membership.objects.filter(person=ctx.people[login], is_active=True).order_by("pk").first()
    return m.organisation_id if m else None


def _schedule(pattern, start_year, last_year, rng, today):
    """Event dates: about two a quarter; the fading network stops after its founding project."""
    start = datetime.date(start_year, 9, 10)
    end = datetime.date(last_year, 12, 20) if last_year else today + datetime.timedelta(days=60)
    days, day = [], start
    while day <= end:
        if pattern == "spread_then_fade" and day > datetime.date(2021, 5, 31):
            # one last seminar in the autumn after the project, then silence
            days.append(datetime.date(2021, 10, 14))
            break
        if day.month not in (7, 8):
            days.append(day)
        day += datetime.timedelta(days=40 + rng.randint(0, 10))
    return days


def seed(ctx):
    people = _people(ctx)
    orgs = ctx.organisations
    staff = people["staff"]
    today = ctx.today
    rng = random.Random(8)
    for slug, (kind, name, base, adoption, description, coordinator, pattern, start_year,
               last_year) in NETWORKS.items():
        network, created = Network.objects.get_or_create(
            slug=slug, defaults={"kind": kind, "name": name, "base_organisation": orgs[base],
                                 "rules_adoption": adoption, "description": description})
        if not created:
            continue
        Network.objects.filter(pk=network.pk).update(created_at=_aware(datetime.date(start_year,
                                                                                      6, 1)))
        pool = ORGANISER_POOLS[pattern]
        attendees = [p for p in PARTICIPANTS if p not in pool][: 6 + rng.randint(0, 4)]
        joined = _aware(datetime.date(start_year, 9, 1))
        members = [NetworkMember(network=network, person=people[login],
                                 role=MemberRole.COORDINATOR if login == coordinator
                                 else MemberRole.MEMBER,
                                 status=MemberStatus.ACTIVE, joined_at=joined)
                   for login in dict.fromkeys([coordinator, *pool, *attendees])]
        NetworkMember.objects.bulk_create(members)
        org_ids = {_org_of(ctx, m.person.username) for m in members} - {None}
        NetworkOrganisation.objects.bulk_create(
            NetworkOrganisation(network=network, organisation_id=o, since=joined.date())
            for o in sorted(org_ids))
        _rules(network, people[coordinator], people[pool[-1]], start_year)
        _events(ctx, network, pattern, pool, attendees, start_year, last_year, rng, today)
    # a person asks to join the cluster: the coordinator sees the request
    cluster = Network.objects.get(slug="smyslovoe-chtenie-klaster")
    if not NetworkMember.objects.filter(network=cluster, person=people["tarasova"]).exists():
        services.request_to_join(cluster, by=people["tarasova"],
                                 message="Хочу включиться в работу кластера вместе с коллегами.",
                                 notify_people=False)
    _products(ctx, staff)
    if ctx.scale > 1:
        _seed_scaled(ctx, rng, today)


def _rules(network, coordinator, member, start_year):
    if RulesVersion.objects.filter(network=network).exists():
        return
    adopted = _aware(datetime.date(start_year, 9, 20))
    RulesVersion.objects.create(network=network, number=1, text=RULES_V1, adopted_at=adopted)
    if network.slug in ("chaikovskoe-metro", "cio-sosh-7", "smyslovoe-chtenie-klaster"):
        proposal = services.propose_rules(
            network, by=member, title="Сменяемость организаторов и обязательная рефлексия",
            text=RULES_V2)
        services.comment_on_proposal(proposal, by=coordinator,
                                     text="Поддерживаю: так сеть не будет держаться на одном "
                                          "человеке.")
        if network.rules_adoption == RulesAdoption.COORDINATORS:
            services.adopt_proposal(proposal, by=coordinator, notify_people=False)
        else:
            voters = [m.person for m in network.members.filter(status=MemberStatus.ACTIVE)
                      .select_related("person")]
            for voter in voters:
                proposal.refresh_from_db()
                if proposal.status != "open":
                    break
                services.vote_on_proposal(proposal, by=voter, choice="for",
                                          notify_people=False)
        RulesVersion.objects.filter(network=network, number=2).update(
            adopted_at=_aware(datetime.date(start_year + 1, 10, 5)))


def _events(ctx, network, pattern, pool, attendees, start_year, last_year, rng, today):
    kinds = list(TOPICS)
    now = timezone.now()
    for n, day in enumerate(_schedule(pattern, start_year, last_year, rng, today)):
        kind = kinds[n % len(kinds)]
        organiser = pool[n % len(pool)]
        event = NetworkEvent.objects.create(
            network=network, kind=kind, title=TOPICS[kind].format(THEMES[n % len(THEMES)]),
            starts_at=_aware(day), ends_at=_aware(day, 17),
            place=f"{network.base_organisation.short_name}, актовый зал",
            description="Сетевое событие: обмен опытом, практическая часть, рефлексия.",
            created_by=ctx.people[organiser],
        )
        EventOrganiser.objects.create(event=event, person=ctx.people[organiser],
                                      organisation_id=_org_of(ctx, organiser))
        guests = rng.sample(attendees, k=min(len(attendees), 3 + rng.randint(0, 3)))
        EventRegistration.objects.bulk_create(
            EventRegistration(event=event, person=ctx.people[g], organisation_id=_org_of(ctx, g),
                              attended=event.starts_at < now)
            for g in guests)


def _products(ctx, staff):
    for org, kind, title, authors, year, status, description, slug in PRODUCTS:
        if MethodicalProduct.objects.filter(title=title).exists():
            continue
        author = Membership.objects.filter(organisation=ctx.organisations[org], is_active=True) \
            .select_related("person").first()
        by = author.person if author else staff
        product = services.create_product(by=by, values={
            "kind": kind, "title": title, "description": description, "authors_text": authors,
            "organisation": ctx.organisations[org], "year": year,
            "network": Network.objects.filter(slug=slug).first() if slug else None,
        })
        services.submit_product(product, by=by)
        if status == ProductStatus.PUBLISHED:
            services.publish_product(product, by=staff, notify_people=False)


def _seed_scaled(ctx, rng, today):
    """Benchmark data: a network with ten members and thirty events (five registrations each) per
    unit of scale above one, bulk-created."""
    have = Network.objects.filter(slug__startswith="scale-net-").count()
    want = ctx.scale - 1
    orgs = getattr(ctx, "scaled_organisations", None) or list(ctx.organisations.values())
    people = list(User.objects.filter(username__startswith="scale-").order_by("pk")[:300]) \
        or list(ctx.people.values())
    networks = Network.objects.bulk_create(
        Network(slug=f"scale-net-{i}", name=f"Методическая сеть № {i + 1}",
                kind=NetworkKind.METHODICAL_NETWORK, base_organisation=orgs[i % len(orgs)],
                description="Сеть для нагрузочных испытаний.")
        for i in range(have, want))
    events = []
    for network in networks:
        for k in range(30):
            day = today - datetime.timedelta(days=45 * k + rng.randint(0, 20))
            events.append(NetworkEvent(network=network, kind=EventKind.SEMINAR,
                                       title=f"Сетевой семинар № {k + 1}", starts_at=_aware(day),
                                       place="онлайн"))
    events = NetworkEvent.objects.bulk_create(events, batch_size=1000)
    EventOrganiser.objects.bulk_create(
        [EventOrganiser(event=e, person=people[(i * 7) % len(people)],
                        organisation=orgs[(i * 7) % len(orgs)]) for i, e in enumerate(events)],
        batch_size=1000)
    joined = _aware(today - datetime.timedelta(days=400))
    NetworkMember.objects.bulk_create(
        [NetworkMember(network=network, person=people[(n * 10 + k) % len(people)],
                       role=MemberRole.COORDINATOR if k == 0 else MemberRole.MEMBER,
                       status=MemberStatus.ACTIVE, joined_at=joined)
         for n, network in enumerate(networks)
         for k in range(min(10, len(people)))], batch_size=1000, ignore_conflicts=True)
    now = timezone.now()
    EventRegistration.objects.bulk_create(
        [EventRegistration(event=e, person=people[(i * 3 + k) % len(people)],
                           organisation=orgs[(i * 3 + k) % len(orgs)],
                           attended=e.starts_at < now)
         for i, e in enumerate(events) for k in range(min(5, len(people)))],
        batch_size=1000, ignore_conflicts=True)
    MethodicalProduct.objects.bulk_create(
        [MethodicalProduct(kind=ProductKind.ARTICLE, title=f"Статья о сетевом опыте № {i + 1}",
                           description="Методическая сеть и смысловое чтение: опыт школы.",
                           organisation=orgs[i % len(orgs)], year=2019 + i % 5,
                           status=ProductStatus.PUBLISHED)
         for i in range(have * 10, want * 10)], batch_size=1000)
