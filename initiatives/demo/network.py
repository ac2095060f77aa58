"""Links of the demo initiatives to the demo networks, then the networks' health.

Runs after ``initiatives.demo`` (the network app is below initiatives, so the links are set
from here). «Чайковское метро» gets its founding project, which ended on 31.05.2021.
"""

import datetime

from initiatives import demo
from initiatives.models import Initiative, StrategyGoal
from network import services as network_services
from network.models import MethodicalProduct, Network

METRO_PROJECT = ("«Чайковское метро» или сетевое взаимодействие образовательных организаций "
                 "Чайковского городского округа по достижению метапредметного результата "
                 "«смысловое чтение»")
# initiative title: network slug (born in it)
BORN_IN = {
    "Методическая сеть учителей естественно-математического цикла":
        "rc-estestvenno-matematicheskiy",
    "Методическая сеть педагогов дополнительного образования": "cio-sosh-7",
    f"{demo.LIFT} (МБОУ СОШ № 7)": "cio-sosh-7",
    "Миссия выполнима: как повысить качество образования в основной и старшей школе?.!":
        "cio-sosh-10",
    "От инициативы ФГОС 4.0 к «4К» компетенциям": "cio-gimnaziya",
}
# initiative title: library product title (the project's methodical product)
PRODUCTS = {
    "PROкачество+ или совершенствование качества дошкольного образования":
        "Внутренняя система оценки качества дошкольного образования: методические рекомендации",
    "Детский сад — пространство инициатив": "Методическая разработка «Клубный час»",
    "Методическая сеть педагогов дополнительного образования":
        "Методическая сеть педагогов дополнительного образования: модель взаимодействия",
}


def seed(ctx):
    people, orgs = ctx.people, ctx.organisations
    metro = Network.objects.get(slug="chaikovskoe-metro")
    project = Initiative.objects.filter(title=METRO_PROJECT).first()
    if project is None:
        directions = ctx.extra.get("directions") or []
        texts = demo._generic("достижение метапредметного результата «смысловое чтение»",
                              "сеть школ", "Маршруты «Чайковского метро» и банк открытых уроков")
        project = demo._build(orgs["МБОУ СОШ № 1"], METRO_PROJECT, people["team2"],
                              [people["nikitina"]], directions[2],
                              list(StrategyGoal.objects.order_by("order")[:3]), 2019, texts)
        Initiative.objects.filter(pk=project.pk).update(ends_on=datetime.date(2021, 5, 31))
        project.refresh_from_db()
        demo._walk(project, demo.FINISHED, 2019, team_member=people["team2"],
                   staff=people["staff"], head=people["head"])
    Initiative.objects.filter(pk=project.pk).update(founds_network=metro, network=metro)
    for title, slug in BORN_IN.items():
        Initiative.objects.filter(title=title).update(network=Network.objects.get(slug=slug))
    for title, product in PRODUCTS.items():
        initiative = Initiative.objects.filter(title=title).first()
        if initiative is not None:
            initiative.library_products.add(*MethodicalProduct.objects.filter(title=product))
    network_services.compute_all_health()
