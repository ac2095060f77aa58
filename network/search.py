"""The ideas library's full-text search vector, one definition for the model, its migration and
the queries.

PostgreSQL stores ``to_tsvector('russian', title || ' ' || description || ' ' || authors_text)``
in a generated column (``MethodicalProduct.search_vector``), so a search reads the vector instead
of parsing every product's text again for the filter, the rank and the count. The database
keeps the column in step with every write: domain functions, bulk-created demo data, the admin
and test factories alike. SQLite has no text-search vectors: the column is NULL there and the
library falls back to ``contains`` (``network.queries.search_products``).
"""

from django.contrib.postgres.search import SearchQuery, SearchVector

SEARCH_CONFIG = "russian"
SEARCHED_FIELDS = ("title", "description", "authors_text")


class LibrarySearchVector(SearchVector):
    """``to_tsvector`` of the searched fields on PostgreSQL; NULL on other databases."""

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", []
        return super().as_sql(compiler, connection, **extra_context)


def library_search_vector():
    return LibrarySearchVector(*SEARCHED_FIELDS, config=SEARCH_CONFIG)


class SearchQueryOnce(SearchQuery):
    """``websearch_to_tsquery(…)`` as a scalar subquery, which PostgreSQL evaluates once per
    query (an InitPlan). Written plainly the function is only *stable*, so a sequential scan's
    filter and the rank parsed the searched text again for every row: ≈ 2.6 ms for the ≈ 1,000
    products of the library at 10k initiatives, against ≈ 0.5 ms for the whole search this way.
    """

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, **extra_context)
        return f"(SELECT {sql})", params
