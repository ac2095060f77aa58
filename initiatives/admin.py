from django.contrib import admin

from accounts.admin import OfficeModelAdmin
from initiatives.models import Direction, Portfolio, StrategyGoal


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
