"""A signed-in person who has not accepted the current consent text sees only the consent page."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.personal_data import SESSION_KEY, has_consent

# Pages open before consent: the consent itself, signing out, the health probe, the language.
# The second factor's steps come before consent (SecondFactorRequiredMiddleware runs first).
EXEMPT_VIEWS = frozenset({"accounts:consent", "accounts:logout", "healthz", "set_language",
                          "accounts:second_factor_verify", "accounts:second_factor_enrol",
                          "accounts:second_factor_codes"})


class ConsentRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        if request.session.get(SESSION_KEY) == settings.CONSENT_VERSION:
            return None
        match = request.resolver_match
        if (match and match.view_name in EXEMPT_VIEWS) or request.path.startswith(settings.STATIC_URL):
            return None
        if has_consent(request.user):
            request.session[SESSION_KEY] = settings.CONSENT_VERSION
            return None
        target = reverse("accounts:consent")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            if reverse("accounts:consent") not in request.headers.get("HX-Current-URL", ""):
                response["HX-Redirect"] = target
            return response
        return redirect(target)
