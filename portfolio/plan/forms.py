"""Forms of a project's roles and calendar plan. A wrong value is refused beside its field and
the page shows the form again with everything typed (a chosen file must be chosen again)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from portfolio.plan.enums import PlanItemKind, ProjectRoleKind

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def _date(label, required=True):
    return forms.DateField(label=label, required=required, **DATE)


class _Crispy(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


def people_of(initiative):
    """The organisation's active people (a project's responsible persons are chosen among
    them; others are written as names)."""
    return User.objects.filter(
        is_active=True, memberships__organisation_id=initiative.organisation_id,
        memberships__is_active=True).distinct().order_by("last_name", "first_name", "pk")


class PlanItemForm(_Crispy):
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanItemKind.choices)
    number = forms.CharField(label=_("No."), max_length=20, required=False)
    title = forms.CharField(label=_("Activity or control point"), max_length=500)
    result = forms.CharField(label=_("Checkable result"), required=False, max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Required for a control point: what can be checked."))
    evidence_document = forms.CharField(label=_("Document that proves it"), max_length=500,
                                        required=False)
    responsible = forms.ModelChoiceField(User.objects.none(), label=_("Responsible"),
                                         required=False)
    responsible_name = forms.CharField(label=_("Or the responsible person's name"),
                                       max_length=300, required=False)
    planned_start = _date(_("Planned start"), required=False)
    planned_end = _date(_("Planned date (end)"))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = people_of(initiative)
        self.fields["responsible"].label_from_instance = lambda p: p.full_name

    def clean(self):
        data = super().clean()
        if data.get("planned_start") and data.get("planned_end") and \
                data["planned_end"] < data["planned_start"]:
            self.add_error("planned_end", _("The end cannot be before the start."))
        if data.get("kind") == PlanItemKind.POINT and not (data.get("result") or "").strip():
            self.add_error("result", _("Write the checkable result of the control point."))
        return data


class ForecastForm(forms.Form):
    forecast_start = _date(_("Forecast start"), required=False)
    forecast_end = _date(_("Forecast date"))

    def clean(self):
        data = super().clean()
        if data.get("forecast_start") and data.get("forecast_end") and \
                data["forecast_end"] < data["forecast_start"]:
            self.add_error("forecast_end", _("The end cannot be before the start."))
        return data


class PointDoneForm(forms.Form):
    actual_on = _date(_("Done on"))
    evidence = forms.FileField(label=_("Document that proves it"),
                               help_text=_("PDF, DOCX, ODT, XLSX, ODS, JPEG or PNG."))


class PointDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        ("accept", _("Accept")), ("return", _("Return"))])
    comment = forms.CharField(label=_("Comment"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class RoleForm(_Crispy):
    role = forms.ChoiceField(label=_("Role"), choices=ProjectRoleKind.choices)
    email = forms.EmailField(label=_("E-mail"), help_text=_(
        "A person without an account gets an invitation; the role passes to them when they "
        "accept it."))
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=150, required=False)
    position = forms.CharField(label=_("Position"), max_length=300, required=False,
                               help_text=_("For example, «начальник отдела управления "
                                           "образования»."))


class ShareForm(forms.Form):
    percent = forms.IntegerField(label=_("Share of working time, %"), required=False,
                                 min_value=1, max_value=1000)
