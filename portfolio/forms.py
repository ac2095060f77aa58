"""Forms of project monitoring and the organisation records (issue 6), and of the office's
reference data kept in ``initiatives``: portfolios, directions and strategy goals.

Numbers accept a comma («12,5»); a wrong value is refused beside its field, and the page shows
the form again with everything typed (a chosen file must be chosen again: browsers never keep it).
"""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import workdays
from accounts.models import User
from initiatives.enums import (
    ChangeKind,
    IncentiveKind,
    Level,
    PublicationChannel,
    RiskStatus,
    StrategyGoalKind,
)
from initiatives.models import Indicator, Initiative
from initiatives.portfolios import active_portfolios
from network.models import MethodicalProduct
from portfolio.models import IndicatorPlan, PlanItem
from portfolio.passport.enums import PassportSection

TEXT_LIMIT = 20000
DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def _date(label, required=True):
    return forms.DateField(label=label, required=required, **DATE)


def _number(label, required=True):
    return forms.DecimalField(label=label, required=required, max_digits=14, decimal_places=2,
                              localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}))


def _area(label, required=False, rows=3):
    return forms.CharField(label=label, required=required, max_length=TEXT_LIMIT,
                           widget=forms.Textarea(attrs={"rows": rows}))


class _Crispy(forms.Form):
    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


def _indicator_choices(field, initiative):
    """The project's indicators as the field's choices, read from ``initiative.indicators``:
    the monitoring page has them prefetched, so its three forms cost no query of their own
    (6 of the page's 21 queries before); the chosen one is still looked up in the queryset."""
    field.queryset = Indicator.objects.filter(initiative=initiative)
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = [*empty, *((i.pk, str(i)) for i in initiative.indicators.all())]


class PlanForm(_Crispy):
    indicator = forms.ModelChoiceField(Indicator.objects.none(), label=_("Indicator"))
    period_label = forms.CharField(label=_("Period"), max_length=100,
                                   help_text=_("For example, «I полугодие 2022/2023»."))
    period_start = _date(_("Period starts on"))
    period_end = _date(_("Period ends on"))
    planned = _number(_("Planned value"))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        _indicator_choices(self.fields["indicator"], initiative)

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and \
                data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class ActualForm(_Crispy):
    plan = forms.ModelChoiceField(IndicatorPlan.objects.none(), label=_("Indicator and period"))
    value = _number(_("Actual value"))
    measured_on = _date(_("Measured on"))
    evidence = forms.FileField(label=_("Evidence file"), required=False,
                               help_text=_("PDF, DOCX, XLSX, PPTX, ODT, ODS, JPEG or PNG."))
    evidence_url = forms.URLField(label=_("Or a link to the evidence"), required=False,
                                  max_length=500, assume_scheme="https")

    def __init__(self, *args, initiative, plans=None, **kwargs):
        """``plans``: the period plans the page has read already (with the project's indicators),
        offered as they are instead of reading them again; a choice is still checked against
        the queryset."""
        super().__init__(*args, **kwargs)
        field = self.fields["plan"]
        field.queryset = IndicatorPlan.objects.filter(
            indicator__initiative=initiative).select_related("indicator").order_by(
            "indicator__order", "indicator_id", "period_end")
        field.label_from_instance = lambda p: f"{p.indicator.name} — {p.period_label}"
        if plans is not None:
            field.choices = [("", field.empty_label),
                             *((p.pk, field.label_from_instance(p)) for p in plans)]

    def clean(self):
        data = super().clean()
        if not data.get("evidence") and not data.get("evidence_url") \
                and "evidence_url" not in self.errors:
            self.add_error("evidence", _("Attach a file or give a link that confirms the value."))
        plan, day = data.get("plan"), data.get("measured_on")
        if plan and day and not plan.period_start <= day <= plan.period_end:
            self.add_error("measured_on", _("The date must fall within the period %(start)s – "
                                            "%(end)s.") % {
                "start": plan.period_start.strftime("%d.%m.%Y"),
                "end": plan.period_end.strftime("%d.%m.%Y")})
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        ("accept", _("Accept")), ("return", _("Return"))])
    comment = _area(_("Comment"), rows=2)


class PeriodForm(_Crispy):
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("For example, «I полугодие 2022/2023»."))
    starts_on = _date(_("Starts on"))
    ends_on = _date(_("Ends on"))
    due_on = _date(_("Report due on"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].help_text = _(
            "Leave empty to count %(days)s working days of the production calendar after the "
            "period ends.") % {"days": workdays.REPORT_WORKING_DAYS}

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        elif data.get("ends_on") and not data.get("due_on"):
            data["due_on"] = workdays.add_working_days(data["ends_on"],
                                                       workdays.REPORT_WORKING_DAYS)
        return data


class ReportForm(_Crispy):
    done = _area(_("What was done"), rows=5)
    results = _area(_("Results"), rows=4)
    problems = _area(_("Problems"), rows=3)
    next_steps = _area(_("Next steps"), rows=3)


class RiskForm(_Crispy):
    title = forms.CharField(label=_("Description"), max_length=500)
    probability = forms.ChoiceField(label=_("Probability"), choices=Level.choices)
    impact = forms.ChoiceField(label=_("Impact"), choices=Level.choices)
    owner = forms.CharField(label=_("Owner"), max_length=300, required=False)
    response = _area(_("Response"), rows=2)


class RiskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RiskStatus.choices)


