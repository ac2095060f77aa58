from django import template

from accounts.audit import action_label as _action_label

register = template.Library()


@register.filter
def action_label(code):
    return _action_label(code)
