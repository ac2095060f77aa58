"""Forms of the office's reference data kept in ``initiatives``: portfolios, directions and the
review forms' own fields (their criteria use ``forms_expertise.CriterionForm``)."""


from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.enums import StrategyGoalKind
from initiatives.portfolios import active_portfolios

TEXT_LIMIT = 20000


def _area(label, rows=3):
    return forms.CharField(label=label, required=False, max_length=TEXT_LIMIT,
                           widget=forms.Textarea(attrs={"rows": rows}))


class _Crispy(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


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
