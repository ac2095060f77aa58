"""Following an invitation's link: set a password, then the consent and the home page.

An expired, used, withdrawn or unknown link gets a page that says which, with a button to ask
the person who invited for a new link.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts import audit, invitations, letters
from accounts.enums import AuditAction
from accounts.errors import DomainError, add_to_form
from accounts.letters.builtin import renew_values
from accounts.mail import queue_email

BACKEND = "accounts.backends.LoginOrEmailBackend"


class AcceptInvitationForm(forms.Form):
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150)
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150)
    patronymic = forms.CharField(label=gettext_lazy("Patronymic"), max_length=150, required=False)
    password1 = forms.CharField(label=gettext_lazy("Password"), max_length=128, strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=gettext_lazy("Password again"), max_length=128, strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        return data


def _state(invitation):
    if invitation is None:
        return "unknown"
    if invitation.is_accepted:
        return "used"
    if invitation.is_withdrawn:
        return "withdrawn"
    if invitation.is_expired:
        return "expired"
    return "pending"


class InvitationView(View):
    """Open to everyone: the token in the link is the permission (one time, seven days)."""

    template_name = "accounts/invitation_accept.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = invitations.find_by_token(kwargs["token"])
        self.state = _state(self.invitation)
        return super().dispatch(request, *args, **kwargs)

    def render(self, form=None, status=200):
        if self.state != "pending":
            status = 404 if self.state == "unknown" else 410
        return render(self.request, self.template_name, {
            "invitation": self.invitation, "state": self.state, "form": form,
            "token": self.kwargs["token"],
        }, status=status)

    def get(self, request, token):
        initial = {}
        if self.invitation is not None:
            initial = {"last_name": self.invitation.last_name,
                       "first_name": self.invitation.first_name,
                       "patronymic": self.invitation.patronymic}
        return self.render(AcceptInvitationForm(initial=initial))

    def post(self, request, token):
        if self.state != "pending":
            return self.render()
        form = AcceptInvitationForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        data = form.cleaned_data
        try:
            person = invitations.accept_invitation(
                self.invitation, password=data["password1"], last_name=data["last_name"],
                first_name=data["first_name"], patronymic=data["patronymic"])
        except DomainError as e:
            add_to_form(form, e)
            return self.render(form, status=400)
        login(request, person, backend=BACKEND)
        messages.success(request, _("Welcome! Your account is ready."))
        return redirect("home")


class InvitationRenewView(View):
    """Ask the person who invited (or the office) for a new link; the old one stays dead."""

    http_method_names = ["post"]

    def post(self, request, token):
        invitation = invitations.find_by_token(token)
        if invitation is None or invitation.is_accepted:
            messages.error(request, _("This link cannot be renewed. Ask the project office."))
            return redirect("accounts:login")
        ask_for_new_link(invitation)
        messages.success(request, _("Your request is sent. A new letter will come to %(email)s.")
                         % {"email": invitation.email})
        return redirect("accounts:login")


@transaction.atomic
def ask_for_new_link(invitation):
    """Tell the person who invited that a new link is wanted (audited, sent after commit)."""
    audit.record(invitation, actor=None, action=AuditAction.INVITATION_RESENT,
                 comment=_("a new link asked for by the invited person"))
    inviter = invitation.invited_by
    if inviter is None or not inviter.is_active or not inviter.email:
        return
    values = renew_values(invitation)
    subject, body, html = letters.render("invitation_renew", values=values, context=values)
    queue_email(subject=subject, body=body, to=[inviter.email], html=html)
