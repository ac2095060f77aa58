from django import forms
from django.utils.translation import gettext_lazy as _


class RegistryFileForm(forms.Form):
    file = forms.FileField(
        label=_("Registry file (XLSX or CSV)"),
        help_text=_("One initiative or project a row; the portal's own registry export fits."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class ConfirmForm(forms.Form):
    token = forms.CharField(max_length=100)
