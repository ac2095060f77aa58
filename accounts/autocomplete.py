"""The JSON behind the autocomplete selects (``accounts.widgets.AutocompleteSelect``) of filter
forms and of the forms whose select would list a table that grows (initiatives, people,
organisations).

A page's filter asks ``<view>?q=<typed text>`` for the objects its select may offer; the view
answers with up to ``LIMIT`` of them, taken from the filter's own queryset (so it offers only
what the filter accepts), each of whose searched fields contains every typed word.
"""

import json
import operator
from functools import reduce

from django import forms
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from accounts.widgets import AutocompleteSelect

# the fields searched for the names the selects show
ORGANISATION_NAMES = ("short_name", "full_name")
PERSON_NAMES = ("last_name", "first_name", "patronymic")

LIMIT = 20
MAX_QUERY = 100  # characters; a longer text finds nothing rather than a slow query
MAX_WORDS = 5
# "<" and ">" and "&" as JSON escapes: a name with markup never shows up raw in the answer
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def words_of(text):
    """The words to look for: none for text that is too long or carries a NUL byte."""
    if len(text) > MAX_QUERY or "\x00" in text:
        return []
    return text.split()[:MAX_WORDS]


def matching(queryset, fields, words):
    """Objects in which every word is in at least one of the fields (case-insensitive)."""
    return queryset.filter(*(
        reduce(operator.or_, (Q(**{f"{field}__icontains": word}) for field in fields))
        for word in words
    ))


class FilterChoicesView(PermissionRequiredMixin, View):
    """``{"results": [{"value": …, "text": …}, …]}`` for one filter of a page's filter set.

    A subclass sets the page's ``permission_required``, ``search_fields`` (filter name → model
    fields searched) and ``get_filterset()``. A filter that needs more than the page does is
    named in the filter set's ``restricted`` (filter name → permission): that permission is
    asked for too, as the page asks for it before offering the filter.
    """

    search_fields = {}
    filterset_class = None

    def field_name(self):
        """The field's name without the form's prefix («d12-owner» → «owner»)."""
        return self.kwargs["field"].rsplit("-", 1)[-1]

    def get_permission_required(self):
        name = self.field_name()
        if name not in self.search_fields:
            raise Http404
        extra = getattr(self.filterset_class, "restricted", {}).get(name)
        return (self.permission_required, extra) if extra else (self.permission_required,)

    def get_filterset(self):
        return self.filterset_class(queryset=self.filterset_class._meta.model.objects.none(),
                                    request=self.request)

    def get_form(self):
        return self.get_filterset().form

    def get(self, request, field):
        field = self.field_name()
        words = words_of(request.GET.get("q", ""))
        results = []
        if words:
            form_field = self.get_form().fields[field]
            found = matching(form_field.queryset, self.search_fields[field], words)[:LIMIT]
            results = [{"value": str(form_field.prepare_value(obj)),
                        "text": form_field.label_from_instance(obj)} for obj in found]
        body = json.dumps({"results": results}, ensure_ascii=False).translate(_ESCAPES)
        return HttpResponse(body, content_type="application/json")


class FormChoicesView(FilterChoicesView):
    """The same answer for one select of a form: a subclass sets ``form_class`` (built with no
    arguments, or as ``get_form()`` says), ``permission_required`` and ``search_fields``."""

    form_class = None

    def get_form(self):
        return self.form_class()


class AutocompleteSelectMultiple(AutocompleteSelect, forms.SelectMultiple):
    """:class:`AutocompleteSelect` for a multiple choice: the page writes only the chosen
    options, the search box (Tom Select, which reads ``multiple``) adds more as tags."""

    allow_multiple_selected = True
