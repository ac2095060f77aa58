from django.contrib import admin

from accounts.admin import OfficeModelAdmin
from meetings.models import MeetingFormat, OfficeMember


@admin.register(MeetingFormat)
class MeetingFormatAdmin(OfficeModelAdmin):
    list_display = ("name", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("name",)


@admin.register(OfficeMember)
class OfficeMemberAdmin(OfficeModelAdmin):
    list_display = ("person", "role", "since", "until")
    list_filter = ("role",)
    list_select_related = ("person",)
    autocomplete_fields = ("person",)
    search_fields = ("person__last_name", "person__first_name")
