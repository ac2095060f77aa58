from django.contrib import admin
from django.db import transaction

from accounts import audit
from accounts.enums import AuditAction


class OfficeModelAdmin(admin.ModelAdmin):
    """Admin pages for reference data, open to office staff through ``accounts.use_admin``.

    Saving and deleting here write audit records like every domain function does.
    """

    def _allowed(self, request, obj=None):
        return request.user.has_perm("accounts.use_admin")

    has_module_permission = has_view_permission = _allowed
    has_add_permission = has_change_permission = has_delete_permission = _allowed

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        action = AuditAction.UPDATED if change else AuditAction.CREATED
        audit.record(obj, actor=request.user, action=action, data={"fields": form.changed_data})

    @transaction.atomic
    def delete_model(self, request, obj):
        audit.record(obj, actor=request.user, action=AuditAction.DELETED)
        super().delete_model(request, obj)
