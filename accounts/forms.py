from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts import letters
from accounts.enums import ExpertPositionKind, NotificationChannel
from accounts.identity import TEXT_FIELDS
from accounts.logo import MAX_BYTES, check_logo
from accounts.mail import queue_email
from accounts.models import OfficeIdentity, User
from accounts.services import PROFILE_FIELDS


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Login or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "Wrong login or password. Check the keyboard layout and Caps Lock and try again."
        ),
        "inactive": _("This account is switched off. Ask the project office."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Sign in"), css_class="w-100"))


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = PROFILE_FIELDS
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists()
        if taken:
            raise forms.ValidationError(_("Another person already uses this e-mail address."))
        return email


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the letter sent by Celery instead of inside the request."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        link = "{}://{}{}".format(context["protocol"], context["domain"], reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]}))
        user = context["user"]
        subject, body, html = letters.render(
            "password_reset", context={**context, "link": link},
            values={"name": user.first_name, "login": user.get_username(), "link": link})
        queue_email(subject=subject, body=body, to=[to_email], html=html)


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_("I have read the text above and give my consent to the processing of my personal data"),
        error_messages={"required": _("Tick the box to give your consent, or sign out.")},
    )


class NotificationSettingsForm(forms.Form):
    """One choice of channel per kind of notification."""

    def __init__(self, *args, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label, channel in preferences:
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=NotificationChannel.choices, initial=channel
            )


class ExpertPositionForm(forms.Form):
    position = forms.ChoiceField(label=_("New position"), choices=ExpertPositionKind.choices)
    since = forms.DateField(label=_("Since"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reason = forms.CharField(label=_("Reason"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class IdentityForm(forms.ModelForm):
    """The office's identity on its settings page; the logo is checked by content here, so a
    wrong file is named next to its field."""

    logo = forms.FileField(
        label=_("Logo"), required=False,
        help_text=_("PNG or SVG, up to %(kb)s KB. An SVG is cleaned of scripts and links.")
        % {"kb": MAX_BYTES // 1024},
        widget=forms.FileInput(attrs={"accept": ".png,.svg,image/png,image/svg+xml"}))
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    website = forms.URLField(label=capfirst(OfficeIdentity._meta.get_field("website").verbose_name),
                             required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = OfficeIdentity
        fields = TEXT_FIELDS
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = True
        self.helper.attrs = {"enctype": "multipart/form-data"}
        logo = ["logo", "remove_logo"] if self.instance.has_logo else ["logo"]
        if not self.instance.has_logo:
            del self.fields["remove_logo"]
        self.helper.layout = Layout(
            Fieldset(_("The body and the office"), "body_name", "office_name", "municipality",
                     "region", "place_name"),
            Fieldset(_("Contacts"), "address", "phone", "email", "website"),
            Fieldset(_("Logo"), *logo),
            Fieldset(_("Who signs documents"), "head_name", "head_position", "secretary_name",
                     "secretary_position"),
        )
        self.helper.add_input(Submit("submit", _("Save")))

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The logo may be at most %(kb)s KB; this file has %(size)s KB.")
                                  % {"kb": MAX_BYTES // 1024, "size": (upload.size + 1023) // 1024})
        return check_logo(upload.read())

    def identity_values(self):
        """The keyword arguments of ``update_identity``."""
        values = {f: self.cleaned_data[f] for f in TEXT_FIELDS}
        return {**values, "logo": self.cleaned_data.get("logo"),
                "remove_logo": self.cleaned_data.get("remove_logo", False)}
