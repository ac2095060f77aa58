"""Domain functions of the second factor. Every change writes an audit record."""

import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from accounts import audit
from accounts.enums import AuditAction, OfficeRole
from accounts.errors import DomainError
from accounts.models import User

RECOVERY_CODES = 10
REQUIRED_ROLES = frozenset({OfficeRole.OFFICE_STAFF, OfficeRole.OFFICE_HEAD})
# What the session says is still to be done after the password: enter a code, or enrol first.
SESSION_STEP = "second_factor_step"
VERIFY, ENROL = "verify", "enrol"


def is_required(user: User) -> bool:
    """Office staff and the head must have a second factor."""
    return bool(REQUIRED_ROLES & user.role_codes)


def has_factor(user: User) -> bool:
    return any(isinstance(d, TOTPDevice) for d in devices_for_user(user, confirmed=True))


def step_after_password(user: User) -> str | None:
    """What the person must do after the password: ``VERIFY``, ``ENROL`` or nothing."""
    if has_factor(user):
        return VERIFY
    if is_required(user) and not settings.OTP_EXEMPT_DEMO:
        return ENROL
    return None


def new_key() -> str:
    """A fresh TOTP secret (hex, as django-otp stores it); kept in the session until confirmed."""
    return random_hex(20)


def _totp_matches(key: str, code: str) -> int | None:
    """The time step ``code`` belongs to for ``key`` (django-otp's TOTP), or None."""
    code = (code or "").strip().replace(" ", "")
    if not code.isdigit():
        return None
    totp = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6, drift=0)
    if totp.verify(int(code), tolerance=1):
        return totp.t()
    return None


@transaction.atomic
def confirm_enrolment(user: User, *, key: str, code: str) -> list[str]:
    """Confirm the authenticator app by one of its codes: the device is created confirmed (an
    abandoned enrolment leaves nothing), any earlier device replaced, ten recovery codes made.
    Returns the recovery codes to show once."""
    step = _totp_matches(key, code)
    if step is None:
        raise DomainError(_("The code does not match. Check the time on the phone and enter the "
                            "six digits the app shows now."), field="code")
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name=_("Authenticator app"), key=key, confirmed=True,
                              last_t=step)
    codes = _replace_recovery_codes(user)
    audit.record(user, actor=user, action=AuditAction.SECOND_FACTOR_ENABLED)
    return codes


def _replace_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
    codes = [_recovery_code() for _n in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def _recovery_code() -> str:
    # 10 characters from an alphabet without look-alikes (no 0/O, 1/l/I)
    return "".join(secrets.choice("abcdefghjkmnpqrstuvwxyz23456789") for _n in range(10))


@transaction.atomic
def renew_recovery_codes(user: User) -> list[str]:
    if not has_factor(user):
        raise DomainError(_("Switch the second factor on first."))
    codes = _replace_recovery_codes(user)
    audit.record(user, actor=user, action=AuditAction.RECOVERY_CODES_RENEWED)
    return codes


def verify_code(user: User, code: str):
    """The device that accepts ``code`` (a TOTP code or an unused recovery code), or None.
    A TOTP code already used (its time step or an earlier one) is refused by django-otp; a
    recovery code is deleted when used."""
    code = (code or "").strip().replace(" ", "").replace("-", "").lower()
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            # six digits go to the app's device, anything else to the recovery codes
            is_totp_code = len(code) == 6 and code.isdigit()
            if isinstance(device, TOTPDevice) != is_totp_code:
                continue
            if device.verify_token(code):
                if isinstance(device, StaticDevice):
                    audit.record(user, actor=user, action=AuditAction.RECOVERY_CODE_USED,
                                 data={"left": device.token_set.count()})
                return device
    return None


@transaction.atomic
def disable_second_factor(user: User) -> None:
    """A person who is not required to have a second factor may switch it off."""
    if is_required(user):
        raise DomainError(_("The office staff and the head cannot switch the second factor off."))
    deleted = _delete_devices(user)
    if deleted:
        audit.record(user, actor=user, action=AuditAction.SECOND_FACTOR_DISABLED)


@transaction.atomic
def reset_second_factor(person: User, *, by: User) -> None:
    """The office head removes another person's factor (a lost phone): the person enrols again
    at the next sign-in; their sessions end (see ``accounts.sessions``)."""
    if person.pk == by.pk:
        raise DomainError(_("You cannot reset your own second factor."))
    _delete_devices(person)
    User.objects.filter(pk=person.pk).update(sessions_epoch=F("sessions_epoch") + 1)
    audit.record(person, actor=by, action=AuditAction.SECOND_FACTOR_RESET)


def _delete_devices(user: User) -> int:
    totp, _rows = TOTPDevice.objects.filter(user=user).delete()
    static, _rows = StaticDevice.objects.filter(user=user).delete()
    return totp + static


@transaction.atomic
def note_locked(user: User, *, ip_address: str | None) -> None:
    audit.record(user, actor=user, action=AuditAction.SECOND_FACTOR_LOCKED,
                 data={"ip": ip_address or ""})


def totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def config_url(user: User, key: str) -> str:
    """The otpauth:// address of the QR code (django-otp's own format, issuer from settings)."""
    return TOTPDevice(user=user, key=key, name=user.get_username()).config_url
