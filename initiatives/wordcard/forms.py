from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import Organisation


class CardUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Word card (.docx)"),
        help_text=_("The card «Проектный замысел» as a .docx file: numbered or bold headings, "
                    "or a table «section | text»."),
        widget=forms.ClearableFileInput(attrs={
            "accept": ".docx,application/vnd.openxmlformats-officedocument."
                      "wordprocessingml.document"}),
    )


class CardConfirmForm(forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Organisation"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
