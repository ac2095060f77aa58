"""The pages the benchmark measures (``make bench``), and who looks at them.

A page whose URL cannot be built yet (its feature is not there) is reported as missing
rather than silently dropped. Objects are picked deterministically, so the same page is
measured at every scale.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.second_factor.services import SESSION_STEP
from initiatives.models import Initiative
from network.models import Network

# a word of the library's texts at every scale (the demo's and the generated products')
LIBRARY_QUERY = "чтение"
NETWORK = "cio-sosh-7"


@dataclass
class BenchPage:
    name: str
    label: str
    login: str | None
    url: Callable[[], str]


def client_of(login):
    """A test client signed in as ``login`` (a guest for None) with the second factor counted
    as given, as after the code: the probes measure the pages, not the sign-in."""
    client = Client(HTTP_HOST="127.0.0.1")
    if login:
        client.force_login(User.objects.get(username=login))
        session = client.session
        session.pop(SESSION_STEP, None)
        session.save()
    return client


def _card_with_reviews():
    """The first initiative (by pk) with at least two submitted reviews."""
    pk = (Initiative.objects.annotate(n=Count("expert_assignments__review", filter=Q(
        expert_assignments__review__state="submitted"))).filter(n__gte=2)
        .order_by("pk").values_list("pk", flat=True).first())
    if pk is None:
        raise LookupError("no initiative has two submitted reviews")
    return reverse("initiatives:detail", kwargs={"pk": pk})


def _card_with_answers():
    """The demo's card answering 30 questions of its call (``seed_demo --scale``)."""
    pk = (Initiative.objects.annotate(n=Count("answers")).filter(n__gte=30).order_by("pk")
          .values_list("pk", flat=True).first())
    if pk is None:
        raise LookupError("no initiative answers 30 questions of a call")
    return reverse("initiatives:detail", kwargs={"pk": pk})


def _network():
    if not Network.objects.filter(slug=NETWORK).exists():
        raise LookupError(f"no network {NETWORK}")
    return reverse("network:network", kwargs={"slug": NETWORK})


PAGES = [
    BenchPage("sign_in", "sign-in page (ceiling)", None, lambda: reverse("accounts:login")),
    BenchPage("registry", "registry of initiatives, 50 rows (office staff)", "staff",
              lambda: reverse("initiatives:list")),
    BenchPage("initiative_card", "an initiative's card with its reviews (office staff)", "staff",
              _card_with_reviews),
    BenchPage("card_30_answers", "a card answering 30 questions of its call (office staff)",
              "staff", _card_with_answers),
    BenchPage("dashboard", "the head's dashboard (figures kept 5 minutes)", "head",
              lambda: reverse("dashboard")),
    BenchPage("home_head", "the head's home page", "head",
              lambda: reverse("home")),
    BenchPage("network", "a network's page (a member of it)", "team", _network),
    BenchPage("library_search", f"ideas library search «{LIBRARY_QUERY}» (guest)", None,
              lambda: reverse("network:library") + "?" + urlencode({"q": LIBRARY_QUERY})),
]
