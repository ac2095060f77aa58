from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts import audit, services
from accounts.enums import AuditAction
from accounts.models import AuditRecord, Consent, OutgoingEmail, RoleAssignment, User


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


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0

    def _allowed(self, request, obj=None):
        return request.user.has_perm("accounts.use_admin")

    has_view_permission = has_add_permission = has_change_permission = _allowed
    has_delete_permission = _allowed


@admin.register(User)
class UserAdmin(OfficeModelAdmin):
    list_display = ("username", "full_name", "email", "is_active")
    search_fields = ("username", "last_name", "first_name", "email")
    fields = ("username", "last_name", "first_name", "patronymic", "email", "phone", "is_active")
    inlines = [RoleInline]

    def save_formset(self, request, form, formset, change):
        """Roles are granted and revoked through the domain functions, with audit records."""
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        for row in formset.forms:
            role = row.cleaned_data.get("role") if row.cleaned_data else None
            if not role:
                continue
            if row.cleaned_data.get("DELETE") and row.instance.pk:
                services.revoke_role(form.instance, role=row.instance.role, by=request.user)
            elif not row.instance.pk:
                services.grant_role(form.instance, role=role, by=request.user)

    @admin.display(description=_("full name"))
    def full_name(self, obj):
        return obj.full_name


@admin.register(AuditRecord)
class AuditRecordAdmin(OfficeModelAdmin):
    list_display = ("at", "actor", "action", "object_repr", "from_value", "to_value")
    list_filter = ("action",)
    list_select_related = ("actor",)

    def has_add_permission(self, request, obj=None):
        return False

    has_change_permission = has_delete_permission = has_add_permission


class ReadOnlyAdmin(OfficeModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    has_change_permission = has_delete_permission = has_add_permission


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ("person", "version", "given_at")
    list_select_related = ("person",)
    search_fields = ("person__last_name", "person__username")


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "subject", "state", "attempts", "sent_at")
    list_filter = ("state",)
