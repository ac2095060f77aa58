from django import template

from accounts import audit

register = template.Library()


@register.filter
def action_label(code):
    return audit.action_label(code)


@register.filter
def value_label(code):
    return audit.value_label(code)
