"""Rows of the registry of initiatives, written in Python.

Through the template engine a row of seven cells took ≈ 50 µs, 2.5 ms of a page of fifty
(Django's admin writes its change list's rows in Python for the same reason). The markup is the
template's it replaced: ``tests/test_initiatives_registry.py`` compares them.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html

from accounts.templatetags.portal import state_badge

register = template.Library()


@register.simple_tag
def registry_row(initiative):
    """One ``<tr>`` of ``initiatives/initiative_list.html``."""
    leader = initiative.leader
    return format_html(
        '<tr><td><a href="{}">{}</a></td><td>{}</td>'
        '<td class="d-none d-md-table-cell small">{}</td>'
        '<td class="d-none d-md-table-cell">{}</td>'
        '<td class="d-none d-lg-table-cell">{}</td>'
        "<td>{}</td>"
        '<td class="d-none d-sm-table-cell">{}</td></tr>',
        initiative.get_absolute_url(), initiative.title, initiative.organisation.short_name,
        (initiative.direction.name if initiative.direction_id else "") or "—",
        initiative.academic_year or "—",
        (leader.short_name if leader else "") or "—",
        state_badge(initiative.state, initiative.get_state_display()),
        localize(initiative.open_recommendations))
