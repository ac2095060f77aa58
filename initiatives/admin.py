from django.contrib import admin

from accounts.admin_base import OfficeModelAdmin
from initiatives.models import (
    ConflictOfInterest,
    Direction,
    ExpertAssignment,
    ExpertDirection,
    Portfolio,
    StrategyGoal,
)


class DirectionInline(admin.TabularInline):
    model = Direction
    extra = 0

    def _allowed(self, request, obj=None):
        return request.user.has_perm("accounts.use_admin")

    has_view_permission = has_add_permission = has_change_permission = _allowed
    has_delete_permission = _allowed


@admin.register(Portfolio)
class PortfolioAdmin(OfficeModelAdmin):
    list_display = ("name", "order")
    inlines = [DirectionInline]


@admin.register(Direction)
class DirectionAdmin(OfficeModelAdmin):
    list_display = ("name", "portfolio", "order")
    list_filter = ("portfolio",)
    list_select_related = ("portfolio",)
    search_fields = ("name",)


@admin.register(StrategyGoal)
class StrategyGoalAdmin(OfficeModelAdmin):
    list_display = ("title", "kind", "order", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("title",)


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


# --- monitoring and organisation records (issue 6) ------------------------------------------

from initiatives.models import (  # noqa: E402
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
