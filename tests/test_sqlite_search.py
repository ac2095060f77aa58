"""The embedded default (SQLite) folds Cyrillic case in every search and autocomplete.

The suite runs on PostgreSQL (``scripts/services.sh``); ``test_the_sqlite_tests_pass_on_sqlite``
runs the tests of this module marked for SQLite in a child pytest without ``DATABASE_URL``,
so they run on SQLite in every full run. Run alone without the services, they run directly."""

import os
import subprocess
import sys

import pytest
from django.db import connection
from django.db.models.functions import Lower, Upper
from django.urls import reverse

from accounts.enums import OfficeRole
from accounts.sqlite import like
from network.models import Organisation
from tests.factories import InitiativeFactory, OrganisationFactory, person_with_roles
from tests.test_settings import ROOT

on_sqlite = pytest.mark.skipif("DATABASE_URL" in os.environ,
                               reason="runs on SQLite (the child process of the test below)")


@pytest.mark.parametrize(("value", "pattern", "escape", "found"), [
    ("Школа № 7", "%школа%", None, True),
    ("ШКОЛА", "школа", None, True),
    ("школа", "%ШКОЛ_", None, True),
    ("Ёлка", "%ёлк%", None, True),
    ("Гимназия", "%школа%", None, False),
    ("100%", r"%0\%", "\\", True),
    ("1000", r"%0\%", "\\", False),
    ("a_b", r"a\_b", "\\", True),
    ("axb", r"a\_b", "\\", False),
    ("строка\nвторая", "%вторая", None, True),
    ("Straße", "%STRASSE%", None, True),
])
def test_like_folds_case_in_every_alphabet(value, pattern, escape, found):
    assert like(pattern, value, escape) is found


def test_like_with_null_is_null():
    assert (like(None, "x"), like("x", None)) == (None, None)


@on_sqlite
@pytest.mark.django_db
def test_sqlite_lower_case_finds_capitals(client):
    assert connection.vendor == "sqlite"
    OrganisationFactory(short_name="Школа № 5", full_name="МБОУ «Школа № 5»")
    OrganisationFactory(short_name="Гимназия", full_name="МАОУ «Гимназия»")
    assert list(Organisation.objects.filter(short_name__icontains="школа")
                .values_list("short_name", flat=True)) == ["Школа № 5"]
    assert list(Organisation.objects.filter(short_name__contains="ГИМНАЗ")
                .values_list("short_name", flat=True)) == ["Гимназия"]
    assert Organisation.objects.annotate(low=Lower("short_name"), up=Upper("short_name")) \
        .values_list("low", "up").get(short_name="Гимназия") == ("гимназия", "ГИМНАЗИЯ")

    client.force_login(person_with_roles(OfficeRole.OFFICE_STAFF))
    # the autocomplete of the registry's filter, and the registry's search
    response = client.get(reverse("initiatives:list_choices", kwargs={"field": "organisation"}),
                          {"q": "школа"})
    assert [r["text"] for r in response.json()["results"]] == ["Школа № 5"]
    InitiativeFactory(title="Школьная медиация", annotation="Про СЕТЕВОЕ взаимодействие")
    response = client.get(reverse("initiatives:list"), {"q": "школьная"})
    assert [i.title for i in response.context["initiatives"]] == ["Школьная медиация"]
    response = client.get(reverse("initiatives:list"), {"q": "сетевое"})
    assert [i.title for i in response.context["initiatives"]] == ["Школьная медиация"]
    # a number too large for SQLite's integers in a filter's URL is junk, not a 500
    assert client.get(reverse("initiatives:list"),
                      {"leader": "99999999999999999999999"}).status_code == 200


def test_the_sqlite_tests_pass_on_sqlite(tmp_path):
    if "DATABASE_URL" not in os.environ:
        pytest.skip("already on SQLite: the tests above ran directly")
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "CACHE_URL")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_sqlite_search.py", "-q", "-p",
         "no:cacheprovider", "-k", "sqlite_lower_case", f"--basetemp={tmp_path / 'child'}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout
