from django.contrib import admin

from accounts.admin import OfficeModelAdmin
from portfolio.models import (
    ChangeRequest,
    Incentive,
    PlannedProduct,
    Publication,
    ReportingPeriod,
    Risk,
)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(OfficeModelAdmin):
    list_display = ("title", "initiative", "due_on", "overdue_since")
    list_select_related = ("initiative",)
    search_fields = ("title", "initiative__title")


@admin.register(Risk)
class RiskAdmin(OfficeModelAdmin):
    list_display = ("title", "initiative", "probability", "impact", "status")
    list_filter = ("status", "impact")
    list_select_related = ("initiative",)


@admin.register(ChangeRequest)
class ChangeRequestAdmin(OfficeModelAdmin):
    list_display = ("initiative", "kind", "status", "requested_at")
    list_filter = ("status", "kind")
    list_select_related = ("initiative",)


@admin.register(Incentive)
class IncentiveAdmin(OfficeModelAdmin):
    list_display = ("document_title", "organisation", "kind", "document_date")
    list_filter = ("kind",)
    list_select_related = ("organisation",)


@admin.register(Publication)
class PublicationAdmin(OfficeModelAdmin):
    list_display = ("title", "organisation", "channel", "published_on")
    list_filter = ("channel",)
    list_select_related = ("organisation",)


@admin.register(PlannedProduct)
class PlannedProductAdmin(OfficeModelAdmin):
    list_display = ("title", "organisation", "year", "published_title")
    list_filter = ("year",)
    list_select_related = ("organisation",)


