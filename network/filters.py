import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.widgets import AutocompleteSelect, CompactFilterMixin
from network import queries
from network.enums import ProductKind
from network.models import MethodicalProduct, Network, Organisation


class ProductFilter(CompactFilterMixin, django_filters.FilterSet):
    """The ideas library's filters and its Russian full-text search."""

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=200)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ProductKind.choices)
    # An organisation is chosen by typing (about a thousand have products at 10k initiatives):
    # the select carries only the chosen one, the JSON view ``network:library_choices`` the rest.
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), widget=AutocompleteSelect("network:library_choices"),
        queryset=Organisation.objects.filter(
            pk__in=MethodicalProduct.objects.values("organisation_id")).order_by("short_name", "pk"),
    )
    # Networks are few; their choices are (id, name) rows, not model instances.
    network = django_filters.ChoiceFilter(label=_("Network"), choices=[])
    year = django_filters.ChoiceFilter(label=_("Year"), choices=[])

    class Meta:
        model = MethodicalProduct
        fields = ["q", "kind", "organisation", "network", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = (MethodicalProduct.objects.order_by("-year").values_list("year", flat=True)
                 .distinct())
        self.filters["year"].extra["choices"] = lambda: [(y, y) for y in years]
        networks = Network.objects.order_by("name", "pk").values_list("pk", "name")
        self.filters["network"].extra["choices"] = lambda: list(networks)

    def search(self, queryset, name, value):
        return queries.search_products(queryset, value)

    def filter_queryset(self, queryset):
        qs = super().filter_queryset(queryset)
        if "rank" in qs.query.annotations:
            return qs.order_by("-rank", "-pk")
        return qs.order_by("-year", "title", "pk")
