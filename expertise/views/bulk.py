"""Experts assigned to many initiatives at once: choose the experts and the due date, see row by
row what it will do (conflicts of interest, experts already assigned, each expert's load), then
confirm; the cards go one by one through the expertise's domain function."""

from django import forms
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from accounts.autocomplete import PERSON_NAMES, AutocompleteSelectMultiple, FormChoicesView
from expertise import bulk
from expertise.queries import expert_pool
from initiatives.bulk import jobs, selection
from initiatives.bulk.views import BulkMixin, hidden_refusals, launch


class ExpertChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _("%(name)s (open assignments: %(load)s)") % {"name": obj.full_name,
                                                            "load": obj.open_load}


class AssignForm(forms.Form):
    # the office's experts grow to thousands: the page writes only the chosen ones
    experts = ExpertChoice(
        label=gettext_lazy("Experts"), queryset=None,
        widget=AutocompleteSelectMultiple("initiatives:bulk_assign_choices"),
        help_text=gettext_lazy("Type a part of a name: each expert found shows their open "
                               "assignments."))
    due_on = forms.DateField(label=gettext_lazy("Review due"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = expert_pool()

    def clean_due_on(self):
        due = self.cleaned_data.get("due_on")
        if due is not None and due < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due


class BulkAssignChoicesView(FormChoicesView):
    """The experts of the assignment's form, with their load, as one types."""

    permission_required = "initiatives.act_in_bulk"
    search_fields = {"experts": PERSON_NAMES}
    form_class = AssignForm


class BulkAssignView(BulkMixin, TemplateView):
    template_name = "expertise/bulk_assign.html"
    title = gettext_lazy("Assign experts to many initiatives")

    def get_context_data(self, form=None, **kwargs):
        counts = {"total": self.selection.queryset.count(),
                  "eligible": self.selection.queryset.filter(bulk.eligible()).count()}
        return super().get_context_data(form=form or AssignForm(), counts=counts, **kwargs)

    def post(self, request):
        form = AssignForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        experts = bulk.chosen_experts([e.pk for e in form.cleaned_data["experts"]])
        due_on = form.cleaned_data["due_on"]
        if "confirm" not in request.POST:
            rows, load = bulk.plan(self.selection.queryset, experts)
            return self.render_to_response(self.get_context_data(
                form=form, rows=rows, experts=[(e, *load[e.pk]) for e in experts],
                shown=bulk.SHOWN_ROWS))
        eligible = list(self.selection.queryset.filter(bulk.eligible())
                        .values_list("pk", flat=True)[:selection.MAX_ROWS])
        if not eligible:
            form.add_error(None, _("Experts are not assigned in the initiative's present state."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        refused = hidden_refusals(self.selection, eligible, reason_of=lambda i: _(
            "Experts are not assigned in the initiative's present state."))
        names = ", ".join(e.short_name for e in experts)
        job = jobs.start(bulk.KIND, label=_("Experts assigned: %(names)s") % {"names": names},
                         ids=eligible, by=request.user, refused=refused,
                         params={"experts": [e.pk for e in experts],
                                 "due_on": due_on.isoformat() if due_on else ""})
        launch(job)
        return redirect(job)
