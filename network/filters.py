import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.autocomplete import ORGANISATION_NAMES, matching, words_of
from accounts.widgets import AutocompleteSelect, CompactFilterMixin
from network import queries
from network.enums import NetworkKind, OrganisationType, ProductKind
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
    # Networks too grow with the data (about a hundred at 10k initiatives): chosen by typing,
    # among those with a product, as on the registry.
    network = django_filters.ModelChoiceFilter(
        label=_("Network"), widget=AutocompleteSelect("network:library_choices"),
        queryset=Network.objects.filter(
            pk__in=MethodicalProduct.objects.values("network_id")).order_by("name", "pk"),
    )
    year = django_filters.ChoiceFilter(label=_("Year"), choices=[])

    class Meta:
        model = MethodicalProduct
        fields = ["q", "kind", "organisation", "network", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = (MethodicalProduct.objects.order_by("-year").values_list("year", flat=True)
                 .distinct())
        self.filters["year"].extra["choices"] = lambda: [(y, y) for y in years]

    def search(self, queryset, name, value):
        return queries.search_products(queryset, value)

    def filter_queryset(self, queryset):
        qs = super().filter_queryset(queryset)
        if "rank" in qs.query.annotations:
            return qs.order_by("-rank", "-pk")
        return qs.order_by("-year", "title", "pk")


class OrganisationFilter(CompactFilterMixin, django_filters.FilterSet):
    """The list of organisations: by a word of the name or the INN's digits, by type; current
    or archived (the page reads ``archived`` itself, so the archive's link keeps working)."""

    q = django_filters.CharFilter(label=_("Name or INN"), method="search", max_length=100)
    org_type = django_filters.ChoiceFilter(label=_("Type"), choices=OrganisationType.choices)
    archived = django_filters.ChoiceFilter(label=_("Which"), choices=[("1", _("archived"))],
                                           empty_label=_("current"), method="as_is")

    class Meta:
        model = Organisation
        fields = ["q", "org_type", "archived"]

    def search(self, queryset, name, value):
        return matching(queryset, (*ORGANISATION_NAMES, "inn"), words_of(value))

    def as_is(self, queryset, name, value):
        return queryset


class NetworkFilter(CompactFilterMixin, django_filters.FilterSet):
    """The list of networks by kind."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=NetworkKind.choices)

    class Meta:
        model = Network
        fields = ["kind"]
