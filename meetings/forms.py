from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.widgets import AutocompleteSelect
from initiatives.models import Initiative
from meetings.enums import ActivityKind, ActivityStatus, AgendaKind, AttendanceStatus, DecisionKind
from meetings.models import MeetingFormat, WorkPlan

TEXT_LIMIT = 20000


def _text(label, rows=3, required=False):
    return forms.CharField(label=label, required=required, max_length=TEXT_LIMIT,
                           widget=forms.Textarea(attrs={"rows": rows}))


def _office_people():
    return User.objects.filter(is_active=True).filter(
        Q(role_assignments__role__in=["office_staff", "office_head", "expert"])
        | Q(office_memberships__isnull=False)
    ).distinct().order_by("last_name", "first_name")


# the JSON view behind the selects of people and initiatives (they list tables that grow)
CHOICES = "meetings:choices"


def _active_people():
    return User.objects.filter(is_active=True).order_by("last_name", "first_name")


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MeetingForm(forms.Form):
    format = forms.ModelChoiceField(MeetingFormat.objects.none(), label=_("Format"))
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_link = forms.URLField(label=_("Online link"), max_length=500, required=False,
                                 assume_scheme="https")
    topic = forms.CharField(label=_("Topic"), max_length=300, required=False)
    chair = forms.ModelChoiceField(User.objects.none(), label=_("Chair"), required=False,
                                   widget=AutocompleteSelect(CHOICES))
    secretary = forms.ModelChoiceField(User.objects.none(), label=_("Secretary"), required=False,
                                       widget=AutocompleteSelect(CHOICES))

    def __init__(self, *args, submit_label=None, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        submit_label = submit_label or _("Save")
        # an archived format is offered only to the meeting that already has it
        offered = Q(is_active=True) | Q(pk=meeting.format_id if meeting is not None else None)
        self.fields["format"].queryset = MeetingFormat.objects.filter(offered)
        self.fields["chair"].queryset = self.fields["secretary"].queryset = _office_people()
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit_label))

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("The meeting cannot end before it starts."))
        if not data.get("place") and not data.get("online_link") and "online_link" not in \
                self.errors:
            self.add_error("place", _("Give the place or the online link."))
        return data


class AgendaItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AgendaKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500, required=False,
                            help_text=_("Leave empty to use the initiative's or plan's title."))
    initiative = forms.ModelChoiceField(Initiative.objects.none(), required=False,
                                        label=_("Initiative or project"),
                                        widget=AutocompleteSelect(CHOICES))
    work_plan = forms.ModelChoiceField(WorkPlan.objects.none(), required=False,
                                       label=_("Work plan"))
    presenter = forms.ModelChoiceField(User.objects.none(), required=False, label=_("Presenter"),
                                       widget=AutocompleteSelect(CHOICES))
    presenter_name = forms.CharField(label=_("Presenter (not on the portal)"), max_length=300,
                                     required=False)
    starts_at = forms.TimeField(label=_("From"), required=False,
                                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    minutes = forms.IntegerField(label=_("Duration, minutes"), required=False, min_value=1, max_value=600)

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        submit_label = submit_label or _("Add to the agenda")
        self.fields["initiative"].queryset = Initiative.objects.select_related(
            "organisation").order_by("title")
        self.fields["work_plan"].queryset = WorkPlan.objects.all()
        self.fields["presenter"].queryset = _active_people()
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit_label))


class MinutesForm(forms.Form):
    heard = _text(_("Heard"), 4)
    spoke = _text(_("Spoke"), 4)
    decided = _text(_("Decided"), 3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class DecisionForm(forms.Form):
    """A decision on one item. Pages with many items build one form per item with the item's
    prefix (unique ids); the owner is searched for as the person types."""

    kind = forms.ChoiceField(label=_("Kind of decision"), choices=DecisionKind.choices)
    text = _text(_("Text of the decision"), 2, required=True)
    owner = forms.ModelChoiceField(User.objects.none(), label=_("Owner (for a task)"),
                                   required=False, widget=AutocompleteSelect(CHOICES))
    due_on = forms.DateField(label=_("Due on (for a task)"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _active_people()


class AttendanceForm(forms.Form):
    """One radio group per invited person."""

    def __init__(self, *args, people, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        for person in people:
            self.fields[f"p{person.pk}"] = forms.ChoiceField(
                label=person.full_name, choices=AttendanceStatus.choices, required=False,
                widget=forms.RadioSelect, initial=current.get(person.pk))
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save attendance")))

    def marks(self):
        return {p.pk: self.cleaned_data[f"p{p.pk}"] for p in self.people
                if self.cleaned_data.get(f"p{p.pk}")}


class ReflectionForm(forms.Form):
    valuable = _text(_("What was valuable for you?"), 3)
    to_change = _text(_("What would you change?"), 3)
    rating = forms.TypedChoiceField(label=_("Rate the format of the meeting"), coerce=int,
                                    choices=[(k, str(k)) for k in range(1, 6)],
                                    widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Send the reflection")))


class TaskDoneForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=TEXT_LIMIT, required=False)


class WorkPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Create the plan")))


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Topic"), max_length=500)
    month = forms.TypedChoiceField(label=_("Month"), coerce=int,
                                   choices=[(m, m) for m in range(1, 13)])
    responsible = forms.CharField(label=_("Responsible"), max_length=300, required=False)


class ActivityStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=TEXT_LIMIT, required=False)


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = _text(_("Text"), 12, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Publish")))


class MeetingFormatForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = _text(_("Description"))
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=10000, initial=0)
    is_project_committee = forms.BooleanField(
        label=_("Project committee"), required=False,
        help_text=_("Meetings of this format approve passports of projects and the changes "
                    "of their goal, indicator values, dates and funding."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
