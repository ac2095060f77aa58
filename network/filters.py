import django_filters
from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from network import queries
from network.enums import ProductKind
from network.models import MethodicalProduct, Network, Organisation


def _attrs(attrs):
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items() if value is not False)


class LongSelect(forms.Select):
    """``forms.Select`` writing the same markup in Python, without a template include and an
    option dictionary per choice: the library's organisation filter has an option for every
    organisation with a product (about a thousand at 10k initiatives), and the templates took
    30 ms of the page. A test compares its output with ``forms.Select``'s."""

    def render(self, name, value, attrs=None, renderer=None):
        wanted = set(self.format_value(value))
        found = False

        def option(option_value, label):
            nonlocal found
            option_value = "" if option_value is None else option_value
            selected = not found and str(option_value) in wanted
            found |= selected
            return (f'\n  <option value="{conditional_escape(option_value)}"'
                    f'{" selected" if selected else ""}>{conditional_escape(label)}</option>\n')

        parts = [f'<select name="{conditional_escape(name)}"'
                 f'{_attrs(self.build_attrs(self.attrs, attrs))}>']
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                group = f'\n  <optgroup label="{conditional_escape(option_value)}">'
                parts.append(group if option_value else "")
                parts.extend(option(v, sublabel) for v, sublabel in label)
                parts.append("\n  </optgroup>" if option_value else "")
            else:
                parts.append(option(option_value, label))
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped


class ProductFilter(django_filters.FilterSet):
    """The ideas library's filters and its Russian full-text search."""

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=200)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ProductKind.choices)
    # Choices are (id, name) rows, not model instances: the organisations are many (below).
    organisation = django_filters.ChoiceFilter(label=_("Organisation"), choices=[],
                                               widget=LongSelect)
    network = django_filters.ChoiceFilter(label=_("Network"), choices=[], widget=LongSelect)
    year = django_filters.ChoiceFilter(label=_("Year"), choices=[])

    class Meta:
        model = MethodicalProduct
        fields = ["q", "kind", "organisation", "network", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = (MethodicalProduct.objects.order_by("-year").values_list("year", flat=True)
                 .distinct())
        self.filters["year"].extra["choices"] = lambda: [(y, y) for y in years]
        organisations = (Organisation.objects.order_by("short_name", "pk")
                         .filter(pk__in=MethodicalProduct.objects.values("organisation_id"))
                         .values_list("pk", "short_name"))
        self.filters["organisation"].extra["choices"] = lambda: list(organisations)
        networks = Network.objects.order_by("name", "pk").values_list("pk", "name")
        self.filters["network"].extra["choices"] = lambda: list(networks)

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", f"{css} {css}-sm")
        return form

    def search(self, queryset, name, value):
        return queries.search_products(queryset, value)

    def filter_queryset(self, queryset):
        qs = super().filter_queryset(queryset)
        if "rank" in qs.query.annotations:
            return qs.order_by("-rank", "-pk")
        return qs.order_by("-year", "title", "pk")
