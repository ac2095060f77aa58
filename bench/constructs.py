"""A/B of the speed constructs of issue 20 (item 5) in one process: is each worth its code?

The machine is shared, so two processes (or two servers) drift apart by more than the effects
measured here (an A/A of two processes differed by 20 %). Instead one process holds both ways
and switches between them: request by request (A, B, B, A, …) for the constructs of rendering,
in blocks of BLOCK requests for the collector's settings (they act over many requests). A
page's figure is the median of the requests (and the median of the blocks' means for gc).
The share is the median over the pairs (a request or block each way, one right after the
other) of (plain − construct) / plain: what the construct saves of its page.

The way B of each tag is Django's plain one: the tree's own template with the tag replaced by
an include (of ``bench/plain_templates/``, or the tree's ``includes/nav_items.html``). The
switches of the constructs folded back (FastTextInput, FastCSVSelect, gc in-process) need
commit 56a8b36, where they still exist. In a services.sh shell, after ``migrate`` and
``seed_demo --fixed-day --scale 10``, with the environment of ``bench/bench.py``'s
``django_env`` (production settings, DEBUG off):

    .venv/bin/python bench/constructs.py CONSTRUCT [page ...]

A page is a bench page's name (``registry``, ``initiative_card``, …) or ``login:/path/``.
Knobs: AB_REPS (150 requests each way), AB_BLOCK (40). Table: bench/results/constructs.md.
"""

import gc
import json
import os
import re
import statistics
import sys
import time
from functools import partialmethod
from pathlib import Path

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project_office.settings")
from django import forms  # noqa: E402
from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import models  # noqa: E402
from django.template import Template, engines  # noqa: E402
from django.test.html import parse_html  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

import project_office.wsgi  # noqa: E402, F401 - django.setup() and the gc settings of wsgi.py
from reports.bench import PAGES, client_of  # noqa: E402

REPS = int(os.environ.get("AB_REPS", "150"))
PLAIN = Path(__file__).resolve().parent / "plain_templates"
BLOCK = int(os.environ.get("AB_BLOCK", "40"))


def template_switch(name, tag, include):
    """Ways A (the tree's template, with the tag) and B (Django's plain way: the same template
    with the tag's ``{% ... %}`` replaced by ``include``, whose template is in
    ``bench/plain_templates/``), swapped in the cached loader."""
    engine = engines["django"].engine
    loader = engine.template_loaders[0]
    real = engine.get_template(name)
    partial = re.search(r'include "([^"]+)"', include).group(1)
    if (PLAIN / partial).exists():  # the include of way B, known to the loader under its name
        loader.get_template_cache[partial] = Template((PLAIN / partial).read_text(), None,
                                                      partial, engine)
    plain, found = re.subn(r"\{%\s*" + tag + r"\b[^%]*%\}", include, real.source)
    assert found, (name, tag)
    ways = {"A": real, "B": Template(plain, real.origin, name, engine)}

    def use(way):
        loader.get_template_cache[name] = ways[way]
    return use


def widgets_switch(text=True, selects=True, csv=True):
    from accounts import widgets
    from initiatives.filters import InitiativeFilter

    fast = dict(widgets._FAST_WIDGETS)
    ordering = InitiativeFilter.base_filters["ordering"].extra
    bases = {widgets.AutocompleteSelect: widgets.AutocompleteSelect.__bases__,
             widgets.MultiChoiceSelect: widgets.MultiChoiceSelect.__bases__}
    plain_bases = {widgets.AutocompleteSelect: (forms.Select,),
                   widgets.MultiChoiceSelect: (forms.SelectMultiple,)}
    auto_render = widgets.AutocompleteSelect.render

    def plain_optgroups(self, name, value, attrs=None):  # as the fold-back writes it
        options = list(widgets.AutocompleteSelect.options_to_render(self, set(value)))
        group, has_selected = [], False
        for index, (option_value, label) in enumerate(options):
            selected = not has_selected and str(option_value) in value
            has_selected |= selected
            group.append(self.create_option(name, option_value, label, selected, index,
                                            attrs=attrs))
        return [(None, group, 0)]

    def use(way):
        widgets._FAST_WIDGETS.clear()
        widgets._FAST_WIDGETS.update(fast)
        if way == "B" and text:
            widgets._FAST_WIDGETS.pop(forms.TextInput)
        if way == "B" and selects:
            widgets._FAST_WIDGETS.pop(forms.Select)
            widgets._FAST_WIDGETS.pop(forms.SelectMultiple)
            if csv:
                ordering.pop("widget", None)
            for cls, b in plain_bases.items():
                cls.__bases__ = b
            widgets.AutocompleteSelect.optgroups = plain_optgroups
        elif selects:
            ordering["widget"] = widgets.FastCSVSelect
            for cls, b in bases.items():
                cls.__bases__ = b
            if "optgroups" in widgets.AutocompleteSelect.__dict__:
                del widgets.AutocompleteSelect.optgroups
        assert widgets.AutocompleteSelect.render is auto_render
    return use


