import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.audit import action_choices
from accounts.models import AuditRecord
from accounts.queries import audited_object_types
from accounts.widgets import CompactFilterMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ObjectTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        model = obj.model_class()
        return str(model._meta.verbose_name).capitalize() if model else obj.model


class ObjectTypeFilter(django_filters.ModelChoiceFilter):
    field_class = ObjectTypeChoiceField


class AuditRecordFilter(CompactFilterMixin, django_filters.FilterSet):
    actor = django_filters.CharFilter(
        label=_("Who (name or login)"), method="filter_actor", max_length=150
    )
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=action_choices, empty_label=_("any")
    )
    content_type = ObjectTypeFilter(
        label=_("Object type"), queryset=audited_object_types(), empty_label=_("any")
    )
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="at", lookup_expr="date__gte", widget=DATE
    )
    date_to = django_filters.DateFilter(
        label=_("To"), field_name="at", lookup_expr="date__lte", widget=DATE
    )

    class Meta:
        model = AuditRecord
        fields = ["actor", "action", "content_type", "date_from", "date_to"]

    def filter_actor(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(actor__last_name__icontains=value)
            | Q(actor__first_name__icontains=value)
            | Q(actor__username__iexact=value)
        )
