from django.contrib import admin

from accounts.admin import OfficeModelAdmin
from network.models import (
    EventOrganiser,
    EventRegistration,
    Membership,
    MethodicalProduct,
    Network,
    NetworkEvent,
    NetworkHealth,
    NetworkMember,
    NetworkOrganisation,
    Organisation,
    RuleProposal,
    RulesVersion,
)


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


class NetworkMemberInline(admin.TabularInline):
    model = NetworkMember
    raw_id_fields = ("person",)
    extra = 0


class NetworkOrganisationInline(admin.TabularInline):
    model = NetworkOrganisation
    autocomplete_fields = ("organisation",)
    extra = 0


@admin.register(Network)
class NetworkAdmin(OfficeModelAdmin):
    list_display = ("name", "kind", "is_public", "rules_adoption")
    list_filter = ("kind", "is_public")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [NetworkMemberInline, NetworkOrganisationInline]


@admin.register(RuleProposal)
class RuleProposalAdmin(OfficeModelAdmin):
    list_display = ("title", "network", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("proposer",)


@admin.register(RulesVersion)
class RulesVersionAdmin(OfficeModelAdmin):
    list_display = ("network", "number", "adopted_at")


class EventOrganiserInline(admin.TabularInline):
    model = EventOrganiser
    raw_id_fields = ("person",)
    extra = 0


class EventRegistrationInline(admin.TabularInline):
    model = EventRegistration
    raw_id_fields = ("person",)
    extra = 0


@admin.register(NetworkEvent)
class NetworkEventAdmin(OfficeModelAdmin):
    list_display = ("title", "network", "kind", "starts_at")
    list_filter = ("kind", "network")
    search_fields = ("title",)
    inlines = [EventOrganiserInline, EventRegistrationInline]


@admin.register(MethodicalProduct)
class MethodicalProductAdmin(OfficeModelAdmin):
    list_display = ("title", "kind", "organisation", "year", "status")
    list_filter = ("status", "kind", "year")
    search_fields = ("title", "authors_text")
    raw_id_fields = ("authors",)


@admin.register(NetworkHealth)
class NetworkHealthAdmin(OfficeModelAdmin):
    list_display = ("network", "quarter", "events_held", "status")
    list_filter = ("status",)
