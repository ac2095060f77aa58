"""Predicates about organisations and their teams."""

import rules

from accounts.rules import is_office, is_office_staff, is_signed_in
from network.enums import (
    EDITABLE_PRODUCT_STATES,
    MemberRole,
    MemberStatus,
    ProductStatus,
    ProposalStatus,
)
from network.queries import led_organisation_ids_of, network_roles_of, organisation_ids_of


@rules.predicate
def is_school_team(user):
    """A person on the team of at least one organisation."""
    return bool(organisation_ids_of(user))


@rules.predicate
def is_team_of(user, organisation):
    return organisation is not None and organisation.pk in organisation_ids_of(user)


rules.add_perm("network.view_organisation", is_signed_in)
rules.add_perm("network.view_organisation_list", is_signed_in)
rules.add_perm("network.change_organisation", is_office_staff)
# Adding, changing, archiving and importing organisations: the office (staff and head).
rules.add_perm("network.manage_organisations", is_office)


@rules.predicate
def is_team_lead_of(user, organisation):
    return organisation is not None and organisation.pk in led_organisation_ids_of(user)


# Inviting people: the office; a team lead invites to their own organisation's team only.
rules.add_perm("network.invite_people", is_office)
rules.add_perm("network.view_team", is_office | is_team_lead_of)
rules.add_perm("network.manage_team", is_office | is_team_lead_of)
rules.add_perm("network.view_organisation_contacts", is_office | is_team_of)


# --- networks ------------------------------------------------------------------------------


def _network_of(obj):
    """The network an object belongs to: a network, a proposal, an event, a member row."""
    if obj is None:
        return None
    if hasattr(obj, "rules_adoption"):
        return obj
    return getattr(obj, "network", None)


def _role(user, obj):
    network = _network_of(obj)
    if network is None or not user or not user.is_authenticated:
        return None, None
    return network_roles_of(user).get(network.pk, (None, None))


@rules.predicate
def is_network_member(user, obj):
    return _role(user, obj)[1] == MemberStatus.ACTIVE


@rules.predicate
def is_network_coordinator(user, obj):
    return _role(user, obj) == (MemberRole.COORDINATOR, MemberStatus.ACTIVE)


@rules.predicate
def may_ask_to_join(user, obj):
    return _role(user, obj)[1] not in (MemberStatus.ACTIVE, MemberStatus.REQUESTED)


@rules.predicate
def is_public_network(user, obj):
    network = _network_of(obj)
    return network is not None and network.is_public


@rules.predicate
def is_open_proposal(user, proposal):
    return proposal is not None and proposal.status == ProposalStatus.OPEN


@rules.predicate
def is_event_organiser(user, event):
    return event is not None and any(o.person_id == user.pk for o in event.organisers.all())


@rules.predicate
def is_published(user, product):
    return product is not None and product.status == ProductStatus.PUBLISHED


@rules.predicate
def is_product_author(user, product):
    if product is None or not user.is_authenticated:
        return False
    return product.created_by_id == user.pk or any(a.pk == user.pk for a in product.authors.all())


@rules.predicate
def is_editable_product(user, product):
    return product is not None and product.status in EDITABLE_PRODUCT_STATES


@rules.predicate
def is_submitted_product(user, product):
    return product is not None and product.status == ProductStatus.SUBMITTED


can_see_network = is_public_network | is_network_member | is_office

# Public: the list of networks, a public network's page, rules, calendar, events, the library.
rules.add_perm("network.view_network_list", rules.always_allow)
rules.add_perm("network.view_network", can_see_network)
rules.add_perm("network.join_network", is_signed_in & may_ask_to_join)
rules.add_perm("network.leave_network", is_signed_in & (is_network_member | ~may_ask_to_join))
rules.add_perm("network.add_network", is_office_staff)
rules.add_perm("network.change_network",
               is_signed_in & (is_network_coordinator | is_office_staff))


@rules.predicate
def coordinates_a_network(user):
    return any(role == (MemberRole.COORDINATOR, MemberStatus.ACTIVE)
               for role in network_roles_of(user).values())


# the people and organisations the network's form offers as one types: those who may fill it in
rules.add_perm("network.search_network_choices",
               is_signed_in & (is_office_staff | coordinates_a_network))
rules.add_perm("network.manage_members", is_signed_in & (is_network_coordinator | is_office_staff))
rules.add_perm("network.propose_initiative", is_network_member & is_school_team)
# rules of interaction
rules.add_perm("network.propose_rules", is_network_member)
rules.add_perm("network.view_proposal", is_signed_in & (is_network_member | is_office))
rules.add_perm("network.discuss_proposal", is_network_member & is_open_proposal)
rules.add_perm("network.adopt_proposal", is_network_coordinator & is_open_proposal)
# events
rules.add_perm("network.add_event", is_network_member | is_office_staff)
rules.add_perm("network.view_event", can_see_network)
rules.add_perm("network.register_event", is_signed_in & can_see_network)
rules.add_perm("network.change_event",
               is_signed_in & (is_event_organiser | is_network_coordinator | is_office_staff))
# the ideas library
rules.add_perm("network.view_library", rules.always_allow)
rules.add_perm("network.view_product", is_published | is_product_author | is_office)
rules.add_perm("network.add_product", is_school_team | is_office)
rules.add_perm("network.change_product",
               is_signed_in & (is_product_author | is_office_staff) & is_editable_product)
rules.add_perm("network.moderate_products", is_office_staff)
rules.add_perm("network.moderate_product", is_office_staff & is_submitted_product)
