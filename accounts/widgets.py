"""Form widgets shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext


# keeps: saves 9 % of the registry of initiatives and 7 % of the ideas library search (bench, 2026-12-07)
class FastSelect(forms.Select):
    """A ``<select>`` written in Python straight from its choices.

    The same HTML as Django's ``Select`` (which renders a template and builds a dict for every
    option). The registry's filters listed every organisation, leader and expert: at 10,000
    initiatives those few thousand options took most of the page's time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = {str(v) for v in self.format_value(value)}
        parts = [format_html("<select name=\"{}\"{}>", name, flatatt(attrs))]
        for option_value, label in self.options_to_render(chosen):
            if isinstance(label, (list, tuple)):
                parts.append(format_html("<optgroup label=\"{}\">", option_value))
                parts.extend(self._option(v, sub, chosen) for v, sub in label)
                parts.append("</optgroup>")
            else:
                parts.append(self._option(option_value, label, chosen))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 — every value and label is escaped

    def options_to_render(self, chosen):
        """The (value, label) pairs written into the page: all of them."""
        return self.choices

    def _option(self, value, label, chosen):
        value = "" if value is None else str(value)
        selected = " selected" if value in chosen else ""
        if selected and not self.allow_multiple_selected:
            chosen.clear()  # a single select marks only the first match, as Django's does
        return f"<option value=\"{escape(value)}\"{selected}>{escape(label)}</option>"


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    allow_multiple_selected = True


class AutocompleteSelect(FastSelect):
    """A select of a model that writes only the empty option and the chosen one.

    ``static/js/autocomplete.js`` turns it into a search box (Tom Select) that asks the JSON
    view ``url_name`` (with ``field`` = the field's name) for matches as the person types.
    Without JavaScript the form still sends what was chosen. Only the rendering is limited:
    the field keeps its whole queryset, so a pk typed into the URL is validated against it.
    """

    class Media:
        css = {"all": ["vendor/tom-select/css/tom-select.bootstrap5.min.css"]}
        js = ["vendor/tom-select/js/tom-select.complete.min.js", "js/autocomplete.js"]

    def __init__(self, url_name, attrs=None):
        super().__init__(attrs)
        self.url_name = url_name

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {
            **(attrs or {}),
            "data-autocomplete-url": reverse(self.url_name, kwargs={"field": name}),
            "data-placeholder": gettext("Start typing…"),
            "data-no-results": gettext("Nothing found"),
            "data-loading": gettext("Searching…"),
            "data-clear": gettext("Clear"),
        }
        return super().render(name, value, attrs, renderer)

    def options_to_render(self, chosen):
        field = self.choices.field  # a ModelChoiceIterator knows its field
        options = [("", field.empty_label)] if field.empty_label is not None else []
        keys = _keys(field, chosen)
        if keys:
            lookup = f"{field.to_field_name or 'pk'}__in"
            options += [(field.prepare_value(obj), field.label_from_instance(obj))
                        for obj in field.queryset.filter(**{lookup: keys})]
        return options


class MultiChoiceSelect(FastSelectMultiple):
    """A multiple choice of a few fixed options (the states of a list's filter):
    ``static/js/multiselect.js`` turns it into a box of chosen tags with a drop-down (Tom Select);
    without JavaScript it stays a list box that sends the chosen values."""

    class Media:
        css = {"all": ["vendor/tom-select/css/tom-select.bootstrap5.min.css"]}
        js = ["vendor/tom-select/js/tom-select.complete.min.js", "js/multiselect.js"]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {}), "data-multiselect": "", "size": 3,
                 "data-placeholder": gettext("Any"), "data-remove": gettext("Remove")}
        return super().render(name, value, attrs, renderer)


def _keys(field, values):
    """The values that can be keys of the field's model: junk from a URL («abc», «1.5») is left
    out rather than sent to the database (out-of-range numbers Django's lookups answer with
    nothing)."""
    meta = field.queryset.model._meta
    model_field = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
    keys = []
    for value in values:
        if value in ("", None):
            continue
        try:
            key = model_field.to_python(value)
        except ValidationError:
            continue
        if isinstance(key, int) and not _in_range(model_field, key):
            continue  # SQLite refuses the number outright; PostgreSQL would find nothing
        keys.append(key)
    return keys


def _in_range(model_field, number):
    low, high = connection.ops.integer_field_range(model_field.get_internal_type())
    return (low is None or number >= low) and (high is None or number <= high)


# keeps: saves 5.7 %, 5.1 % of the registry of initiatives (bench/constructs.py, 2026-12-08)
class OneQueryChoices(ModelChoiceIterator):
    """A model select's options read by one plain query.

    Django's own iterator reads them through ``QuerySet.iterator()``, which on PostgreSQL opens
    a server-side cursor: DECLARE, two FETCHes and CLOSE, four round trips for a handful of
    rows (the registry's directions and calls)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


# Django's widgets a list filter swaps for those written in Python (the same markup)
_FAST_WIDGETS = {forms.Select: FastSelect, forms.SelectMultiple: FastSelectMultiple}


class CompactFilterMixin:
    """For a ``django_filters.FilterSet`` of a list page: Bootstrap's small controls, and the
    plain selects written in Python (:class:`FastSelect`; a registry's four selects took ≈ 3 ms
    of the page through Django's per-option templates)."""

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_compact", False):
            for field in form.fields.values():
                if isinstance(field, forms.ModelChoiceField):
                    field.iterator = OneQueryChoices
                    field.widget.choices = field.choices
                widget = field.widget
                fast = _FAST_WIDGETS.get(type(widget))
                if fast is not None:
                    field.widget = fast(attrs=widget.attrs, choices=widget.choices)
                    field.widget.is_required = widget.is_required
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", f"{css} {css}-sm")
            form._compact = True
        return form
