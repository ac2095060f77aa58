"""``manage.py bench_walk OUT.json``: every page of the portal (``reports.walk``), who may open
it, and its SQL query count for each of them.

For each page and each demo sign-in (and a guest) it makes one cold and two warm requests with
Django's test client; a viewer is one who gets 200. ``bench/pages.py`` then times the same URLs
over HTTP through gunicorn.

Exports and feeds (``reports.walk.is_export``) are judged by other targets: whether the answer
is streamed, and the peak of the memory Python allocates while it is made and sent (tracemalloc,
the body read chunk by chunk and dropped as a server does), which must stay flat as rows grow.
"""

import json
import tracemalloc

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.bench import client_of
from reports.walk import VIEWERS, is_export, pages


def body_size(response):
    """The answer's length, read as a server reads it (a streamed one chunk by chunk)."""
    if not response.streaming:
        return len(response.content)
    size = sum(len(chunk) for chunk in response.streaming_content)
    response.close()
    return size


def memory_peak(client, url):
    """The peak of Python's allocations (KB) while the page is made and its body read."""
    tracemalloc.start()
    try:
        body_size(client.get(url))
        return tracemalloc.get_traced_memory()[1] // 1024
    finally:
        tracemalloc.stop()


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
                        streamed = response.streaming
                        size = body_size(response)  # a streamed answer queries as it is read
                    counts.append(len(ctx.captured_queries))
                figures = {"queries": max(counts), "bytes": size}
                if is_export(page.url):
                    figures.update(streamed=streamed, peak_kb=memory_peak(client, page.url))
                viewers[login or "guest"] = figures
            result["pages"][page.name] = {"url": page.url, "viewers": viewers}
            self.stdout.write(f"{page.name:40} {page.url:50} "
                              + " ".join(f"{v}:{d['queries']}" for v, d in viewers.items()))
        for name, why in missing.items():
            self.stdout.write(f"{name:40} not measured: {why}")
        with open(out, "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)