def ordering_switch():
    """FastCSVSelect alone: the registry's ordering select, or django-filter's own."""
    from accounts import widgets
    from initiatives.filters import InitiativeFilter

    ordering = InitiativeFilter.base_filters["ordering"].extra

    def use(way):
        if way == "A":
            ordering["widget"] = widgets.FastCSVSelect
        else:
            ordering.pop("widget", None)
    return use


def choices_switch():
    from accounts.choices import ChoiceLabelsMixin

    fields = [(model, f) for model in apps.get_models() if issubclass(model, ChoiceLabelsMixin)
              for f in model._meta.get_fields() if getattr(f, "choices", None)
              and f.concrete and f.model is model]
    assert fields

    def use(way):
        method = (ChoiceLabelsMixin if way == "A" else models.Model)._get_FIELD_display
        for model, f in fields:
            setattr(model, f"get_{f.name}_display", partialmethod(method, field=f))
    return use


def one_query_choices_switch():
    """The list filters' model selects read by one query (A) or by Django's iterator() (B)."""
    from django.forms.models import ModelChoiceIterator

    from accounts.widgets import OneQueryChoices

    own = OneQueryChoices.__iter__

    def use(way):
        OneQueryChoices.__iter__ = own if way == "A" else ModelChoiceIterator.__iter__
    return use


def gc_switch():
    def use(way):
        if way == "A":
            gc.collect()
            gc.freeze()
            gc.set_threshold(50_000, 10, 10)
        else:
            gc.unfreeze()
            gc.set_threshold(700, 10, 10)
            gc.collect()
    return use


SWITCHES = {
    "none": lambda: lambda way: None,  # A/A: the noise of the method
    "FastTextInput": lambda: widgets_switch(text=True, selects=False),
    "FastSelect": lambda: widgets_switch(text=False, selects=True),
    "FastCSVSelect": ordering_switch,
    "FastSelect without FastCSVSelect": lambda: widgets_switch(text=False, csv=False),
    "registry_row": lambda: template_switch(
        "initiatives/initiative_list.html", "registry_row",
        '{% include "includes/registry_row.html" with select=True %}'),
    "history_line": lambda: template_switch("includes/history.html", "history_line",
                                            '{% include "includes/history_line.html" %}'),
    "main_menu": lambda: template_switch("includes/nav.html", "main_menu",
                                         '{% include "includes/nav_items.html" %}'),
    "ChoiceLabelsMixin": choices_switch,
    "gc": gc_switch,
    "OneQueryChoices": one_query_choices_switch,
}


def same(a, b):
    """The same page in both ways, but for the CSRF tokens (masked anew for every response)."""
    a, b = (parse_html(re.sub(r"\b[A-Za-z0-9]{64}\b", "", x.decode())) for x in (a, b))
    return a == b


def measure(construct, specs):
    use = SWITCHES[construct]()
    pages = {p.name: p for p in PAGES}
    rows = []
    for spec in specs:
        if spec in pages:
            login, path = pages[spec].login, pages[spec].url()
        else:
            login, path = spec.split(":", 1)
        client = client_of(login or None)
        html = {}
        for way in "AB":
            use(way)
            for _ in range(3):
                response = client.get(path)
                assert response.status_code == 200, (spec, path, response.status_code)
            html[way] = response.content
        times = {"A": [], "B": []}
        means = {"A": [], "B": []}
        blocks = construct == "gc"
        for r in range(REPS // BLOCK if blocks else REPS):
            for way in ("AB" if r % 2 == 0 else "BA"):
                use(way)
                n = BLOCK if blocks else 1
                t = time.perf_counter()
                for _ in range(n):
                    client.get(path)
                spent = (time.perf_counter() - t) * 1000 / n
                (means if blocks else times)[way].append(spent)
        stat = means if blocks else times
        a, b = statistics.median(stat["A"]), statistics.median(stat["B"])
        # each A beside its B (the same moment of the machine's load): the median of the pairs
        paired = statistics.median((y - x) / y for x, y in zip(stat["A"], stat["B"], strict=True))
        row = {"construct": construct, "page": spec, "with_ms": round(a, 2),
               "without_ms": round(b, 2), "share": round(paired, 4),
               "share_of_minima": round(1 - min(stat["A"]) / min(stat["B"]), 4),
               "same_html": same(html["A"], html["B"]), "n": len(stat["A"]),
               "stat": "median of block means" if blocks else "median of requests"}
        rows.append(row)
        print(f"{construct:18} {spec:40} with {a:7.2f} ms  without {b:7.2f} ms  "
              f"saves {row['share']:6.1%} (minima {row['share_of_minima']:6.1%})  "
              f"same HTML: {row['same_html']}", flush=True)
        print("ROW " + json.dumps(row), flush=True)
    return rows


if __name__ == "__main__":
    storages = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=storages, ALLOWED_HOSTS=["127.0.0.1", "testserver"]):
        measure(sys.argv[1], sys.argv[2:])
