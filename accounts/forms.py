from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from accounts.enums import ExpertPositionKind, NotificationChannel
from accounts.mail import queue_email
from accounts.models import User
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
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        queue_email(subject=subject, body=body, to=[to_email])


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
