from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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
