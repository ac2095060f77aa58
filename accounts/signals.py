"""Receivers of Django's sign-in signal: remember the consent and the second factor still owed
in the session at sign-in."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts import sessions
from accounts.personal_data import SESSION_KEY, has_consent
from accounts.second_factor.services import SESSION_STEP, step_after_password


@receiver(user_logged_in, dispatch_uid="accounts.consent_into_session")
def consent_into_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and has_consent(user):
        request.session[SESSION_KEY] = settings.CONSENT_VERSION


@receiver(user_logged_in, dispatch_uid="accounts.second_factor_into_session")
def second_factor_into_session(sender, request, user, **kwargs):
    """What the person still owes after the password: a code, or enrolment (see the middleware)."""
    if request is not None and hasattr(request, "session"):
        sessions.start(request.session)
        step = step_after_password(user)
        if step:
            request.session[SESSION_STEP] = step
