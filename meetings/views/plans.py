"""The office's work plans and their activities."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts import audit
from accounts.errors import DomainError
from accounts.mixins import CrumbsMixin
from meetings import plans, queries
from meetings.forms import ActivityForm, ActivityStatusForm, WorkPlanForm
from meetings.models import PlannedActivity
from meetings.views.meetings import field_error


def plans_crumb():
    return (reverse("meetings:plans"), _("Work plans"))


class PlanListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    permission_required = "meetings.view_work_plans"
    template_name = "meetings/plan_list.html"
    context_object_name = "plans"

    def get_crumbs(self):
        return [(None, _("Work plans"))]

    def get_queryset(self):
        return queries.plan_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=WorkPlanForm(), **kwargs)


class PlanCreateView(PermissionRequiredMixin, CrumbsMixin, FormView):
    permission_required = "meetings.change_work_plan"
    template_name = "meetings/plan_form.html"
    form_class = WorkPlanForm

    def get_crumbs(self):
        return [plans_crumb(), (None, _("New plan"))]

    def form_valid(self, form):
        try:
            plan = plans.create_work_plan(by=self.request.user, **form.cleaned_data)
        except DomainError as e:
            form.add_error(field_error(form, e), str(e))
            return self.form_invalid(form)
        return redirect(plan)


class PlanMixin(PermissionRequiredMixin, CrumbsMixin):
    def get_plan(self):
        if not hasattr(self, "_plan"):
            self._plan = queries.plan_page(self.kwargs["pk"])
            if self._plan is None:
                raise Http404
        return self._plan


class PlanDetailView(PlanMixin, TemplateView):
    permission_required = "meetings.view_work_plans"
    template_name = "meetings/plan_detail.html"

    def get_crumbs(self):
        return [plans_crumb(), (None, self.get_plan().title)]

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        return super().get_context_data(
            plan=plan, activities=list(plan.activities.all()), form=ActivityForm(),
            status_form=ActivityStatusForm(), history=audit.history_for(plan)[:50], **kwargs)


class ActivityAddView(PlanMixin, View):
    permission_required = "meetings.change_work_plan"

    def post(self, request, pk):
        plan = self.get_plan()
        form = ActivityForm(request.POST)
        if form.is_valid():
            try:
                plans.add_activity(plan, by=request.user, **form.cleaned_data)
            except DomainError as e:
                form.add_error(field_error(form, e), str(e))
        if form.errors:
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect(plan)


class ActivityStatusView(PermissionRequiredMixin, View):
    permission_required = "meetings.change_work_plan"

    def post(self, request, pk):
        activity = get_object_or_404(PlannedActivity.objects.select_related("plan"), pk=pk)
        form = ActivityStatusForm(request.POST)
        if form.is_valid():
            try:
                plans.set_activity_status(activity, by=request.user, **form.cleaned_data)
            except DomainError as e:
                form.add_error(field_error(form, e), str(e))
        if form.errors:
            messages.error(request, gettext("«%(title)s»: %(errors)s") % {
                "title": activity.title,
                "errors": " ".join(m for ms in form.errors.values() for m in ms)})
        return redirect(activity.plan.get_absolute_url() + f"#activity-{activity.pk}")
