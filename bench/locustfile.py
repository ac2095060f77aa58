"""Mixed load for ``make load``: 50 people for 3 minutes against the portal on 127.0.0.1.

Teams edit their drafts with autosave, experts fill their reviews (scores and comments saved
by autosave, as the review page does), staff browse the registries and cards, the head looks
at the dashboard and the reports, guests search the ideas library. Each person signs in once,
when they arrive (accepting the consent on a first sign-in). ``bench/load.py`` passes the
experts who have a review in progress in LOAD_EXPERTS ("login:initiative id,...").
"""

import itertools
import os
import re

from django_otp.oath import TOTP
from locust import HttpUser, between, task

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision"[^>]*value="(\d+)"')
ORG = re.compile(r'<option value="(\d+)"')
LINK = re.compile(r'href="(/initiatives/\d+/)"')
SCORE = re.compile(r'name="score_(\d+)"')
PASSWORD = os.environ.get("LOAD_PASSWORD", "demo")
EXPERTS = [x for x in os.environ.get("LOAD_EXPERTS", "").split(",") if x]
TOTP_KEY = os.environ.get("LOAD_TOTP_KEY", "")
SECOND_FACTOR = "/accounts/second-factor/"
SEARCHES = ["методической сети", "смыслового чтения", "качества образования", "проектный офис"]
counter = itertools.count()
# the office's accounts load-staff-N and load-head-N (bench/load.py makes LOAD_USERS of each):
# numbered by counters of their own, since the shared one also counts cards opened and searches
# (at 100k it passed 100 and the sign-ins of load-staff-114 found no account)
office_accounts = {"staff": itertools.count(), "head": itertools.count()}


class PortalUser(HttpUser):
    abstract = True
    host = os.environ.get("LOAD_HOST", "http://127.0.0.1:8000")
    wait_time = between(1, 3)
    login = None

    def on_start(self):
        if not self.login:
            return
        page = self.client.get("/accounts/login/", name="sign-in page")
        token = CSRF.search(page.text).group(1)
        with self.client.post("/accounts/login/", name="sign in", allow_redirects=False,
                              data={"csrfmiddlewaretoken": token, "username": self.login,
                                    "password": PASSWORD},
                              headers={"Referer": f"{self.host}/accounts/login/"},
                              catch_response=True) as r:
            if r.status_code != 302:
                r.failure(f"sign-in of {self.login} answered {r.status_code}")
                return
        home = self.client.get("/home/", name="home")
        if SECOND_FACTOR in home.url and TOTP_KEY:  # the office: the code from its app
            self.client.post(SECOND_FACTOR, name="second factor", data={
                "csrfmiddlewaretoken": self.csrf(),
                "code": f"{TOTP(bytes.fromhex(TOTP_KEY)).token():06d}"},
                headers={"Referer": home.url})
            home = self.client.get("/home/", name="home")
        if "/accounts/consent/" in home.url:  # a first sign-in: the consent comes first
            self.client.post("/accounts/consent/", name="consent",
                             data={"csrfmiddlewaretoken": self.csrf(), "agree": "on"},
                             headers={"Referer": home.url})

    def csrf(self):
        return self.client.cookies.get("csrftoken", "")

    def post(self, url, data, name):
        return self.client.post(url, data={**data, "csrfmiddlewaretoken": self.csrf()},
                                headers={"Referer": self.host + url, "HX-Request": "true"},
                                name=name)


