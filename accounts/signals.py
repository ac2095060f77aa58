"""Receivers of Django's sign-in signal: remember the consent in the session at sign-in."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.personal_data import SESSION_KEY, has_consent


@receiver(user_logged_in, dispatch_uid="accounts.consent_into_session")
def consent_into_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and has_consent(user):
        request.session[SESSION_KEY] = settings.CONSENT_VERSION
