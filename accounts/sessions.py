"""How long a signed-in session lives: it ends after ``SESSION_IDLE_SECONDS`` without a request
(default 8 h) and ``SESSION_MAX_AGE_SECONDS`` after signing in whatever happens (default 12 h).

The moments are kept in the session itself; the last-seen moment is written at most every
``SESSION_ACTIVITY_REFRESH_SECONDS`` so an ordinary page does not write the session. A person
ends all their other sessions by raising ``User.sessions_epoch`` (part of the session hash).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import AuditAction
from accounts.models import User

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"


def start(session) -> None:
    """Called at sign-in: the session's clock starts."""
    now = int(time.time())
    session[SIGNED_IN_AT] = session[SEEN_AT] = now


def expired(session, now: float) -> bool:
    signed_in_at, seen_at = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
    if signed_in_at is None or seen_at is None:
        return False
    return (now - seen_at > settings.SESSION_IDLE_SECONDS
            or now - signed_in_at > settings.SESSION_MAX_AGE_SECONDS)


class SessionLifetimeMiddleware:
    """After AuthenticationMiddleware: signs out an idle or too old session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.get(SIGNED_IN_AT) is not None and request.user.is_authenticated:
            now = time.time()
            if expired(session, now):
                logout(request)
                messages.info(request, _("Your session has ended: sign in again."))
            elif now - session[SEEN_AT] > settings.SESSION_ACTIVITY_REFRESH_SECONDS:
                session[SEEN_AT] = int(now)
        return self.get_response(request)


@transaction.atomic
def end_all_sessions(user: User, *, by: User | None) -> None:
    """Every session of ``user`` ends at its next request. A view that keeps its own session
    calls ``update_session_auth_hash`` afterwards."""
    User.objects.filter(pk=user.pk).update(sessions_epoch=F("sessions_epoch") + 1)
    user.refresh_from_db(fields=["sessions_epoch"])
    audit.record(user, actor=by, action=AuditAction.SESSIONS_ENDED)
