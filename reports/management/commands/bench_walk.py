"""``manage.py bench_walk OUT.json``: every page of the portal (``reports.walk``), who may open
it, and its SQL query count for each of them.

For each page and each demo sign-in (and a guest) it makes one cold and two warm requests with
Django's test client; a viewer is one who gets 200. ``bench/pages.py`` then times the same URLs
over HTTP through gunicorn.
"""

import json

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.bench import client_of
from reports.walk import VIEWERS, pages


class Command(BaseCommand):
    help = "Lists every page with its viewers and SQL query counts (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("out")

    def handle(self, *args, out, **options):
        found, missing = pages()
        clients = {login: client_of(login) for login in VIEWERS}
        result = {"pages": {}, "missing": missing}
        for page in found:
            viewers = {}
            for login, client in clients.items():
                response = client.get(page.url)  # cold: caches, ContentTypes
                if response.status_code != 200:
                    continue
                counts = []
                for _ in range(2):
                    with CaptureQueriesContext(connection) as ctx:
                        response = client.get(page.url)
                    counts.append(len(ctx.captured_queries))
                size = len(response.content) if not response.streaming else None
                viewers[login or "guest"] = {"queries": max(counts), "bytes": size}
            result["pages"][page.name] = {"url": page.url, "viewers": viewers}
            self.stdout.write(f"{page.name:40} {page.url:50} "
                              + " ".join(f"{v}:{d['queries']}" for v, d in viewers.items()))
        for name, why in missing.items():
            self.stdout.write(f"{name:40} not measured: {why}")
        with open(out, "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)