class Team(PortalUser):
    weight = 15
    login = "team"

    def on_start(self):
        super().on_start()
        page = self.client.get("/initiatives/new/", name="new initiative form")
        organisation = ORG.search(page.text).group(1)
        n = next(counter)
        created = self.client.post(
            "/initiatives/new/", name="create a draft",
            data={"csrfmiddlewaretoken": self.csrf(), "organisation": organisation,
                  "title": f"Нагрузочный черновик {n}"},
            headers={"Referer": self.host + "/initiatives/new/"})
        self.edit_url = created.url.replace(self.host, "")
        self.revision = REVISION.search(created.text).group(1)
        self.words = 0

    @task(5)
    def autosave(self):
        self.words += 1
        base = self.edit_url.rsplit("edit/", 1)[0]
        response = self.post(base + "autosave/", {
            "revision": self.revision, "title": "Нагрузочный черновик",
            "annotation": "Сетевое взаимодействие школ округа. " * self.words,
            "goal": "Живая методическая сеть.",
        }, name="autosave a draft")
        found = REVISION.search(response.text)
        if found:
            self.revision = found.group(1)

    @task(2)
    def home(self):
        self.client.get("/home/", name="home")

    @task(1)
    def registry(self):
        self.client.get("/initiatives/", name="registry")


class Expert(PortalUser):
    """An expert with a review in progress: opens it, fills the scores and comments (autosave)."""

    weight = 10

    def on_start(self):
        login, _, pk = (EXPERTS[next(counter) % len(EXPERTS)] if EXPERTS else "expert:").partition(":")
        self.login = login
        super().on_start()
        self.review_url, self.criteria, self.round = None, [], 0
        if pk:
            page = self.client.get(f"/initiatives/{pk}/review/", name="review form")
            self.criteria = SCORE.findall(page.text)
            self.review_url = f"/initiatives/{pk}/review/" if self.criteria else None

    @task(4)
    def fill_review(self):
        if not self.review_url:
            self.client.get("/home/", name="home")
            return
        self.round += 1
        data = {"recommendation": "recommend", "summary": "Замысел проработан. " * self.round}
        for k, criterion in enumerate(self.criteria):
            data[f"score_{criterion}"] = str(3 + (self.round + k) % 3)
            data[f"comment_{criterion}"] = "Комментарий эксперта. " * (1 + self.round % 3)
        self.post(self.review_url + "autosave/", data, name="autosave a review")

    @task(1)
    def open_review(self):
        self.client.get(self.review_url or "/home/", name="review form")

    @task(1)
    def registry(self):
        self.client.get("/initiatives/", name="registry")


class Staff(PortalUser):
    weight = 10

    def on_start(self):
        self.login = f"load-staff-{next(office_accounts['staff'])}"  # an authenticator each
        super().on_start()

    @task(3)
    def registry(self):
        self.client.get("/initiatives/?ordering=-updated", name="registry")

    @task(2)
    def registry_filtered(self):
        self.client.get("/initiatives/?state=in_progress", name="registry filtered")

    @task(1)
    def projects(self):
        self.client.get("/initiatives/projects/", name="projects registry")

    @task(1)
    def organisations(self):
        self.client.get("/network/organisations/", name="organisations")

    @task(1)
    def meetings(self):
        self.client.get("/meetings/", name="meetings")

    @task(2)
    def card(self):
        page = self.client.get("/initiatives/", name="registry")
        links = LINK.findall(page.text)
        if links:
            self.client.get(links[next(counter) % len(links)], name="initiative card")


class Head(PortalUser):
    weight = 5

    def on_start(self):
        self.login = f"load-head-{next(office_accounts['head'])}"
        super().on_start()

    @task(3)
    def dashboard(self):
        self.client.get("/dashboard/", name="dashboard")

    @task(2)
    def home(self):
        self.client.get("/home/", name="home")

    @task(1)
    def reports(self):
        self.client.get("/reports/", name="reports")

    @task(1)
    def audit(self):
        self.client.get("/accounts/audit/", name="audit log")


class Guest(PortalUser):
    weight = 10

    @task(2)
    def landing(self):
        self.client.get("/", name="landing")

    @task(3)
    def library(self):
        query = SEARCHES[next(counter) % len(SEARCHES)]
        self.client.get("/network/library/", params={"q": query}, name="library search")

    @task(1)
    def networks(self):
        self.client.get("/network/networks/", name="networks")
