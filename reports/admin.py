from django.contrib import admin

from accounts.admin import OfficeModelAdmin
from reports.models import GeneratedReport


@admin.register(GeneratedReport)
class GeneratedReportAdmin(OfficeModelAdmin):
    list_display = ("pk", "kind", "status", "requested_by", "requested_at")
    list_filter = ("kind", "status")
    list_select_related = ("requested_by",)
    readonly_fields = ("kind", "params", "requested_by", "status", "progress", "error", "pdf")

    def has_add_permission(self, request, obj=None):
        return False
