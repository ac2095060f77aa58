from django.contrib import admin

from accounts.admin_base import OfficeModelAdmin
from network.models import Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(OfficeModelAdmin):
    list_display = ("short_name", "org_type", "address")
    list_filter = ("org_type",)
    search_fields = ("short_name", "full_name")


@admin.register(Membership)
class MembershipAdmin(OfficeModelAdmin):
    list_display = ("person", "organisation", "position", "is_active")
    list_filter = ("is_active",)
    list_select_related = ("person", "organisation")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("person",)
