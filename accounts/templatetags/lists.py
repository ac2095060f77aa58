"""Helpers of the long lists' filter forms (``templates/includes/list_filters.html``)."""

from django import template

register = template.Library()

NOT_FILTERS = ("ordering", "page")


def _active(form, names):
    data = form.data if form.is_bound else {}
    count = 0
    for name in names:
        if name in NOT_FILTERS:
            continue
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        if any(str(v).strip() for v in values if v is not None):
            count += 1
    return count


@register.simple_tag
def active_filter_count(form, start=0):
    """How many filters of the form are set (the sort order is not a filter); from the
    ``start``-th field on when given (those behind «More filters»)."""
    return _active(form, list(form.fields)[start:])
