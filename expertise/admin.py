from django.contrib import admin

from accounts.admin import OfficeModelAdmin
from expertise.models import ConflictOfInterest, ExpertAssignment, ExpertDirection


@admin.register(ExpertAssignment)
class ExpertAssignmentAdmin(OfficeModelAdmin):
    """Read-only here: assignments are made through the domain functions."""

    list_display = ("initiative", "expert", "status", "due_on")
    list_filter = ("status",)
    list_select_related = ("initiative", "expert")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- expertise: reference data the office may need to correct by hand -----------------------


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(OfficeModelAdmin):
    list_display = ("expert", "initiative", "organisation", "reason")
    list_select_related = ("expert", "initiative", "organisation")
    raw_id_fields = ("expert", "initiative", "organisation")


@admin.register(ExpertDirection)
class ExpertDirectionAdmin(OfficeModelAdmin):
    list_display = ("expert", "direction")
    list_select_related = ("expert", "direction")
    raw_id_fields = ("expert",)
