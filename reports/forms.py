from django import forms
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from accounts.widgets import AutocompleteSelect
from initiatives.enums import InitiativeState
from initiatives.models import Call, Direction
from network.models import Organisation
from reports.scope import FIRST_YEAR


def _call_field():
    return forms.ModelChoiceField(label=_("Call"), required=False,
                                  queryset=Call.objects.order_by("-opens_at", "-pk"),
                                  empty_label=_("all calls and cards without a call"))


class AnnualReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    call = _call_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in range(this_year, FIRST_YEAR - 1, -1)]
        self.fields["year"].initial = this_year - 1


def _date_field(label):
    return forms.DateField(label=label, required=False,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class ReportOnRequestForm(forms.Form):
    """A report on request: the period and, if wanted, one direction, organisation, state."""

    start = _date_field(_("Start of the period"))
    end = _date_field(_("End of the period"))
    direction = forms.ModelChoiceField(label=_("Direction"), required=False,
                                       queryset=Direction.objects.none(),
                                       empty_label=_("all directions"))
    organisation = forms.ModelChoiceField(label=_("Organisation"), required=False,
                                          queryset=Organisation.objects.none(),
                                          empty_label=_("all organisations"),
                                          widget=AutocompleteSelect("reports:request_choices"))
    state = forms.ChoiceField(label=_("State of the initiatives"), required=False)
    call = _call_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].queryset = Direction.objects.select_related("portfolio").order_by(
            "portfolio__order", "order", "name")
        self.fields["organisation"].queryset = Organisation.objects.order_by("short_name")
        self.fields["state"].choices = [("", _("all states")), *InitiativeState.choices]
        today = timezone.localdate()
        self.fields["start"].initial = today.replace(month=1, day=1)
        self.fields["end"].initial = today

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if not start and "start" not in self.errors:
            self.add_error("start", _("Give the first day of the period."))
        if not end and "end" not in self.errors:
            self.add_error("end", _("Give the last day of the period."))
        if start and end and end < start:
            self.add_error("end", _("The end of the period is before its start."))
        return data


def _local(moment):
    return timezone.localtime(moment).strftime("%d.%m.%Y")


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return _("№ %(n)s of %(date)s — %(topic)s") % {
            "n": meeting.number, "date": _local(meeting.starts_at),
            "topic": meeting.topic or meeting.format}


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, decision):
        meeting = decision.item.meeting
        return _("meeting № %(n)s of %(date)s, item %(item)s: «%(text)s»") % {
            "n": meeting.number, "date": _local(meeting.starts_at), "item": decision.item.order,
            "text": Truncator(decision.text).chars(120)}


class ReportAgendaForm(forms.Form):
    meeting = MeetingChoiceField(label=_("Meeting"), queryset=None,
                                 empty_label=_("choose a meeting"))

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class ReportApprovalForm(forms.Form):
    decision = DecisionChoiceField(label=_("Decision of a held meeting"), queryset=None,
                                   empty_label=_("choose the decision"))

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions
