"""Mixed load for ``make load``: 50 people for 3 minutes against the portal on 127.0.0.1.

Teams edit their drafts with autosave, experts open their assignments, staff browse the
registry, the head looks at the dashboards and reports, guests search the public pages. Pages
whose feature is not built yet are skipped (listed by ``bench/load.py``).
"""

import itertools
import os
import re

from locust import HttpUser, between, task

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision"[^>]*value="(\d+)"')
ORG = re.compile(r'<option value="(\d+)"')
LINK = re.compile(r'href="(/initiatives/\d+/)"')
PASSWORD = os.environ.get("LOAD_PASSWORD", "demo")
SEARCHES = ["методической сети", "смыслового чтения", "качества образования", "проектный офис"]
counter = itertools.count()


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
                r.failure(f"sign-in answered {r.status_code}")

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
    weight = 10
    login = "expert"

    @task(3)
    def open_assignment(self):
        home = self.client.get("/home/", name="home")
        links = LINK.findall(home.text)
        if links:
            self.client.get(links[0], name="initiative card")

    @task(1)
    def registry(self):
        self.client.get("/initiatives/", name="registry")


class Staff(PortalUser):
    weight = 10
    login = "staff"

    @task(3)
    def registry(self):
        self.client.get("/initiatives/?sort=-updated_at", name="registry")

    @task(2)
    def registry_filtered(self):
        self.client.get("/initiatives/?state=in_progress", name="registry filtered")

    @task(1)
    def organisations(self):
        self.client.get("/network/organisations/", name="organisations")

    @task(1)
    def card(self):
        page = self.client.get("/initiatives/", name="registry")
        links = LINK.findall(page.text)
        if links:
            self.client.get(links[len(links) // 2], name="initiative card")


class Head(PortalUser):
    weight = 5
    login = "head"

    @task(3)
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
