"""Hostile payloads into every form of the portal: no server error, nothing comes back unescaped.

Generic on purpose: it walks the GET rows of the access matrix, so the forms later issues add
are covered without touching this file. For each page an actor may open (200), every form is
parsed with the standard library, each text-like field gets the payload, and the form is sent
(with its CSRF token). The response, and the page it redirects to, must not be a 5xx and must
not contain the script tag unescaped.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives.models import WordCardImport
from tests.test_access_matrix import MATRIX

SCRIPT = "<script>alert(1)</script>"
PAYLOADS = {
    "script": SCRIPT,
    "sql": "'; DROP TABLE accounts_user; --",
    "overlong": "Я" * 100_000,
    "null": "abc\x00def",
    "rtl": "\u202eтекст справа налево",
    "huge-number": "99999999999999999999999",
    "iso-date-9999": "9999-12-31",
    "ru-date-9999": "31.12.9999",
}
# The actors whose pages are walked: a guest, a school team, office staff, the office head.
ACTORS = ("anon", "team_own", "staff", "head")
TEXT_INPUTS = {"text", "textarea", "number", "date", "datetime-local", "email", "url", "search", "tel",
               "password", "time", "month", "select"}
# Forms that only switch the language or sign out are left alone.
SKIP_ACTIONS = ("/i18n/setlang/", "/accounts/logout/")


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "method": (a.get("method") or "get").lower(),
                               "fields": []})
        elif not self.forms:
            return
        elif tag in ("input", "textarea", "select") and a.get("name"):
            kind = tag if tag != "input" else (a.get("type") or "text").lower()
            field = {"name": a["name"], "type": kind, "value": a.get("value") or "",
                     "checked": "checked" in a}
            self.forms[-1]["fields"].append(field)
            if tag == "select":
                self._select = field

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def forms_of(html):
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def hostile_data(form, payload):
    data = {}
    for f in form["fields"]:
        if f["type"] in TEXT_INPUTS:
            data[f["name"]] = payload
        elif f["type"] == "hidden":
            data[f["name"]] = f["value"]
        elif f["type"] in ("checkbox", "radio") and (f["checked"] or f["type"] == "checkbox"):
            data[f["name"]] = f["value"] or "on"
    return data


def _assert_safe(response, where):
    assert response.status_code < 500, where
    body = response.content.decode(errors="replace") if response.get("Content-Type", "").startswith(
        ("text/", "application/json")) else ""
    assert SCRIPT not in body, where


GET_ROWS = [row for row in MATRIX if row.method == "get"]


def _is_page(response, url):
    """Whether a followed answer ended on the page ``url`` (the same path and query)."""
    if not response.redirect_chain:
        return False
    final = urlsplit(response.request["PATH_INFO"] + "?" + response.request.get("QUERY_STRING", ""))
    page = urlsplit(url)
    return (final.path, final.query) == (page.path, page.query)


def send_hostile_payloads(row, world, client):
    """Walk one matrix row; returns the (actor, method, form target) it filled."""
    sent = []
    for actor in ACTORS:
        if row.expected.get(actor) != 200:
            continue
        client.logout()
        if actor != "anon":
            client.force_login(world.people[actor])
        url = reverse(row.name, kwargs=row.kwargs(world) if row.kwargs else None)
        page = client.get(url)
        if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
            continue
        for form in forms_of(page.content.decode()):
            target = urljoin(url, form["action"]) if form["action"] else url
            if urlsplit(target).path.startswith(SKIP_ACTIONS):
                continue
            if not any(f["type"] in TEXT_INPUTS for f in form["fields"]):
                continue  # nothing to type into (a button like «Mark all as read»)
            unseen = []  # payloads whose answer was not the page the form came from
            for kind, payload in PAYLOADS.items():
                where = f"{row.name} as {actor}: {form['method'].upper()} {target} with {kind}"
                data = hostile_data(form, payload)
                if form["method"] == "post":
                    response = client.post(target, data, follow=True)
                else:
                    response = client.get(target, data, follow=True)
                _assert_safe(response, where)
                # what was stored shows escaped on the page the form came from
                if response.status_code >= 400 or _is_page(response, url):
                    continue  # refused, or that page is the answer: checked above
                if response.redirect_chain:
                    _assert_safe(client.get(url), f"{where}, page shown again")
                else:
                    unseen.append(where)
            # A form shown again with its errors stored nothing; the page is looked at once
            # after all of them, in case one did.
            if unseen:
                _assert_safe(client.get(url), f"{', '.join(unseen)}; page shown again")
            sent.append((actor, form["method"], urlsplit(target).path))
    return sent


@pytest.fixture
def expertise_world(module_world):
    """One world for the whole module, each test in a savepoint (see ``_module_world``)."""
    return module_world


@pytest.fixture
def world(module_world):
    return module_world


@pytest.mark.parametrize("row", GET_ROWS, ids=lambda r: r.name)
def test_hostile_payloads_in_every_form(row, expertise_world, client):
    send_hostile_payloads(row, expertise_world, client)


# JSON views that take typed text (the walker reads only HTML forms): the view, its kwargs and
# the parameter that gets every payload
JSON_VIEWS = [
    ("initiatives:list_choices", {"field": "organisation"}, "q"),
    ("initiatives:list_choices", {"field": "network"}, "q"),
    ("initiatives:list_choices", {"field": "leader"}, "q"),
    ("initiatives:list_choices", {"field": "expert"}, "q"),
    ("initiatives:portfolio_registry_choices", {"field": "organisation"}, "q"),
    ("network:library_choices", {"field": "organisation"}, "q"),
    ("meetings:choices", {"field": "initiative"}, "q"),
    ("meetings:choices", {"field": "presenter"}, "q"),
    ("network:network_choices", {"field": "coordinators"}, "q"),
    ("network:invite_choices", {"field": "organisation"}, "q"),
    ("reports:request_choices", {"field": "organisation"}, "q"),
]
# the JSON views that answer with people (the stored script is a person's name)
PEOPLE_FIELDS = ("leader", "presenter", "coordinators")


@pytest.mark.parametrize(("name", "kwargs", "param"), JSON_VIEWS,
                         ids=lambda v: v if isinstance(v, str) else "-".join(v.values()))
def test_hostile_payloads_in_the_json_views(name, kwargs, param, world, client):
    from tests.factories import InitiativeFactory, UserFactory

    # the network's form is the staff's (and its coordinators'), not the head's
    client.force_login(world.staff if name == "network:network_choices" else world.head)
    url = reverse(name, kwargs=kwargs)
    for kind, payload in PAYLOADS.items():
        response = client.get(url, {param: payload})
        _assert_safe(response, f"{url} with {kind}")
        assert response.json() == {"results": []}, f"{url} with {kind}"
    # a leader whose name is the script: found by a word of it, it must come back escaped
    InitiativeFactory(organisation=world.own_org,
                      leader=UserFactory(last_name=SCRIPT, first_name="alert", patronymic=""))
    response = client.get(url, {param: "alert"})
    _assert_safe(response, f"{url} finding the stored script")
    assert len(response.json()["results"]) == (kwargs["field"] in PEOPLE_FIELDS)


def test_the_walker_reaches_the_forms_of_the_accounts_pages(world, client):
    rows = {r.name: r for r in GET_ROWS}
    reached = {name: send_hostile_payloads(rows[name], world, client)
               for name in ("accounts:login", "accounts:profile", "accounts:notification_settings",
                            "accounts:audit_log")}
    assert reached == {
        "accounts:login": [("anon", "post", "/accounts/login/")],
        "accounts:profile": [(a, "post", "/accounts/profile/") for a in ("team_own", "staff", "head")],
        "accounts:notification_settings": [
            (a, "post", "/accounts/notifications/settings/") for a in ("team_own", "staff", "head")],
        "accounts:audit_log": [("head", "get", "/accounts/audit/")],
    }


def test_the_walker_finds_and_fills_the_forms_it_should(world, client):
    """A check of the walker itself: the sign-in page has one form with two text-like fields."""
    html = client.get(reverse("accounts:login")).content.decode()
    forms = [f for f in forms_of(html) if f["method"] == "post" and not f["action"].startswith("/i18n/")]
    [form] = forms
    assert hostile_data(form, "x") == {
        "csrfmiddlewaretoken": form["fields"][0]["value"], "username": "x", "password": "x"}


def test_a_stored_script_comes_back_escaped(world, client):
    client.force_login(world.team_own)
    response = client.post(reverse("accounts:profile"), {
        "last_name": SCRIPT, "first_name": "Анна", "patronymic": "", "email": "anna@example.org",
        "phone": "\u202e+7 900"}, follow=True)
    html = response.content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    world.team_own.refresh_from_db()
    assert world.team_own.last_name == SCRIPT


def test_overlong_and_null_input_gets_a_russian_message_and_keeps_the_rest(world, client):
    client.force_login(world.team_own)
    response = client.post(reverse("accounts:profile"), {
        "last_name": "Я" * 100_000, "first_name": "Анна\x00", "patronymic": "Ильинична",
        "email": "anna@example.org", "phone": ""})
    form = response.context["form"]
    assert form.errors["last_name"] == [
        "Убедитесь, что это значение содержит не более 150 символов (сейчас 100000)."]
    assert form.errors["first_name"] == ["Данные содержат запрещённый символ: ноль-байт"]
    assert 'value="Ильинична"' in response.content.decode()


# Upload forms that take only a file (the walker fills text-like fields): every payload goes in
# as the uploaded file's name and as its content; the answer is the form again with a message.
UPLOAD_VIEWS = [
    ("initiatives:wordcard_new", lambda w: None),
    ("initiatives:wordcard_fill", lambda w: {"pk": w.initiative.pk}),
]


@pytest.mark.parametrize(("name", "kwargs"), UPLOAD_VIEWS, ids=lambda v: v if isinstance(v, str)
                         else "")
def test_hostile_payloads_as_uploaded_files(name, kwargs, world, client):
    client.force_login(world.team_own)
    url = reverse(name, kwargs=kwargs(world))
    before = WordCardImport.objects.count()
    for kind, payload in PAYLOADS.items():
        for upload in (SimpleUploadedFile(f"{payload[:200]}.docx", b"%PDF-1.4\n" + b"0" * 100),
                       SimpleUploadedFile("card.docx", payload.encode())):
            response = client.post(url, {"file": upload}, follow=True)
            _assert_safe(response, f"{url} with {kind} in {upload.name[:20]}")
            assert response.status_code == 200, kind
            assert response.context["form"].errors["file"], kind
    assert WordCardImport.objects.count() == before
