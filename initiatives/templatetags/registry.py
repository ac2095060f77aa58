"""Rows of the registry of initiatives, written in Python.

Through the template engine a row of seven cells took ≈ 50 µs, 2.5 ms of a page of fifty
(Django's admin writes its change list's rows in Python for the same reason). The markup is the
template's it replaced: ``tests/test_initiatives_registry.py`` compares them.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from accounts.templatetags.portal import state_badge

register = template.Library()


# keeps: saves 11 % of the registry of initiatives, 50 rows (bench, 2026-12-07)
@register.simple_tag
def registry_row(initiative, today=None, select=False, extra=None):
    """One ``<tr>`` of ``initiatives/initiative_list.html``: the title gets the width (two lines,
    the whole title on hover), the other cells are compact; on a phone the row is a card of the
    title, the organisation, the state and the one thing due (``static/css/portal.css``).
    ``select``: a first cell with the row's box for actions over many rows (issue 24);
    ``extra``: texts of more cells at the end (the answers to a call's questions)."""
    leader = initiative.leader
    box = format_html(
        '<td class="col-select"><input class="form-check-input bulk-row" type="checkbox" '
        'name="ids" value="{}" form="bulk-form" aria-label="{}"></td>',
        initiative.pk, gettext("Choose «%(title)s»") % {"title": initiative.title},
    ) if select else ""
    return format_html(
        '<tr>{}<td class="col-title"><a class="clamp-2" href="{}" title="{}">{}</a></td>'
        '<td class="col-org"><span class="clamp-2">{}</span></td>'
        '<td class="d-none d-md-table-cell col-compact small"><span class="clamp-2">{}</span></td>'
        '<td class="d-none d-xxl-table-cell col-compact">{}</td>'
        '<td class="d-none d-xxl-table-cell col-compact">{}</td>'
        '<td class="col-state">{}</td>'
        '<td class="col-due">{}</td>'
        '<td class="d-none d-lg-table-cell col-narrow text-end">{}</td>{}</tr>',
        box, initiative.get_absolute_url(), initiative.title, initiative.title,
        initiative.organisation.short_name,
        (initiative.direction.name if initiative.direction_id else "") or "—",
        initiative.academic_year or "—",
        (leader.short_name if leader else "") or "—",
        state_badge(initiative.state, initiative.get_state_display()),
        due_cell(initiative.next_due, today),
        localize(initiative.open_recommendations),
        format_html_join("", '<td class="col-compact small answer-cell">{}</td>',
                         ((text or "—",) for text in extra or ())))


@register.simple_tag
def due_cell(day, today):
    """A due date, marked when it has passed; «—» when nothing is due."""
    if day is None:
        return "—"
    if today is not None and day < today:
        return format_html('<span class="text-danger-emphasis fw-semibold">{} {}</span>',
                           gettext("overdue since"), day.strftime("%d.%m.%Y"))
    return format_html("{} {}", gettext("due"), day.strftime("%d.%m.%Y"))
