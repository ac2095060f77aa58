"""After the password, a person whose session still owes the second factor sees only its pages.

What is owed is written into the session at sign-in (``accounts.signals``) and removed when the
code is accepted, so a page costs no query to know it. django-otp's ``OTPMiddleware`` is not
used: it would wrap ``request.user`` in a second lazy object (the per-request caches of
``network.queries`` look one level deep) and read the device on every page.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.second_factor.services import ENROL, SESSION_STEP, VERIFY

STEP_VIEWS = {VERIFY: "accounts:second_factor_verify", ENROL: "accounts:second_factor_enrol"}
# Pages open before the second factor: its own steps, signing out, the health probe, the language.
EXEMPT_VIEWS = frozenset({*STEP_VIEWS.values(), "accounts:second_factor_codes",
                          "accounts:logout", "healthz", "set_language"})


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        step = request.session.get(SESSION_STEP) if hasattr(request, "session") else None
        if step not in STEP_VIEWS or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if (match and match.view_name in EXEMPT_VIEWS) or request.path.startswith(settings.STATIC_URL):
            return None
        target = reverse(STEP_VIEWS[step])
        if request.headers.get("HX-Request"):
            # a fragment (the notification badge…) answers nothing; the page around it is sent
            # to the step, unless it is the step's own page already
            response = HttpResponse(status=204)
            current = request.headers.get("HX-Current-URL", "")
            if not any(reverse(name) in current for name in EXEMPT_VIEWS
                       if name.startswith("accounts:second_factor")):
                response["HX-Redirect"] = target
            return response
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
