"""A school's team: who is on it, in which position, who leads it; invitations to it.

The team lead invites the members of their own organisation's team only; an attempt at another
organisation is refused (``PermissionDenied``) and written to the audit log. The office may do
everything a lead does, for any organisation.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit, invitations
from accounts.enums import AuditAction, InvitationRole
from accounts.errors import DomainError
from accounts.models import User
from accounts.rules import is_office
from network.enums import MembershipAction
from network.models import Membership, Organisation
from network.queries import led_organisation_ids_of


def may_manage_team(user, organisation):
    return bool(is_office(user) or organisation.pk in led_organisation_ids_of(user))


@invitations.register_team_grant
@transaction.atomic
def put_on_team(person: User, *, organisation: Organisation, position: str, lead: bool,
                by: User | None) -> Membership:
    """Put a person on an organisation's team (or change their position); ``lead`` makes
    them the team lead, the previous lead staying a member."""
    membership = Membership.objects.select_for_update().filter(
        person=person, organisation=organisation, is_active=True).first()
    created = membership is None
    if created:
        membership = Membership(person=person, organisation=organisation,
                                since=timezone.localdate())
    membership.position = (position or membership.position or _("team member")).strip()[:200]
    if lead and not membership.is_lead:
        Membership.objects.filter(organisation=organisation, is_active=True, is_lead=True).exclude(
            pk=membership.pk).update(is_lead=False)
        membership.is_lead = True
    membership.save()
    if created:
        audit.record(person, actor=by, action=AuditAction.MEMBERSHIP_ADDED,
                     to_value=organisation.short_name, comment=membership.position)
    if lead:
        audit.record(organisation, actor=by, action=MembershipAction.TEAM_LEAD_SET,
                     to_value=str(person))
    return membership


@transaction.atomic
def invite_to_team(*, by: User, organisation: Organisation, email: str, position: str,
                   last_name: str = "", first_name: str = "", patronymic: str = ""):
    """A team lead (or the office) invites a member of the organisation's team."""
    if not may_manage_team(by, organisation):
        refuse_team_invitation(by=by, organisation=organisation, email=email)
        raise PermissionDenied(_("You may invite people only to your own organisation's team."))
    return invitations.invite(email=email, role=InvitationRole.TEAM_MEMBER, by=by,
                              organisation=organisation, position=position,
                              last_name=last_name, first_name=first_name,
                              patronymic=patronymic)


def refuse_team_invitation(*, by, organisation, email):
    """Write the refused attempt down; it stays even though the request is refused."""
    invitations.record_refusal(
        by=by, target=organisation,
        reason=_("%(who)s tried to invite %(email)s to the team of %(organisation)s.")
        % {"who": by, "email": str(email)[:254], "organisation": organisation.short_name})


def _membership(membership, by):
    membership = Membership.objects.select_for_update().select_related(
        "organisation", "person").get(pk=membership.pk)
    if not membership.is_active:
        raise DomainError(_("This person is no longer on the team."))
    if not may_manage_team(by, membership.organisation):
        raise PermissionDenied
    return membership


@transaction.atomic
def change_position(membership: Membership, *, position: str, by: User) -> Membership:
    membership = _membership(membership, by)
    position = (position or "").strip()
    if not position:
        raise DomainError(_("Give the position."), field="position")
    if position != membership.position:
        audit.record(membership.person, actor=by, action=MembershipAction.POSITION_CHANGED,
                     from_value=membership.position, to_value=position[:200],
                     comment=membership.organisation.short_name)
        membership.position = position[:200]
        membership.save(update_fields=["position"])
    return membership


@transaction.atomic
def remove_from_team(membership: Membership, *, by: User) -> Membership:
    membership = _membership(membership, by)
    if membership.is_lead:
        raise DomainError(_("Hand the lead to another member before removing the team lead."))
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit.record(membership.person, actor=by, action=AuditAction.MEMBERSHIP_ENDED,
                 from_value=membership.organisation.short_name)
    return membership


@transaction.atomic
def hand_lead(membership: Membership, *, by: User) -> Membership:
    """Make this member the team lead; the previous lead stays on the team as a member."""
    membership = _membership(membership, by)
    return put_on_team(membership.person, organisation=membership.organisation,
                       position=membership.position, lead=True, by=by)
