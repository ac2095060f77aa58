import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from network import queries
from network.enums import ProductKind
from network.models import MethodicalProduct, Network, Organisation


class ProductFilter(django_filters.FilterSet):
    """The ideas library's filters and its Russian full-text search."""

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=200)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ProductKind.choices)
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(methodical_products__isnull=False).distinct()
        .order_by("short_name"),
    )
    network = django_filters.ModelChoiceFilter(label=_("Network"),
                                               queryset=Network.objects.order_by("name"))
    year = django_filters.ChoiceFilter(label=_("Year"), choices=[])

    class Meta:
        model = MethodicalProduct
        fields = ["q", "kind", "organisation", "network", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = (MethodicalProduct.objects.order_by("-year").values_list("year", flat=True)
                 .distinct())
        self.filters["year"].extra["choices"] = lambda: [(y, y) for y in years]

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
