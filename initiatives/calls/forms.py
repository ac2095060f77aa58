"""Forms of calls: the call itself, a personal extension, the choice of a call on a draft."""

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.calls import queries, services
from initiatives.models import Call, Direction

TEXT_LIMIT = 20000


def _date(label, **kwargs):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"},
                                                              format="%Y-%m-%d"), **kwargs)


def _time(label, help_text=""):
    return forms.TimeField(label=label, required=False, help_text=help_text,
                           widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


class _Crispy(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class CallForm(_Crispy):
    title = forms.CharField(label=_("Title"), max_length=300)
    academic_year = forms.CharField(label=_("Academic year"), max_length=9,
                                    help_text=_("For example 2027/2028."))
    directions = forms.ModelMultipleChoiceField(
        Direction.objects.none(), label=_("Accepted directions"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to accept every direction."))
    opens_on = _date(_("Opens on"))
    opens_time = _time(_("Opening time"), _("Empty: from the start of the day."))
    closes_on = _date(_("Closes on"))
    closes_time = _time(_("Closing time"),
                        _("Empty: submissions are accepted until the end of the day "
                          "(the office's time zone)."))
    description = forms.CharField(label=_("Description"), required=False, max_length=TEXT_LIMIT,
                                  widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        keep = [d.pk for d in instance.directions.all()] if instance else []
        self.fields["directions"].queryset = (
            Direction.objects.filter(is_active=True) | Direction.objects.filter(pk__in=keep)
        ).select_related("portfolio").distinct()

    @staticmethod
    def initial_for(call):
        if call is None:
            return {}
        opens, closes = (timezone.localtime(call.opens_at),
                         timezone.localtime(call.closes_at))
        end_of_day = closes.time() == datetime.time.max
        return {
            "title": call.title, "academic_year": call.academic_year,
            "directions": [d.pk for d in call.directions.all()],
            "opens_on": opens.date(), "opens_time": opens.time().replace(microsecond=0),
            "closes_on": closes.date(),
            "closes_time": None if end_of_day else closes.time().replace(microsecond=0),
            "description": call.description,
        }

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on"):
            data["opens_at"] = services.moment(data["opens_on"], data.get("opens_time"))
            data["closes_at"] = services.moment(data["closes_on"], data.get("closes_time"),
                                                closing=True)
            if data["closes_at"] <= data["opens_at"]:
                self.add_error("closes_on", _("The call must close after it opens."))
        return data

    def values(self):
        d = self.cleaned_data
        return {"title": d["title"], "academic_year": d["academic_year"],
                "directions": list(d["directions"]), "opens_at": d["opens_at"],
                "closes_at": d["closes_at"], "description": d["description"]}


class ExtensionForm(_Crispy):
    until_on = _date(_("Accepted until (date)"))
    until_time = _time(_("Time"), _("Empty: until the end of the day."))
    reason = forms.CharField(label=_("Reason"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def until(self):
        return services.moment(self.cleaned_data["until_on"], self.cleaned_data.get("until_time"),
                               closing=True)


class JoinForm(forms.Form):
    call = forms.ModelChoiceField(None, label=_("Call"), required=False,
                                  empty_label=_("— no call —"))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        from_call = [initiative.call_id] if initiative.call_id else []
        fitting = queries.fitting(initiative.direction_id).values("pk")
        self.fields["call"].queryset = (
            Call.objects.filter(pk__in=fitting)
            | Call.objects.filter(pk__in=from_call)).order_by("closes_at", "pk")
