"""The office's page of the production calendar: the days off and moved working days the
``holidays`` library knows for the year, and the office's corrections of single days, which the
default deadlines (a review, a progress report) count with (``accounts.workdays``)."""

import holidays
from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts import services
from accounts.errors import DomainError, add_to_form
from accounts.mixins import CrumbsMixin
from accounts.models import WorkdayCorrection


class CorrectionForm(forms.Form):
    day = forms.DateField(label=_("Day"),
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    is_working = forms.TypedChoiceField(
        label=_("The day is"), coerce=lambda v: v == "1", empty_value=None,
        choices=[("1", _("a working day")), ("0", _("a day off"))])
    note = forms.CharField(label=_("Note"), max_length=300, required=False,
                           help_text=_("For example, the decree that moved the day."))


class WorkingDaysView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "accounts.manage_working_days"
    template_name = "accounts/working_days.html"

    def get_crumbs(self):
        return [(None, _("Production calendar"))]

    def get_context_data(self, **kwargs):
        year = timezone.localdate().year
        calendar = holidays.RU(years=[year, year + 1], language="ru")
        return super().get_context_data(
            corrections=list(WorkdayCorrection.objects.select_related("changed_by")
                             .order_by("-day")[:200]),
            days_off=sorted(calendar.items()),
            moved_working=sorted(calendar.weekend_workdays),
            form=kwargs.pop("form", None) or CorrectionForm(), **kwargs)

    def post(self, request):
        if "remove" in request.POST:
            row = get_object_or_404(WorkdayCorrection, pk=_int(request.POST.get("remove")))
            services.remove_workday_correction(row, by=request.user)
            messages.success(request, gettext("The correction is removed."))
            return redirect("accounts:working_days")
        form = CorrectionForm(request.POST)
        if form.is_valid():
            try:
                services.set_workday_correction(by=request.user, **form.cleaned_data)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, gettext("The day is corrected."))
                return redirect("accounts:working_days")
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
