"""System checks of the accounts app."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def second_factor_exemption_only_in_the_demo(app_configs, **kwargs):
    """``OTP_EXEMPT_DEMO`` lets the demo's office accounts skip the second factor: refused
    whenever DEBUG is off (``runserver``, ``migrate``, ``check --deploy`` all stop)."""
    if getattr(settings, "OTP_EXEMPT_DEMO", False) and not settings.DEBUG:
        return [Error(
            "OTP_EXEMPT_DEMO is on while DEBUG is off: the second factor may be skipped only "
            "in the demo.",
            hint="Remove OTP_EXEMPT_DEMO from the environment of a real installation.",
            id="accounts.E001",
        )]
    return []
