"""Forms of the project's passport and of the national projects (reference data). A wrong value
is refused beside its field and the page shows the form again with everything typed."""

from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from portfolio.models import NationalProject
from portfolio.passport.enums import Accumulation, FundingSource, GoalLevel

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
YEAR = {"min_value": 1990, "max_value": 2100}


def _area(label, limit, rows=3, help_text=""):
    return forms.CharField(label=label, required=False, max_length=limit, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))


class _Crispy(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class PassportMainForm(_Crispy):
    short_name = forms.CharField(label=_("Short name"), max_length=200, required=False,
                                 help_text=_("Empty: the card's title."))
    full_name = forms.CharField(label=_("Full name"), max_length=1000, required=False,
                                help_text=_("Empty: the card's title."))
    municipal_programme = forms.CharField(label=_("Municipal programme"), max_length=1000,
                                          required=False)
    national_projects = forms.ModelMultipleChoiceField(
        NationalProject.objects.none(), label=_("National projects"), required=False,
        widget=forms.CheckboxSelectMultiple)
    regional_projects = _area(_("Regional projects"), 5000, rows=2)
    participants = _area(_("Participants beyond the team"), 5000,
                         help_text=_("Organisations and bodies taking part."))
    additional_info = _area(_("Additional information"), 10000)

    def __init__(self, *args, chosen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["national_projects"].queryset = NationalProject.objects.filter(
            Q(is_active=True) | Q(pk__in=list(chosen)))


class IndicatorDetailForm(_Crispy):
    accumulation = forms.ChoiceField(label=_("Values of a year"), choices=Accumulation.choices)
    level = forms.ChoiceField(label=_("Level of the goal"), choices=GoalLevel.choices)
    method = _area(_("How it is calculated"), 5000, rows=2)
    baseline_on = forms.DateField(label=_("Base value date"), required=False, **DATE)


class ResultForm(_Crispy):
    title = forms.CharField(label=_("Result"), max_length=500)
    unit = forms.CharField(label=_("Unit"), max_length=50, required=False)
    year = forms.IntegerField(label=_("Year"), **YEAR)
    value = forms.CharField(label=_("Value"), max_length=40)
    characteristic = _area(_("Characteristic of the result"), 5000, rows=2)


class FundingForm(_Crispy):
    year = forms.IntegerField(label=_("Year"), **YEAR)
    source = forms.ChoiceField(label=_("Source"), choices=FundingSource.choices)
    amount = forms.CharField(label=_("Sum, rubles"), max_length=40,
                             help_text=_("Rubles with kopecks, e.g. 1 250 000,50; 0 allowed."))


class ApproverForm(_Crispy):
    person = forms.ModelChoiceField(User.objects.none(), label=_("Person"))
    position = forms.CharField(label=_("Position"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "first_name", "pk")


class CommentForm(_Crispy):
    comment = _area(_("Comment"), 5000, rows=2)


class NationalProjectForm(_Crispy):
    name = forms.CharField(label=_("Name"), max_length=300)
    starts_year = forms.IntegerField(label=_("First year"), **YEAR)
    ends_year = forms.IntegerField(label=_("Last year"), required=False, **YEAR)
    is_active = forms.BooleanField(label=_("Offered for passports"), required=False,
                                   initial=True)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=10000, initial=0)
