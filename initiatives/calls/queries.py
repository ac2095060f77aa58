"""Reads of calls that pages share. Each makes a fixed number of queries."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from initiatives.models import Call, CallExtension, Direction, SubmissionReceipt


def with_directions(calls):
    return calls.prefetch_related(
        Prefetch("directions", queryset=Direction.objects.select_related("portfolio")))


def open_calls(at=None):
    """Calls accepting first submissions now, the nearest deadline first."""
    at = at or timezone.now()
    return with_directions(Call.objects.filter(opens_at__lte=at, closes_at__gte=at)
                            .order_by("closes_at", "pk"))


def public_calls(at=None):
    """Open calls and those to open, for guests and the public feed (no personal data)."""
    at = at or timezone.now()
    return with_directions(Call.objects.filter(closes_at__gte=at).order_by("closes_at", "pk")
                            .only("pk", "title", "academic_year", "opens_at", "closes_at",
                                  "description", "updated_at"))


def staff_list():
    """Every call with the numbers of its cards and submissions, newest first."""
    return with_directions(Call.objects.annotate(
        cards=Count("initiatives", distinct=True),
        submitted=Count("receipts__initiative", distinct=True),
    ).order_by("-opens_at", "-pk"))


def fitting(direction_id, *, at=None):
    """Calls not yet closed that accept a card of this direction (any, when it has none yet)."""
    at = at or timezone.now()
    calls = Call.objects.filter(closes_at__gte=at)
    if direction_id:
        calls = calls.filter(Q(directions=None) | Q(directions=direction_id))
    return calls.distinct().order_by("closes_at", "pk")


def journal(call):
    """The call's journal: every registered submission in the order of its number."""
    return (SubmissionReceipt.objects.filter(call=call)
            .select_related("initiative__organisation", "submitted_by", "version")
            .order_by("number"))


def extensions(call):
    return (CallExtension.objects.filter(call=call)
            .select_related("initiative__organisation", "granted_by").order_by("-until", "pk"))


def receipts_of(initiative):
    return list(SubmissionReceipt.objects.filter(initiative=initiative)
                .select_related("call").order_by("-received_at", "-pk"))


def open_for_home(at=None, limit=5):
    """The open calls a team's home page lists with the time left (one query)."""
    at = at or timezone.now()
    return list(Call.objects.filter(opens_at__lte=at, closes_at__gte=at)
                .only("pk", "title", "academic_year", "closes_at").order_by("closes_at", "pk")[:limit])