class ChangeForm(_Crispy):
    kind = forms.ChoiceField(label=_("Kind of change"), choices=ChangeKind.choices)
    justification = _area(_("Justification"), required=True, rows=3)
    new_ends_on = _date(_("New end date"), required=False)
    new_scope = _area(_("New main product"), rows=2)
    indicator = forms.ModelChoiceField(Indicator.objects.none(), label=_("Indicator"),
                                       required=False)
    new_target = _number(_("New target"), required=False)
    new_leader = forms.ModelChoiceField(User.objects.none(), label=_("New project leader"),
                                        required=False)
    plan_item = forms.ModelChoiceField(PlanItem.objects.none(), label=_("Control point"),
                                       required=False)
    new_point_date = _date(_("New date of the control point"), required=False)
    passport_section = forms.ChoiceField(
        label=_("Section of the passport"), required=False,
        choices=[("", _("— by the kind of change —")), *PassportSection.choices],
        help_text=_("Goal and indicators, funding, dates: the project committee decides."))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        _indicator_choices(self.fields["indicator"], initiative)
        self.fields["plan_item"].queryset = PlanItem.objects.filter(
            initiative=initiative).order_by("order", "planned_end", "pk")
        self.fields["new_leader"].queryset = User.objects.filter(
            memberships__organisation_id=initiative.organisation_id, memberships__is_active=True,
            is_active=True).distinct().order_by("last_name", "first_name")


class CompleteForm(_Crispy):
    summary = _area(_("Results of the project"), required=True, rows=6)
    products = _area(_("Products passed to the ideas library"), rows=3)


def _projects(field, organisation):
    field.queryset = Initiative.objects.filter(organisation=organisation).order_by("-starts_on",
                                                                                     "title")


class IncentiveForm(_Crispy):
    kind = forms.ChoiceField(label=_("Kind"), choices=IncentiveKind.choices)
    document_title = forms.CharField(label=_("Document"), max_length=500,
                                     help_text=_("For example, «Положение о стимулирующих "
                                                 "выплатах»."))
    document_date = _date(_("Document date"))

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)


class PublicationForm(_Crispy):
    channel = forms.ChoiceField(label=_("Channel"), choices=PublicationChannel.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    published_on = _date(_("Published on"))
    url = forms.URLField(label=_("Link"), max_length=500, assume_scheme="https")
    initiative = forms.ModelChoiceField(Initiative.objects.none(), label=_("Project"),
                                        required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        _projects(self.fields["initiative"], organisation)


class PlannedProductForm(_Crispy):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.CharField(label=_("Kind of product"), max_length=200, required=False,
                           help_text=_("For example, «методическая разработка»."))
    initiative = forms.ModelChoiceField(Initiative.objects.none(), label=_("Project"),
                                        required=False)
    published_title = forms.CharField(label=_("Published as"), max_length=500, required=False)
    published_url = forms.URLField(label=_("Link to the published item"), max_length=500,
                                   required=False, assume_scheme="https")
    library_product = forms.ModelChoiceField(
        MethodicalProduct.objects.none(), label=_("Item of the ideas library"), required=False,
        help_text=_("When the product is published in the ideas library, choose it here."))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        _projects(self.fields["initiative"], organisation)
        self.fields["library_product"].queryset = MethodicalProduct.objects.filter(
            organisation=organisation).order_by("-year", "title")


# the office's reference data: portfolios, directions, strategy goals

class PortfolioForm(_Crispy):
    name = forms.CharField(label=_("Name"), max_length=300)
    description = _area(_("Description"))
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=10000, initial=0)

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)


class DirectionForm(_Crispy):
    portfolio = forms.ModelChoiceField(None, label=_("Portfolio"))
    name = forms.CharField(label=_("Name"), max_length=300)
    description = _area(_("Description"))
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=10000, initial=0)

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        # an archived portfolio is offered only to the direction already in it
        self.fields["portfolio"].queryset = active_portfolios(
            keep=instance.portfolio_id if instance else None)


class StrategyGoalForm(_Crispy):
    kind = forms.ChoiceField(label=_("Kind"), choices=StrategyGoalKind.choices)
    title = forms.CharField(label=_("Goal"), max_length=500)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=10000, initial=0)

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
