"""Forms of expertise: review forms and criteria, assignments, the review, the thread and the
conclusion."""

from decimal import Decimal

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import workdays
from accounts.models import User
from initiatives.enums import MessageKind, Recommendation
from initiatives.models import InitiativeVersion

TEXT_LIMIT = 20000


def _area(label, rows=3, required=True, max_length=TEXT_LIMIT):
    return forms.CharField(label=label, required=required, max_length=max_length,
                           widget=forms.Textarea(attrs={"rows": rows}))


class ReviewFormCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    description = _area(_("Description"), required=False)
    disagreement_threshold = forms.DecimalField(
        label=_("Disagreement threshold, points"), required=False, min_value=Decimal("0"),
        max_value=Decimal("99"), decimal_places=2,
        help_text=_("Empty: the portal's setting."))


class CriterionForm(forms.Form):
    title = forms.CharField(label=_("Criterion"), max_length=300)
    description = _area(_("Description"), 2, required=False)
    scale_min = forms.IntegerField(label=_("Lowest score"), initial=0, min_value=-100,
                                   max_value=100)
    scale_max = forms.IntegerField(label=_("Highest score"), initial=5, min_value=-100,
                                   max_value=100)
    weight = forms.DecimalField(label=_("Weight"), initial=Decimal("1"), min_value=Decimal("0.01"),
                                max_value=Decimal("999"), decimal_places=2)
    comment_threshold = forms.IntegerField(
        label=_("Comment required at or below"), required=False, min_value=-100, max_value=100)

    def clean(self):
        data = super().clean()
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and high <= low:
            self.add_error("scale_max", _("The highest score must be greater than the lowest."))
        return data


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(User.objects.none(), label=_("Expert"))
    due_on = forms.DateField(label=_("Review due on"),
                             widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, experts, **kwargs):
        super().__init__(*args, **kwargs)
        default = workdays.add_working_days(timezone.localdate(), workdays.REVIEW_WORKING_DAYS)
        self.fields["due_on"].initial = default
        self.fields["due_on"].help_text = _(
            "By default %(days)s working days of the production calendar from today: "
            "%(date)s.") % {"days": workdays.REVIEW_WORKING_DAYS,
                            "date": default.strftime("%d.%m.%Y")}
        self.fields["expert"].queryset = experts
        self.fields["expert"].label_from_instance = lambda u: u.full_name


class DeclineForm(forms.Form):
    reason = _area(_("Reason"), 2, max_length=5000)
    conflict = forms.BooleanField(label=_("I have a conflict of interest"), required=False)


class ReviewEditForm(forms.Form):
    """Scores and comments per criterion, built from the review's form."""

    recommendation = forms.ChoiceField(
        label=_("Overall recommendation"), required=False,
        choices=[("", "—"), *Recommendation.choices],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    summary = _area(_("General comment"), 4, required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"score_{c.pk}"] = forms.IntegerField(
                label=c.title, required=False, min_value=c.scale_min, max_value=c.scale_max,
                widget=forms.NumberInput(attrs={"min": c.scale_min, "max": c.scale_max,
                                                "step": 1, "inputmode": "numeric"}),
                error_messages={"invalid": _("Enter a whole number."),
                                "min_value": _("The score must be from %(min)s to %(max)s.")
                                % {"min": c.scale_min, "max": c.scale_max},
                                "max_value": _("The score must be from %(min)s to %(max)s.")
                                % {"min": c.scale_min, "max": c.scale_max}})
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=_("Comment on «%(title)s»") % {"title": c.title}, required=False,
                max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

    @staticmethod
    def initial_for(review):
        initial = {"recommendation": review.recommendation, "summary": review.summary,
                   "revision": review.revision}
        for s in review.scores.all():
            initial[f"score_{s.criterion_id}"] = s.value
            initial[f"comment_{s.criterion_id}"] = s.comment
        return initial

    def rows(self):
        """(criterion, score field, comment field) for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self):
        """{criterion id: (value, comment)} of the valid fields (a bad number is left out)."""
        data = self.cleaned_data
        return {c.pk: (data.get(f"score_{c.pk}"), data.get(f"comment_{c.pk}", ""))
                for c in self.criteria if f"score_{c.pk}" in data}


class MessageForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MessageKind.choices)
    text = _area(_("Message"), 3)
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [(k, label) for k, label in MessageKind.choices
                                           if k in kinds]


class AddressForm(forms.Form):
    version = forms.ModelChoiceField(InitiativeVersion.objects.none(), required=False,
                                     label=_("Version of the card"))
    note = forms.CharField(label=_("Or: where else (e.g. a report)"), required=False,
                           max_length=500)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = initiative.versions.order_by("-number")
        self.fields["version"].label_from_instance = lambda v: _("version %(n)s") % {
            "n": v.number}


class ResolveForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", "accept"), ("reopen", "reopen")])
    comment = forms.CharField(required=False, max_length=5000)


class ConclusionForm(forms.Form):
    summary = _area(_("Summary of the reviews"), 6)
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Recommendation.choices,
                                       widget=forms.RadioSelect)
    conditions = _area(_("Conditions"), 3, required=False)


class ReviewFormEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    description = _area(_("Description"), required=False)
    disagreement_threshold = forms.DecimalField(
        label=_("Disagreement threshold, points"), required=False, min_value=Decimal("0"),
        max_value=Decimal("99"), decimal_places=2, localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Empty: the portal's setting."))

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
