"""Domain functions of a project's roles: the curator and the administrator (one person each),
the leader (the card's ``leader`` — one source, no second field) and the team's shares of
working time.

A curator or administrator without an account is invited as any person is
(``accounts.invitations``): the role waits on the invitation and passes to the person when they
accept it (:func:`bind_accepted_invitation`, registered with the invitations module).
"""

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts import audit, invitations
from accounts.enums import InvitationRole
from accounts.errors import DomainError
from accounts.models import User
from initiatives.enums import FINAL_STATES
from initiatives.models import Initiative, TeamMember
from portfolio.models import ProjectRole, TeamShare
from portfolio.plan.enums import PlanAction, ProjectRoleKind

audit.register_actions(PlanAction)
audit.register_values(ProjectRoleKind)

# Invitation roles that bring each project role to a person without an account.
INVITATION_ROLE = {
    ProjectRoleKind.CURATOR: InvitationRole.PROJECT_CURATOR,
    ProjectRoleKind.ADMINISTRATOR: InvitationRole.TEAM_MEMBER,
}


def _open(initiative):
    if initiative.state in FINAL_STATES:
        raise DomainError(_("The roles of a closed project are not changed."))


@transaction.atomic
def assign_role(initiative: Initiative, *, by: User, role: str, person: User | None = None,
                email: str = "", position: str = "", last_name: str = "", first_name: str = "",
                patronymic: str = "") -> ProjectRole:
    """Give the project's single ``role`` to ``person`` (or to whoever has the ``email``; a
    person without an account is invited). The role held by someone else is refused: the holder
    is removed first, so that replacing a curator is a visible step."""
    _open(initiative)
    if role not in ProjectRoleKind.values:
        raise DomainError(_("Unknown role."), field="role")
    email = invitations.normalise_email(email)
    if person is None and not email:
        raise DomainError(_("Choose a person or give the e-mail of the person to invite."),
                          field="email")
    if person is None:
        person = User.objects.filter(email__iexact=email, is_active=True).first()
    current = ProjectRole.objects.select_for_update().filter(initiative=initiative,
                                                             role=role).first()
    if current is not None:
        if person is not None and current.person_id == person.pk:
            raise DomainError(_("%(name)s already holds this role.") % {"name": person.full_name},
                              field="email")
        raise DomainError(
            _("The role «%(role)s» is held by %(name)s: one person holds it. Remove them from "
              "the role first.") % {"role": ProjectRoleKind(role).label,
                                    "name": current.display_name}, field="email")
    holder = ProjectRole(initiative=initiative, role=role, position=(position or "").strip()[:300],
                         assigned_by=by)
    if person is not None:
        holder.person = person
    else:
        invitation = invitations.invite(
            email=email, role=INVITATION_ROLE[role], by=by, position=position,
            organisation=initiative.organisation if role == ProjectRoleKind.ADMINISTRATOR
            else None, last_name=last_name, first_name=first_name, patronymic=patronymic)
        holder.invitation = invitation
        holder.person = invitation.person
    holder.save()
    audit.record(initiative, actor=by, action=PlanAction.ROLE_ASSIGNED, to_value=role,
                 comment=holder.display_name)
    return holder


@transaction.atomic
def remove_role(holder: ProjectRole, *, by: User) -> None:
    _open(holder.initiative)
    name, role, initiative = holder.display_name, holder.role, holder.initiative
    holder.delete()
    audit.record(initiative, actor=by, action=PlanAction.ROLE_REMOVED, from_value=role,
                 comment=name)


def bind_accepted_invitation(invitation, person):
    """The person who accepted an invitation takes the project roles waiting on it."""
    ProjectRole.objects.filter(invitation=invitation, person__isnull=True).update(person=person)


invitations.register_accept_hook(bind_accepted_invitation)


def other_projects_share(member: TeamMember) -> int:
    """The shares the same person gives their other projects that are not over."""
    if member.person_id is None:
        return 0
    return TeamShare.objects.filter(member__person_id=member.person_id).exclude(
        member__initiative_id=member.initiative_id).exclude(
        member__initiative__state__in=FINAL_STATES).aggregate(n=Sum("percent"))["n"] or 0


@transaction.atomic
def set_share(member: TeamMember, *, by: User, percent: int | None) -> list[str]:
    """Set (or, with ``None``, clear) a team member's share of working time in the project.
    Over 100 % in one project is refused; over 100 % across the person's projects is allowed
    and returned as a warning."""
    initiative = member.initiative
    _open(initiative)
    if percent is not None and not 1 <= percent <= 100:
        raise DomainError(_("A share of working time is from 1 to 100 %."), field="percent")
    same_person = TeamShare.objects.filter(member__initiative=initiative).exclude(member=member)
    if member.person_id:
        same_person = same_person.filter(member__person_id=member.person_id)
    else:
        same_person = same_person.none()
    in_project = (same_person.aggregate(n=Sum("percent"))["n"] or 0) + (percent or 0)
    if in_project > 100:
        raise DomainError(_("%(name)s would give this project %(n)s %% of their working time: "
                            "at most 100 %% in one project.")
                          % {"name": member.display_name, "n": in_project}, field="percent")
    before = TeamShare.objects.filter(member=member).first()
    if percent is None:
        TeamShare.objects.filter(member=member).delete()
    else:
        TeamShare.objects.update_or_create(member=member, defaults={"percent": percent})
    audit.record(initiative, actor=by, action=PlanAction.SHARE_SET,
                 from_value=f"{before.percent} %" if before else "",
                 to_value=f"{percent} %" if percent is not None else "",
                 comment=member.display_name)
    warnings = []
    total = other_projects_share(member) + in_project
    if percent is not None and total > 100:
        warnings.append(_("Across their projects %(name)s now gives %(n)s %% of their working "
                          "time.") % {"name": member.display_name, "n": total})
    return warnings
