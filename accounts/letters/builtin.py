"""The kinds of letter of the accounts app: one per kind of notification, the daily digest, the
invitations (sent, sent again, a new link asked for), the password reset.

Registered from ``AccountsConfig.ready()``; the other apps register theirs the same way."""

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

from accounts import letters
from accounts.enums import NotificationKind
from accounts.invitations import VALID_DAYS, invitation_values
from accounts.models import Invitation, Notification

GROUP = _("Notifications")
PEOPLE = _("People and roles")

NOTIFICATION_PLACEHOLDERS = {
    "name": _("the addressee's first name"),
    "kind": _("the kind of notification"),
    "title": _("what happened (the notification's title)"),
    "body": _("the details of the notification"),
    "link": _("the link to the page in the portal"),
    "settings_link": _("the link to the notification settings"),
}


def notification_key(kind):
    return f"notification.{kind}"


def absolute(path):
    return f"{settings.SITE_URL.rstrip('/')}{path}" if path else settings.SITE_URL


def notification_values(notification):
    """The placeholders' values of one notification's letter."""
    person = notification.recipient
    return {
        "name": person.first_name or person.short_name,
        "kind": str(notification.get_kind_display()),
        "title": notification.title,
        "body": notification.body,
        "link": absolute(notification.url),
        "settings_link": absolute(reverse("accounts:notification_settings")),
    }


def _notification_context(tokens):
    return {
        "person": {"first_name": tokens["name"], "short_name": tokens["name"]},
        "notification": {"title": tokens["title"], "body": tokens["body"]},
        "link": tokens["link"],
        "settings_link": tokens["settings_link"],
        "kind": tokens["kind"],
    }


def _notification_sample(kind):
    def sample():
        row = (Notification.objects.filter(kind=kind).select_related("recipient")
               .order_by("-created_at", "-pk").first())
        return notification_values(row) if row is not None else None
    return sample


INVITATION_PLACEHOLDERS = {
    "name": _("the invited person's first name"),
    "inviter": _("who invites"),
    "role": _("the role"),
    "organisation": _("the organisation"),
    "days": _("how many days the link is valid"),
    "link": _("the link to accept the invitation"),
}


def _invitation_context(tokens):
    return {
        "invitation": {
            "first_name": tokens["name"], "invited_by": {"full_name": tokens["inviter"]},
            "get_role_display": tokens["role"],
            "organisation": {"short_name": tokens["organisation"]},
        },
        "valid_days": VALID_DAYS,
        "link": tokens["link"],
        "site_url": tokens["link"],
    }


def _invitation_sample():
    invitation = (Invitation.objects.select_related("organisation", "invited_by")
                  .order_by("-created_at", "-pk").first())
    if invitation is None:
        return None
    return invitation_values(invitation, link=absolute(reverse(
        "accounts:invitation", kwargs={"token": "…"})))


DIGEST = "digest"

DIGEST_PLACEHOLDERS = {
    "name": _("the addressee's first name"),
    "count": _("how many notifications the letter gathers"),
    "list": _("the notifications, each with its link"),
    "list_link": _("the link to all the notifications"),
    "settings_link": _("the link to the notification settings"),
}


def digest_values(person, rows):
    """The placeholders' values of one person's daily digest of ``rows`` (notifications)."""
    lines = []
    for row in rows:
        at = dateformat.format(timezone.localtime(row.created_at), "j E, H:i")
        lines.append(f"— {at} · {row.get_kind_display()}: {row.title}\n  {absolute(row.url)}")
    return {
        "name": person.first_name or person.short_name,
        "count": len(rows),
        "list": "\n".join(lines),
        "list_link": absolute(reverse("accounts:notifications")),
        "settings_link": absolute(reverse("accounts:notification_settings")),
    }


def _digest_context(tokens):
    return {**tokens, "count": letters.Number(5, tokens["count"])}


def _digest_sample():
    row = (Notification.objects.filter(channel="digest").select_related("recipient")
           .order_by("-created_at", "-pk").first())
    return digest_values(row.recipient, [row]) if row is not None else None


RENEW_PLACEHOLDERS = {
    "email": _("the invited person's e-mail"),
    "role": _("the role of the invitation"),
    "name": _("the invited person's first name"),
    "link": _("the link to the list of invitations"),
}


def renew_values(invitation):
    """The placeholders' values of the letter asking the inviter for a new link."""
    return {
        "email": invitation.email,
        "role": str(invitation.get_role_display()),
        "name": invitation.first_name,
        "link": absolute(reverse("network:invitations")),
    }


def _renew_sample():
    invitation = Invitation.objects.order_by("-created_at", "-pk").first()
    return renew_values(invitation) if invitation is not None else None


PASSWORD_PLACEHOLDERS = {
    "name": _("the person's first name"),
    "login": _("the person's login"),
    "link": _("the link to set a new password"),
}


def _password_context(tokens):
    return {"user": {"first_name": tokens["name"], "get_username": tokens["login"]},
            "link": tokens["link"]}


def register_kinds():
    for kind in NotificationKind:
        letters.register(letters.LetterKind(
            key=notification_key(kind.value), label=kind.label, group=GROUP,
            subject_template="accounts/email/notification_subject.txt",
            body_template="accounts/email/notification.txt",
            placeholders=NOTIFICATION_PLACEHOLDERS, required=("link",),
            token_context=_notification_context, sample=_notification_sample(kind.value)))
    letters.register(letters.LetterKind(
        key="invitation", label=_("An invitation to the portal"), group=PEOPLE,
        subject_template="accounts/email/invitation_subject.txt",
        body_template="accounts/email/invitation.txt",
        placeholders=INVITATION_PLACEHOLDERS, required=("link",),
        token_context=_invitation_context, sample=_invitation_sample))
    letters.register(letters.LetterKind(
        key="invitation_resent", label=_("An invitation sent again (a new link)"), group=PEOPLE,
        subject_template="accounts/email/invitation_resent_subject.txt",
        body_template="accounts/email/invitation_resent.txt",
        placeholders=INVITATION_PLACEHOLDERS, required=("link",),
        token_context=_invitation_context, sample=_invitation_sample))
    letters.register(letters.LetterKind(
        key="invitation_renew", label=_("A new invitation link asked for by the invited person"),
        group=PEOPLE,
        subject_template="accounts/email/invitation_renew_subject.txt",
        body_template="accounts/email/invitation_renew.txt",
        placeholders=RENEW_PLACEHOLDERS, required=("link",), sample=_renew_sample))
    letters.register(letters.LetterKind(
        key=DIGEST, label=_("The daily digest of notifications"), group=GROUP,
        subject_template="accounts/email/digest_subject.txt",
        body_template="accounts/email/digest.txt",
        placeholders=DIGEST_PLACEHOLDERS, required=("list", "list_link"),
        token_context=_digest_context, sample=_digest_sample))
    letters.register(letters.LetterKind(
        key="role_added", label=_("A new role for an existing account"), group=PEOPLE,
        subject_template="accounts/email/role_added_subject.txt",
        body_template="accounts/email/role_added.txt",
        placeholders=INVITATION_PLACEHOLDERS, required=("link",),
        token_context=_invitation_context, sample=_invitation_sample))
    letters.register(letters.LetterKind(
        key="password_reset", label=_("Password reset"), group=PEOPLE,
        subject_template="accounts/email/password_reset_subject.txt",
        body_template="accounts/email/password_reset.txt",
        placeholders=PASSWORD_PLACEHOLDERS, required=("link",),
        token_context=_password_context))
