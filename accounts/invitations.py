"""People join the portal by invitation: inviting, resending, withdrawing, accepting.

An invitation brings an office role (granted here) or a place on an organisation's team
(granted by the function the network app registers with :func:`register_team_grant`, since
this lower app does not know teams). Who may invite whom is checked by the callers' predicates;
the functions here check the invitation itself: a deactivated person is refused, an e-mail
with an account gets the role or membership on that account at once, the link is one-time,
valid for :data:`VALID_DAYS` days and kept only as its SHA-256.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit, letters, services
from accounts.enums import (
    PROJECT_INVITATION_ROLES,
    TEAM_INVITATION_ROLES,
    AuditAction,
    InvitationRole,
)
from accounts.errors import DomainError
from accounts.mail import queue_email
from accounts.models import Invitation, User
from accounts.personal_data import DataPart, register_anonymiser, register_exporter

VALID_DAYS = 7
_TEAM_GRANT = []
_ACCEPT_HOOKS = []


def register_team_grant(function):
    """``function(person, *, organisation, position, lead, by)`` puts a person on a team."""
    _TEAM_GRANT[:] = [function]
    return function


def register_accept_hook(function):
    """``function(invitation, person)`` runs when an invitation reaches a person (accepted, or
    at once for an existing account): a higher app gives them what waits on the invitation."""
    if function not in _ACCEPT_HOOKS:
        _ACCEPT_HOOKS.append(function)
    return function


def token_hash(token):
    return hashlib.sha256(str(token).encode()).hexdigest()


def normalise_email(email):
    return str(email or "").strip().lower()


def find_by_token(token):
    """The invitation of a link's token, or None."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("organisation", "invited_by").filter(
        token_hash=token_hash(token)).first()


def _grant(invitation, person, *, by):
    role = invitation.role
    if role in TEAM_INVITATION_ROLES:
        if not _TEAM_GRANT or invitation.organisation is None:
            raise DomainError(_("A team invitation needs an organisation."), field="organisation")
        _TEAM_GRANT[0](person, organisation=invitation.organisation, position=invitation.position,
                       lead=role == InvitationRole.TEAM_LEAD, by=by)
    elif role not in PROJECT_INVITATION_ROLES:
        services.grant_role(person, role=role, by=by)
    for hook in _ACCEPT_HOOKS:
        hook(invitation, person)


def invitation_values(invitation, *, link):
    """The placeholders' values of an invitation's letter (``accounts.letters.builtin``)."""
    return {
        "name": invitation.first_name,
        "inviter": invitation.invited_by.full_name if invitation.invited_by_id else "",
        "role": str(invitation.get_role_display()),
        "organisation": invitation.organisation.short_name if invitation.organisation_id else "",
        "days": VALID_DAYS,
        "link": link,
    }


def _letter(invitation, *, token, template):
    context = {
        "invitation": invitation,
        "link": settings.SITE_URL.rstrip("/") + reverse("accounts:invitation",
                                                         kwargs={"token": token}),
        "site_url": settings.SITE_URL,
        "valid_days": VALID_DAYS,
    }
    link = context["site_url"] if template == "role_added" else context["link"]
    subject, body, html = letters.render(
        template, values=invitation_values(invitation, link=link), context=context)
    queue_email(subject=subject, body=body, to=[invitation.email], html=html)


def _issue(invitation):
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.expires_at = timezone.now() + timedelta(days=VALID_DAYS)
    invitation.sent_at = timezone.now()
    return token


