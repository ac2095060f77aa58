"""Form widgets shared by the apps."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A ``<select>`` written in Python straight from its choices.

    The same HTML as Django's ``Select`` (which renders a template and builds a dict for every
    option). The registry's filters list every organisation, leader and expert: at 10,000
    initiatives those few thousand options took most of the page's time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = {str(v) for v in self.format_value(value)}
        parts = [format_html("<select name=\"{}\"{}>", name, flatatt(attrs))]
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                parts.append(format_html("<optgroup label=\"{}\">", option_value))
                parts.extend(self._option(v, sub, chosen) for v, sub in label)
                parts.append("</optgroup>")
            else:
                parts.append(self._option(option_value, label, chosen))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 — every value and label is escaped

    def _option(self, value, label, chosen):
        value = "" if value is None else str(value)
        selected = " selected" if value in chosen else ""
        if selected and not self.allow_multiple_selected:
            chosen.clear()  # a single select marks only the first match, as Django's does
        return f"<option value=\"{escape(value)}\"{selected}>{escape(label)}</option>"


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    allow_multiple_selected = True
