"""The Celery application. Tasks live in each app's ``tasks.py``."""

import os

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project_office.settings")

app = Celery("project_office")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def _forget_cached_content_types(**kwargs):
    """A long-lived worker caches content type ids; after a database is restored (or a test
    database flushed) those rows may have new ids, and an audit record would point nowhere."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
