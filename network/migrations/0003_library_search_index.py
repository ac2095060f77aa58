"""A GIN index on the ideas library's full-text search expression, on PostgreSQL only.

The expression is built by ``network.queries.library_search_vector`` (title, description and
authors, ``russian`` configuration), so the index and the query use the same SQL. SQLite has no
full-text search of this kind: the library falls back to ``icontains`` there.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "product_search_ru_gin"


def _index():
    # Keep in step with network.queries.library_search_vector().
    return GinIndex(
        SearchVector("title", "description", "authors_text", config="russian"), name=INDEX_NAME
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("network", "MethodicalProduct"), _index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("network", "MethodicalProduct"), _index())


class Migration(migrations.Migration):
    dependencies = [("network", "0002_networks")]

    operations = [migrations.RunPython(create, drop)]
