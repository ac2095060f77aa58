"""Reads shared by the pages of the accounts app; each makes a fixed number of queries."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from accounts.models import AuditRecord, Notification


def first_rows(rows, limit):
    """The first ``limit`` of ``rows`` read with ``limit + 1`` of them, and whether there are
    more: a page shows a short list and links to the whole of it without counting it."""
    return rows[:limit], len(rows) > limit


def first_rows_counted(queryset, limit):
    """The first ``limit`` rows of ``queryset`` and how many it has: read with ``limit + 1``
    rows, counted by a second query only when there are more."""
    rows, more = first_rows(list(queryset[:limit + 1]), limit)
    return rows, queryset.order_by().count() if more else len(rows)


def count_in(rows, key):
    """How many of ``rows`` point at the outer row through ``key``, as a subquery: PostgreSQL
    counts for the rows of the page it returns, where a joined ``Count`` counted every row's
    rows before the page was cut (a list of fifty among thousands)."""
    counted = (rows.filter(**{key: OuterRef("pk")}).order_by().values(key)
               .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted), 0)


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user):
    return Notification.objects.filter(recipient=user).select_related("actor")


def audit_log():
    return AuditRecord.objects.select_related("actor", "content_type").order_by("-at", "-pk")


def audited_object_types():
    """Content types of the portal's own apps, for the audit log filter."""
    return ContentType.objects.exclude(
        app_label__in=["admin", "auth", "contenttypes", "sessions", "axes"]
    ).order_by("app_label", "model")
