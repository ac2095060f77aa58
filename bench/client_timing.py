"""Median time of 20 GETs of pages with Django's test Client, the HTML size and the SQL count.

A quick before/after check of one page, without gunicorn and wrk (``make bench`` does those).
In a services.sh shell, after ``manage.py migrate`` and ``manage.py seed_demo --scale 100``:

    DEBUG=false .venv/bin/python bench/client_timing.py /initiatives/ /initiatives/projects/

AS_USER names the demo login (default ``staff``).
"""

import os
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project_office.settings")
import django  # noqa: E402

django.setup()
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from reports.bench import client_of  # noqa: E402

storages = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=storages, ALLOWED_HOSTS=["testserver", "127.0.0.1"]):
    client = client_of(os.environ.get("AS_USER", "staff"))  # the second factor counted as given
    for path in sys.argv[1:]:
        for _ in range(3):
            client.get(path)  # warm-up
        times = []
        for _ in range(20):
            t = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - t) * 1000)
        with CaptureQueriesContext(connection) as q:
            response = client.get(path)
        assert response.status_code == 200, response.status_code
        print(f"{path}: median {statistics.median(times):.1f} ms (min {min(times):.1f}, "
              f"max {max(times):.1f}), HTML {len(response.content):,} bytes, "
              f"{len(q.captured_queries)} queries, DEBUG={settings.DEBUG}")
