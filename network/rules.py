"""Predicates about organisations and their teams."""

import rules

from accounts.rules import is_office, is_office_staff, is_signed_in
from network.queries import organisation_ids_of


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
rules.add_perm("network.view_organisation_contacts", is_office | is_team_of)
