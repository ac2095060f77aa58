"""The ideas library's search vector as a stored generated column, with a GIN index on PostgreSQL.

``MethodicalProduct.search_vector`` is ``network.search.library_search_vector()`` computed by the
database on every insert and update (the same expression the expression index of 0003 was
built on, so ranks stay what they were). Adding the column computes it for the existing rows.
Searches now filter and rank on the column, so the expression index of 0003 is replaced by an
index on the column. SQLite stores NULL in the column and gets no index (no full-text search
there: the library falls back to ``contains``).
"""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

import network.search

OLD_INDEX = "product_search_ru_gin"
INDEX = "product_search_vector_gin"


def _old_index():
    return GinIndex(SearchVector("title", "description", "authors_text", config="russian"),
                    name=OLD_INDEX)


def _index():
    return GinIndex(fields=["search_vector"], name=INDEX)


def index_the_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        model = apps.get_model("network", "MethodicalProduct")
        schema_editor.remove_index(model, _old_index())
        schema_editor.add_index(model, _index())


def index_the_expression(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        model = apps.get_model("network", "MethodicalProduct")
        schema_editor.remove_index(model, _index())
        schema_editor.add_index(model, _old_index())


class Migration(migrations.Migration):
    dependencies = [("network", "0003_library_search_index")]

    operations = [
        migrations.AddField(
            model_name="methodicalproduct",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=network.search.LibrarySearchVector(
                    "title", "description", "authors_text", config="russian"),
                output_field=django.contrib.postgres.search.SearchVectorField(),
                verbose_name="search vector",
            ),
        ),
        migrations.RunPython(index_the_column, index_the_expression),
    ]
