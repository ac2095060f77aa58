"""The pages of the second factor: the code after the password, enrolment with a QR code drawn
on the server, the recovery codes shown once, switching off, and the head's reset."""

import base64

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from django_otp import login as otp_login
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError
from accounts.mixins import CrumbsMixin
from accounts.models import User
from accounts.second_factor import services
from accounts.second_factor.forms import CodeForm

KEY_SESSION = "second_factor_key"
CODES_SESSION = "second_factor_codes"


def _next_url(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                   require_https=request.is_secure()):
        return target
    return reverse(default)


def qr_svg(data: str) -> str:
    """The QR code of ``data`` as inline SVG markup (qrcode's SVG path factory, no script)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


class SecondFactorVerifyView(PermissionRequiredMixin, FormView):
    """The code from the app (or a recovery code) after the password."""

    permission_required = "accounts.use_second_factor"
    template_name = "accounts/second_factor/verify.html"
    form_class = CodeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Sign in"), "help_text": _(
            "Six digits from the authenticator app, or one of your recovery codes.")}

    def dispatch(self, request, *args, **kwargs):
        if (request.user.is_authenticated
                and request.session.get(services.SESSION_STEP) != services.VERIFY):
            return redirect(_next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=_next_url(self.request), **kwargs)

    def form_valid(self, form):
        request, user = self.request, self.request.user
        credentials = {"username": user.get_username()}
        if AxesProxyHandler.is_locked(request, credentials):
            return self._locked(credentials)
        device = services.verify_code(user, form.cleaned_data["code"])
        if device is None:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return self._locked(credentials)
            form.add_error("code", _("The code does not fit. Enter the six digits the app shows "
                                     "now (each code works once), or an unused recovery code."))
            return self.form_invalid(form)
        otp_login(request, device)
        request.session.pop(services.SESSION_STEP, None)
        axes_reset(username=user.get_username())
        return redirect(_next_url(request))

    def _locked(self, credentials):
        request, user = self.request, self.request.user
        services.note_locked(User.objects.get(pk=user.pk),
                             ip_address=getattr(request, "axes_ip_address", None))
        logout(request)
        request.axes_locked_out = False  # the lockout page is given here, once
        return get_lockout_response(request, None, credentials)


class SecondFactorEnrolView(PermissionRequiredMixin, CrumbsMixin, FormView):
    """Scan the QR code with the app, then confirm with the code it shows."""

    permission_required = "accounts.use_second_factor"
    template_name = "accounts/second_factor/enrol.html"
    form_class = CodeForm

    def get_crumbs(self):
        return [(reverse("accounts:profile"), _("My profile")), (None, _("Second factor"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Confirm and switch on"),
                "help_text": _("The six digits the app shows for the portal now.")}

    def _key(self):
        key = self.request.session.get(KEY_SESSION)
        if not key:
            key = self.request.session[KEY_SESSION] = services.new_key()
        return key

    def get_context_data(self, **kwargs):
        key = self._key()
        url = services.config_url(self.request.user, key)
        secret = base64.b32encode(bytes.fromhex(key)).decode()
        return super().get_context_data(
            qr=mark_safe(qr_svg(url)),  # noqa: S308 — markup drawn by qrcode from our own data
            secret=" ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
            required=self.request.session.get(services.SESSION_STEP) == services.ENROL,
            next=_next_url(self.request), **kwargs)

    def form_valid(self, form):
        request = self.request
        try:
            codes = services.confirm_enrolment(User.objects.get(pk=request.user.pk),
                                               key=self._key(), code=form.cleaned_data["code"])
        except DomainError as e:
            form.add_error(e.field, str(e))
            return self.form_invalid(form)
        device = services.totp_device(request.user)
        otp_login(request, device)
        request.session.pop(KEY_SESSION, None)
        request.session.pop(services.SESSION_STEP, None)
        request.session[CODES_SESSION] = codes
        messages.success(request, _("The second factor is on."))
        return redirect(reverse("accounts:second_factor_codes") + "?next="
                        + _next_url(request, default="accounts:profile"))


class RecoveryCodesView(PermissionRequiredMixin, View):
    """The ten recovery codes, shown once right after they are made."""

    permission_required = "accounts.use_second_factor"

    def get(self, request):
        codes = request.session.pop(CODES_SESSION, None)
        if not codes:
            messages.info(request, _("Recovery codes are shown only once. Make new ones on the "
                                     "profile if you have lost them."))
            return redirect("accounts:profile")
        return render(request, "accounts/second_factor/codes.html", {
            "codes": codes, "next": _next_url(request, default="accounts:profile"),
            "crumbs": [(reverse("accounts:profile"), _("My profile")),
                       (None, _("Recovery codes"))]})


class RecoveryCodesRenewView(PermissionRequiredMixin, View):
    permission_required = "accounts.use_second_factor"
    http_method_names = ["post"]

    def post(self, request):
        try:
            codes = services.renew_recovery_codes(User.objects.get(pk=request.user.pk))
        except DomainError as e:
            messages.error(request, str(e))
            return redirect("accounts:profile")
        request.session[CODES_SESSION] = codes
        return redirect("accounts:second_factor_codes")


class SecondFactorDisableView(PermissionRequiredMixin, View):
    permission_required = "accounts.use_second_factor"
    http_method_names = ["post"]

    def post(self, request):
        try:
            services.disable_second_factor(User.objects.get(pk=request.user.pk))
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("The second factor is off."))
        return redirect("accounts:profile")


class SecondFactorResetView(PermissionRequiredMixin, View):
    """The office head removes another person's second factor (a lost phone)."""

    permission_required = "accounts.reset_second_factor"
    http_method_names = ["post"]

    def get_permission_object(self):
        return self.person

    def dispatch(self, request, *args, pk, **kwargs):
        self.person = get_object_or_404(User, pk=pk, is_active=True)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        try:
            services.reset_second_factor(self.person, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("The second factor of %(name)s is reset: they set it up "
                                        "again at the next sign-in.") % {"name": self.person.full_name})
        return redirect(self.person.get_absolute_url())