@transaction.atomic
def invite(*, email: str, role: str, by: User | None, organisation=None, position: str = "",
           last_name: str = "", first_name: str = "", patronymic: str = "") -> Invitation:
    """Invite a person by e-mail; an existing account gets the role or membership at once."""
    email = normalise_email(email)
    if role not in InvitationRole.values:
        raise DomainError(_("Unknown role."), field="role")
    if role in TEAM_INVITATION_ROLES and organisation is None:
        raise DomainError(_("Choose the organisation whose team the person joins."),
                          field="organisation")
    if role in TEAM_INVITATION_ROLES and organisation.archived_at is not None:
        raise DomainError(_("The organisation is archived."), field="organisation")
    if role not in TEAM_INVITATION_ROLES:
        organisation, position = None, ""
    invitation = Invitation(
        email=email, role=role, organisation=organisation, position=(position or "").strip(),
        invited_by=by if by is not None and by.is_authenticated else None,
        last_name=(last_name or "").strip(), first_name=(first_name or "").strip(),
        patronymic=(patronymic or "").strip(),
    )
    person = User.objects.filter(email__iexact=email).first()
    if person is not None and not person.is_active:
        raise DomainError(_("The person with the e-mail %(email)s is switched off (they left). "
                            "Switch the account on again on the person's page instead of "
                            "inviting them.") % {"email": email}, field="email")
    token = _issue(invitation)
    try:
        invitation.full_clean(exclude=["token_hash"])
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from e
    if person is not None:
        invitation.person, invitation.accepted_at = person, timezone.now()
        invitation.save()
        _grant(invitation, person, by=by)
        audit.record(invitation, actor=by, action=AuditAction.INVITATION_ACCEPTED,
                     to_value=role, comment=_("added to the existing account"))
        _letter(invitation, token=token, template="role_added")
        return invitation
    # An open invitation of the same kind is replaced: one link per person and purpose.
    Invitation.objects.filter(
        email=email, role=role, organisation=organisation, accepted_at__isnull=True,
        withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    invitation.save()
    audit.record(invitation, actor=by, action=AuditAction.INVITATION_SENT, to_value=role)
    _letter(invitation, token=token, template="invitation")
    return invitation


@transaction.atomic
def resend_invitation(invitation: Invitation, *, by: User) -> Invitation:
    """A new link (the old one stops working), valid for another seven days."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_accepted or invitation.is_withdrawn:
        raise DomainError(_("This invitation is already accepted or withdrawn."))
    token = _issue(invitation)
    invitation.save(update_fields=["token_hash", "expires_at", "sent_at"])
    audit.record(invitation, actor=by, action=AuditAction.INVITATION_RESENT)
    _letter(invitation, token=token, template="invitation_resent")
    return invitation


@transaction.atomic
def withdraw_invitation(invitation: Invitation, *, by: User) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_accepted:
        raise DomainError(_("This invitation is already accepted."))
    if not invitation.is_withdrawn:
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])
        audit.record(invitation, actor=by, action=AuditAction.INVITATION_WITHDRAWN)
    return invitation


def username_for(email):
    """A free login made of the e-mail's local part («ivanova», «ivanova2», …)."""
    base = "".join(c for c in email.split("@", 1)[0].lower() if c.isalnum() or c in "._-")[:140]
    base = base or "user"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


@transaction.atomic
def accept_invitation(invitation: Invitation, *, password: str, last_name: str,
                      first_name: str, patronymic: str = "") -> User:
    """Create the invited person's account with their password and grant what was invited."""
    invitation = Invitation.objects.select_for_update(of=("self",)).select_related(
        "organisation", "invited_by").get(pk=invitation.pk)
    if not invitation.is_pending:
        raise DomainError(_("This invitation link is no longer valid."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise DomainError(_("An account with this e-mail already exists; sign in instead."))
    person = User(username=username_for(invitation.email), email=invitation.email,
                  last_name=last_name.strip(), first_name=first_name.strip(),
                  patronymic=(patronymic or "").strip())
    try:
        validate_password(password, person)
    except ValidationError as e:
        raise DomainError(" ".join(e.messages), field="password1") from e
    person.set_password(password)
    try:
        person.full_clean(exclude=["password"])
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from e
    person.save()
    audit.record(person, actor=person, action=AuditAction.CREATED,
                 comment=_("by invitation from %(who)s") % {"who": invitation.invited_by or "—"})
    invitation.person, invitation.accepted_at = person, timezone.now()
    invitation.save(update_fields=["person", "accepted_at"])
    _grant(invitation, person, by=invitation.invited_by)
    audit.record(invitation, actor=person, action=AuditAction.INVITATION_ACCEPTED,
                 to_value=invitation.role)
    return person


@transaction.atomic
def record_refusal(*, by: User, target, reason: str):
    """Write down an invitation someone tried to send without the right to (e.g. another school)."""
    audit.record(target, actor=by, action=AuditAction.INVITATION_REFUSED, comment=reason[:2000])


@transaction.atomic
def set_active(person: User, *, active: bool, by: User) -> User:
    """Switch a person who left off (their history stays) or on again. Open invitations to
    their e-mail are withdrawn when they are switched off."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.pk == by.pk:
        raise DomainError(_("You cannot switch off your own account."))
    if person.is_active == active:
        return person
    person.is_active = active
    person.save(update_fields=["is_active"])
    audit.record(person, actor=by,
                 action=AuditAction.REACTIVATED if active else AuditAction.DEACTIVATED)
    if not active and person.email:
        Invitation.objects.filter(email__iexact=person.email, accepted_at__isnull=True,
                                  withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    return person


# --- personal data (152-ФЗ) ----------------------------------------------------------------


@register_exporter
def export_invitations(person):
    """The invitations that brought the person in."""
    return DataPart(name="invitations", data=[
        {"email": i.email, "role": i.role, "organisation": str(i.organisation or ""),
         "position": i.position, "invited_by": str(i.invited_by or ""),
         "created_at": i.created_at, "accepted_at": i.accepted_at}
        for i in person.invitations.select_related("organisation", "invited_by")])


@register_anonymiser
def anonymise_invitations(person):
    """The invitations of a person who is anonymised keep no name or e-mail."""
    person.invitations.update(email=f"anonymised-{person.pk}@invalid", last_name="",
                              first_name="", patronymic="")
