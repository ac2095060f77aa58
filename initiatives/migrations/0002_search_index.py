"""A GIN index on the registry's full-text search expression, on PostgreSQL only.

The expression is built by ``initiatives.queries.search_vector`` (title and annotation,
``russian`` configuration), so the index and the query use exactly the same SQL. SQLite has no
full-text search of this kind: the registry falls back to ``icontains`` there.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "initiative_search_ru_gin"


def _index():
    # Keep in step with initiatives.queries.search_vector().
    return GinIndex(SearchVector("title", "annotation", config="russian"), name=INDEX_NAME)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("initiatives", "Initiative"), _index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("initiatives", "Initiative"), _index())


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
