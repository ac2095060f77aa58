"""The demo expertise: disagreement, open recommendations, expert on СОШ № 7 only, a PDF."""

import pytest
from django.core.management import call_command

from accounts.models import ExpertPosition, User
from expertise import queries as expertise_queries
from expertise.models import Conclusion, Review, ThreadMessage
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def test_the_demo_expertise_is_built_once_and_shows_each_case(demo):
    counts = (Review.objects.count(), ThreadMessage.objects.count(), Conclusion.objects.count(),
              ExpertPosition.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Review.objects.count(), ThreadMessage.objects.count(), Conclusion.objects.count(),
            ExpertPosition.objects.count()) == counts == (3 + 4, 5, 1, 5)  # + 4 drafts of today
    kindergarten = Initiative.objects.get(title="Детский сад — пространство инициатив")
    table = expertise_queries.review_table(kindergarten)
    assert (table["disagreement"], len(table["columns"])) == (True, 2)
    net7 = Initiative.objects.get(
        title="Методическая сеть учителей естественно-математического цикла")
    assert expertise_queries.open_recommendations(initiatives=[net7]).count() == 2
    expert, expert2 = User.objects.get(username="expert"), User.objects.get(username="expert2")
    orgs = set(Initiative.objects.filter(expert_assignments__expert=expert)
               .values_list("organisation__short_name", flat=True))
    assert orgs == {"МБОУ СОШ № 7"}
    assert not Initiative.objects.filter(expert_assignments__expert=expert2,
                                         organisation__short_name="МБОУ СОШ № 7").exists()
    conclusion = Conclusion.objects.get()
    assert (conclusion.state, conclusion.initiative, bool(conclusion.pdf)) == (
        "issued", kindergarten, True)
