from django import template
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.utils import dateformat, timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from accounts import audit
from accounts.text import plain_text_to_html, sanitize_html

register = template.Library()


@register.filter
def action_label(code):
    return audit.action_label(code)


@register.filter
def value_label(code):
    return audit.value_label(code)


@register.filter
def object_type_label(content_type):
    """The translated name of the model behind a content type («проектная инициатива»)."""
    model = content_type.model_class() if content_type else None
    return model._meta.verbose_name if model else getattr(content_type, "model", "")


@register.filter(is_safe=True)
def sanitize(html):
    """User-supplied HTML with only the allow-listed tags (nh3)."""
    return mark_safe(sanitize_html(html))  # noqa: S308 - cleaned by nh3 just above


@register.filter(is_safe=True)
def rich_text(text):
    """User plain text: escaped, paragraphs and clickable links, then sanitised (nh3)."""
    return mark_safe(plain_text_to_html(text))  # noqa: S308 - escaped and cleaned above


@register.simple_tag
def state_badge(state, label):
    """The badge of a state (``state-<code>`` sets its colour), written without a template
    include: registries and home pages show one on every row."""
    return format_html('<span class="badge state-badge state-{}">{}</span>', state, label)


# keeps: saves 12 % of an initiative's whole history, 50 lines (bench, 2026-12-07)
@register.simple_tag
def history_line(line):
    """One line of a history (``includes/history.html``) written in Python: through the template
    engine a line took ≈ 70 µs, the card's ten ≈ 0.7 ms and the whole history's fifty ≈ 3.5 ms.
    The markup is the template's it replaced (``tests/test_accounts.py`` compares them)."""
    at = timezone.localtime(line.at)
    change = ""
    if line.from_value or line.to_value:
        change = format_html(": {} → {}", audit.line_value_label(line, line.from_value) or "—",
                             audit.line_value_label(line, line.to_value) or "—")
    comment = format_html('<div class="text-body-secondary small">{}</div>',
                          linebreaksbr(line.comment)) if line.comment else ""
    return format_html(
        '<li class="timeline-item"><div class="small text-body-secondary">'
        '<time datetime="{}">{}</time> · {}</div><div>{}{}</div>{}</li>',
        at.isoformat(), dateformat.format(at, "d.m.Y H:i"),
        (line.actor.short_name if line.actor_id else "") or gettext("system"),
        audit.action_label(line.action), change, comment)


_MENUS = {}


# keeps: saves 9 % of the sign-in page and 9 % of the head's dashboard (bench, 2026-12-07)
@register.simple_tag(takes_context=True)
def main_menu(context):
    """The links of the main menu (``includes/nav_items.html``), rendered once per process for
    each language and set of office roles.

    Every permission the menu asks for is a predicate of the person's office roles and of being
    signed in (``tests/test_home.py`` compares this with a fresh rendering for every
    combination of roles, team membership and language); rendering it on every page took ≈ 0.5 ms.
    A link that depends on anything else must be written in ``nav.html``, outside this menu.
    """
    user = context.get("user")
    signed_in = bool(user and user.is_authenticated)
    key = (translation.get_language(), signed_in,
           frozenset(user.role_codes) if signed_in else frozenset())
    html = _MENUS.get(key)
    if html is None:
        html = _MENUS[key] = render_to_string("includes/nav_items.html", {"user": user})
    return html
