"""The pages the benchmark measures (``make bench``), and who looks at them.

A page whose URL cannot be built yet (its feature is not there) is reported as missing
rather than silently dropped.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass
class BenchPage:
    name: str
    label: str
    login: str | None
    url: Callable[[], str]


PAGES = [
    BenchPage("sign_in", "sign-in page (ceiling)", None, lambda: reverse("accounts:login")),
    BenchPage("home_staff", "home page of office staff", "staff", lambda: reverse("home")),
    BenchPage("organisations", "organisations list", "staff",
              lambda: reverse("network:organisation_list")),
]
