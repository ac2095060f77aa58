"""``manage.py bench_probe OUT.json``: the benchmark's pages, their URLs and SQL query counts.

For each page it makes one cold and three warm requests with Django's test client as the
page's user and records the warm query count, the status and the size. ``bench/bench.py``
then loads the same URLs over HTTP with wrk.
"""

import json
import re
from collections import Counter

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch

from reports.bench import PAGES, client_of


class Command(BaseCommand):
    help = "Lists the benchmark pages with their SQL query counts (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("out")

    def handle(self, *args, out, **options):

        result = {}
        for page in PAGES:
            try:
                url = page.url()
            except (NoReverseMatch, LookupError) as e:
                result[page.name] = {"missing": f"{e.__class__.__name__}: {e}"}
                self.stdout.write(f"{page.name:16} not measured: {result[page.name]['missing']}")
                continue
            client = client_of(page.login)
            client.get(url)  # cold: caches, ContentTypes
            counts = []
            for _ in range(3):
                with CaptureQueriesContext(connection) as ctx:
                    response = client.get(url)
                counts.append(len(ctx.captured_queries))
            shapes = Counter(_shape(q["sql"]) for q in ctx.captured_queries)
            result[page.name] = {"url": url, "login": page.login, "status": response.status_code,
                                 "queries": max(counts), "bytes": len(response.content),
                                 "label": page.label,
                                 "repeated": [(sql, n) for sql, n in shapes.most_common(5) if n > 1],
                                 "sql": [q["sql"][:300] for q in ctx.captured_queries]}
            self.stdout.write(f"{page.name:16} {response.status_code} {max(counts):3} queries  {url}")
        with open(out, "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)


def _shape(sql):
    """A statement with its literals taken out, so repeats of one query show as one shape."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)
