from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.widgets import AutocompleteSelect
from initiatives.models import Direction, StrategyGoal
from initiatives.portfolios import active_directions
from network.models import Network, Organisation

TEXT_LIMIT = 20000
# The organisations and networks grow with the region: the forms write only the chosen option and
# the autocomplete asks this view for the rest as one types.
CHOICES = "initiatives:create_choices"


class InitiativeCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Organisation"),
                                          widget=AutocompleteSelect(CHOICES))
    title = forms.CharField(label=_("Title"), max_length=500)
    network = forms.ModelChoiceField(
        Network.objects.none(), label=_("Network the initiative is born in"), required=False,
        widget=AutocompleteSelect(CHOICES),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["network"].queryset = Network.objects.order_by("name")
        first = list(organisations[:2])
        if len(first) == 1:
            self.fields["organisation"].initial = first[0].pk
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Create a draft")))


def _text(label, rows=4, help_text=""):
    return forms.CharField(
        label=label, required=False, max_length=TEXT_LIMIT, help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class DraftForm(forms.Form):
    """The text of the card. Every field may be empty in a draft; submitting checks sections."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    unrecognised = _text(_("Not recognised in the Word card"), 4,
                         _("Move this text to the sections where it belongs, then clear it."))
    annotation = _text(_("Short annotation"), 3)
    problem = _text(_("Problem analysis"), 8)
    idea = _text(_("The idea"), 5)
    starts_on = forms.DateField(label=_("Starts on"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    ends_on = forms.DateField(label=_("Ends on"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    goal = _text(_("Goal"), 2)
    tasks_text = _text(_("Tasks"), 6, _("One task per line, in their order."))
    results_people = _text(_("Expected changes in people"), 3)
    results_process = _text(_("Expected changes in the process"), 3)
    main_product = _text(_("Main product"), 2)
    direction = forms.ModelChoiceField(Direction.objects.none(), label=_("Portfolio direction"),
                                       required=False)
    network = forms.ModelChoiceField(Network.objects.none(), required=False,
                                     label=_("Network the initiative is born in"),
                                     widget=AutocompleteSelect(CHOICES))
    strategy_goals = forms.ModelMultipleChoiceField(
        StrategyGoal.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Alignment with the strategy and the national project"),
    )

    def __init__(self, *args, initiative=None, **kwargs):
        super().__init__(*args, **kwargs)
        # archived directions are not offered, except the one the card already serves
        self.fields["direction"].queryset = active_directions(
            keep=initiative.direction_id if initiative is not None else None)
        self.fields["network"].queryset = Network.objects.order_by("name")
        self.fields["strategy_goals"].queryset = StrategyGoal.objects.filter(is_active=True)

    @classmethod
    def initial_for(cls, initiative):
        return {
            "revision": initiative.revision,
            "title": initiative.title,
            "unrecognised": initiative.unrecognised,
            "annotation": initiative.annotation,
            "problem": initiative.problem,
            "idea": initiative.idea,
            "starts_on": initiative.starts_on,
            "ends_on": initiative.ends_on,
            "goal": initiative.goal,
            "tasks_text": "\n".join(initiative.tasks or []),
            "results_people": initiative.results_people,
            "results_process": initiative.results_process,
            "main_product": initiative.main_product,
            "direction": initiative.direction_id,
            "network": initiative.network_id,
            "strategy_goals": [g.pk for g in initiative.strategy_goals.all()],
        }

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date cannot be earlier than the start date."))
        return data

    def values(self):
        """The valid fields as ``services.save_draft`` takes them (invalid ones left out)."""
        data = self.cleaned_data
        out = {}
        for name in ("title", "annotation", "problem", "idea", "starts_on", "ends_on", "goal",
                     "results_people", "results_process", "main_product", "direction",
                     "network", "strategy_goals"):
            if name in data and name not in self.errors:
                out[name] = data[name]
        if "unrecognised" in self.data and "unrecognised" not in self.errors:
            out["unrecognised"] = data.get("unrecognised", "")
        if "tasks_text" in data and "tasks_text" not in self.errors:
            out["tasks"] = [line.strip() for line in data["tasks_text"].splitlines() if line.strip()]
        if "title" in out and not out["title"].strip():
            out.pop("title")  # a card never loses its title to an empty autosave
        if "ends_on" in self.errors:
            out.pop("starts_on", None)
        return out


class TeamMemberForm(forms.Form):
    person = forms.ModelChoiceField(User.objects.none(), label=_("Person of the portal"),
                                    required=False)
    outside_name = forms.CharField(label=_("Or the name of someone not on the portal"),
                                   max_length=300, required=False)
    position = forms.CharField(label=_("Position"), max_length=300, required=False)
    is_leader = forms.BooleanField(label=_("Project leader"), required=False)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = User.objects.filter(
            is_active=True,
            memberships__organisation_id=initiative.organisation_id,
            memberships__is_active=True,
        ).order_by("last_name", "first_name")

    def clean(self):
        data = super().clean()
        if not data.get("person") and not (data.get("outside_name") or "").strip():
            self.add_error("person", _("Choose a person of the portal or write the name."))
        return data


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=500)
    unit = forms.CharField(label=_("Unit"), max_length=50)
    baseline = forms.DecimalField(label=_("Baseline"), required=False, max_digits=14,
                                  decimal_places=2, localize=True)
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2, localize=True)
    period = forms.CharField(label=_("Period"), max_length=100, required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=TEXT_LIMIT,
                              widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=TEXT_LIMIT,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ForceTransitionForm(forms.Form):
    transition = forms.ChoiceField(label=_("Transition"))
    reason = forms.CharField(label=_("Reason"), max_length=TEXT_LIMIT,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Recorded in the history as a forced transition."))

    def __init__(self, *args, transitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transition"].choices = [
            (t.name, f"{t.label} → {t.target.label}") for t in transitions
        ]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Force the transition"), css_class="btn-danger"))
