"""Pages of project monitoring, the registry of projects and organisation records.

Thin: each POST calls one domain function of ``portfolio.services``; a refusal or a wrong
value shows the same page again with the typed values and the message beside the field.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from accounts import audit
from accounts.autocomplete import ORGANISATION_NAMES, FilterChoicesView
from accounts.errors import DomainError, add_to_form
from accounts.files import CONTENT_TYPES
from accounts.mixins import CrumbsMixin
from initiatives import exports
from initiatives.enums import ReviewStatus
from initiatives.filters import PortfolioRegistryFilter
from initiatives.views import InitiativeMixin
from network.charts import line_chart
from portfolio import agreement, changes, report_facts
from portfolio import queries as portfolio_queries
from portfolio import services as monitoring
from portfolio.forms import (
    ActualForm,
    ChangeForm,
    CompleteForm,
    DecisionForm,
    PeriodForm,
    PlanForm,
    ReportForm,
    RiskForm,
    RiskStatusForm,
)
from portfolio.models import (
    ChangeRequest,
    IndicatorActual,
    ProgressReport,
    ProjectProblem,
    ReportingPeriod,
    Risk,
)


def _registry_crumbs():
    return (reverse("initiatives:portfolio_registry"), _("Registry of projects"))


# --- the registry -------------------------------------------------------------------------


class RegistryView(PermissionRequiredMixin, CrumbsMixin, FilterView):
    permission_required = "initiatives.view_portfolio_registry"
    filterset_class = PortfolioRegistryFilter
    template_name = "portfolio/portfolio_registry.html"
    context_object_name = "projects"
    paginate_by = 50

    def get_crumbs(self):
        return [(None, _("Registry of projects"))]

    def get_queryset(self):
        return portfolio_queries.registry(self.request.user)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        context = super().get_context_data(query=query.urlencode(),
                                           today=timezone.localdate(), **kwargs)
        for project in context["projects"]:
            project.reasons = portfolio_queries.health_reasons(project)
            project.health_label = portfolio_queries.health_label(project.health)
        return context


class RegistryFilterChoicesView(FilterChoicesView):
    """Organisations for the filter of the registry of projects, as JSON."""

    permission_required = "initiatives.view_portfolio_registry"
    filterset_class = PortfolioRegistryFilter
    search_fields = {"organisation": ORGANISATION_NAMES}


def registry_rows(queryset):
    yield [gettext("No."), gettext("Portfolio"), gettext("Direction"), gettext("Title"),
           gettext("Organisation"), gettext("Project leader"), gettext("Project curator"),
           gettext("Project administrator"), gettext("Starts on"),
           gettext("Ends on"), gettext("State"), gettext("Project health"), gettext("Reasons"),
           gettext("Link")]
    for n, p in enumerate(queryset.iterator(chunk_size=500), 1):
        yield [
            n,
            p.direction.portfolio.name if p.direction_id else "",
            p.direction.name if p.direction_id else "",
            p.title,
            p.organisation.short_name,
            p.leader.full_name if p.leader_id else "",
            p.curator_name or "",
            p.administrator_name or "",
            p.starts_on,
            p.ends_on,
            p.get_state_display(),
            str(portfolio_queries.health_label(p.health)),
            "; ".join(portfolio_queries.health_reasons(p)),
            f"{settings.SITE_URL}{p.get_absolute_url()}",
        ]


class RegistryExportView(PermissionRequiredMixin, View):
    permission_required = "initiatives.view_portfolio_registry"

    def get(self, request):
        filterset = PortfolioRegistryFilter(request.GET,
                                            queryset=portfolio_queries.registry(request.user),
                                            request=request)
        qs = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        return FileResponse(exports.xlsx_file(registry_rows(qs), title=gettext("Projects")),
                            as_attachment=True, filename=f"projects-{stamp}.xlsx",
                            content_type=CONTENT_TYPES["xlsx"])


# --- one project's monitoring ---------------------------------------------------------------


def load_project(pk):
    """The project with everything its monitoring page shows (portfolio_queries.monitoring)."""
    project = portfolio_queries.monitoring(pk)
    if project is None:
        raise Http404
    return project


def monitoring_context(request, project, **bound):
    indicators = []
    for indicator in project.indicators.all():
        rows = portfolio_queries.plan_vs_fact(indicator)
        chart = line_chart(
            title=gettext("Plan and fact: %(name)s") % {"name": indicator.name},
            desc=gettext("Planned and actual values of the indicator per period, %(unit)s.")
            % {"unit": indicator.unit},
            labels=[label for label, _plan, _fact in rows],
            series=[(gettext("Plan"), tuple(plan for _label, plan, _fact in rows)),
                    (gettext("Fact"), tuple(fact for _label, _plan, fact in rows))],
            places=2,
        ) if rows else ""
        indicators.append({"indicator": indicator, "rows": rows, "chart": chart,
                           "actuals": list(indicator.actuals.all())})
    context = {
        "initiative": project,
        "project": project,
        "indicators": indicators,
        "reasons": portfolio_queries.health_reasons(project),
        "health_label": portfolio_queries.health_label(project.health),
        "periods": list(project.reporting_periods.all()),
        "risks": list(project.risks.all()),
        "problems": list(project.problems.all()),
        "changes": list(project.change_requests.all()),
        "final_report": portfolio_queries.final_report_of(project),
        "history": audit.history_for(project)[:50],
        "today": timezone.localdate(),
        "plan_form": PlanForm(initiative=project),
        "actual_form": ActualForm(initiative=project, plans=[
            plan for indicator in project.indicators.all() for plan in indicator.plans.all()]),
        "period_form": PeriodForm(),
        "risk_form": RiskForm(prefix="risk"),
        "problem_form": RiskForm(prefix="problem"),
        "change_form": ChangeForm(initiative=project),
        "complete_form": CompleteForm(initial=report_facts.final_initial(project)),
        "decision_form": DecisionForm(),
        "status_form": RiskStatusForm(),
        "crumbs": [_registry_crumbs(), (project.get_absolute_url(), project.title),
                   (None, _("Monitoring"))],
    }
    context.update(bound)
    return context


class MonitoringView(InitiativeMixin, TemplateView):
    permission_required = "initiatives.view_monitoring"
    template_name = "portfolio/monitoring.html"

    def get_initiative(self):
        # the page's own query serves the permission check too
        if not hasattr(self, "_initiative"):
            self._initiative = load_project(self.kwargs["pk"])
        return self._initiative

    def get_context_data(self, **kwargs):
        return {**kwargs, **monitoring_context(self.request, self.get_initiative())}


class _MonitoringPost(InitiativeMixin, View):
    """Validates one form of the monitoring page and calls one domain function."""

    permission_required = "initiatives.keep_monitoring"
    form_name = ""
    anchor = ""
    done = _("Saved.")

    def make_form(self, request, initiative):
        raise NotImplementedError

    def act(self, initiative, data, request):
        raise NotImplementedError

    def post(self, request, pk):
        initiative = self.get_initiative()
        form = self.make_form(request, initiative)
        if form.is_valid():
            try:
                self.act(initiative, form.cleaned_data, request)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, self.done)
                return redirect(reverse("initiatives:monitoring", kwargs={"pk": pk})
                                + f"#{self.anchor}")
        messages.error(request, gettext("Correct the marked fields: nothing is saved yet."))
        return render(request, "portfolio/monitoring.html",
                      monitoring_context(request, load_project(pk), **{self.form_name: form}))


class PlanAddView(_MonitoringPost):
    form_name, anchor, done = "plan_form", "indicators", _("The plan is saved.")

    def make_form(self, request, initiative):
        return PlanForm(request.POST, initiative=initiative)

    def act(self, initiative, data, request):
        monitoring.set_plan(data["indicator"], by=request.user, period_label=data["period_label"],
                            period_start=data["period_start"], period_end=data["period_end"],
                            planned=data["planned"])


class ActualAddView(_MonitoringPost):
    permission_required = "initiatives.enter_actual"
    form_name, anchor, done = "actual_form", "indicators", _(
        "The actual value is sent to the office.")

    def make_form(self, request, initiative):
        return ActualForm(request.POST, request.FILES, initiative=initiative)

    def act(self, initiative, data, request):
        monitoring.enter_actual(data["plan"], by=request.user, value=data["value"],
                                measured_on=data["measured_on"], evidence=data.get("evidence"),
                                evidence_url=data.get("evidence_url", ""))


class PeriodAddView(_MonitoringPost):
    permission_required = "initiatives.plan_reports"
    form_name, anchor, done = "period_form", "reports", _("The reporting period is added.")

    def make_form(self, request, initiative):
        return PeriodForm(request.POST)

    def act(self, initiative, data, request):
        monitoring.add_period(initiative, by=request.user, **data)


class RiskAddView(_MonitoringPost):
    form_name, anchor, done = "risk_form", "risks", _("The risk is added.")
    problem = False

    def make_form(self, request, initiative):
        return RiskForm(request.POST, prefix="problem" if self.problem else "risk")

    def act(self, initiative, data, request):
        monitoring.add_risk(initiative, by=request.user, problem=self.problem, **data)


class ProblemAddView(RiskAddView):
    form_name, anchor, done = "problem_form", "problems", _("The problem is added.")
    problem = True


class ChangeAddView(_MonitoringPost):
    form_name, anchor, done = "change_form", "changes", _(
        "The change request is sent to the office.")

    def make_form(self, request, initiative):
        return ChangeForm(request.POST, initiative=initiative)

    def act(self, initiative, data, request):
        changes.request_change(initiative, by=request.user, **data)


class CompleteView(_MonitoringPost):
    permission_required = "initiatives.complete_project"
    form_name, anchor, done = "complete_form", "closing", _(
        "The final report is written and the project is completed.")

    def make_form(self, request, initiative):
        return CompleteForm(request.POST)

    def act(self, initiative, data, request):
        monitoring.complete_project(initiative, by=request.user, **data)


class _RowPost(PermissionRequiredMixin, View):
    """A decision or a status on one row of a project."""

    model = None
    related = ()

    def get_row(self):
        if not hasattr(self, "_row"):
            self._row = get_object_or_404(self.model.objects.select_related(*self.related),
                                          pk=self.kwargs["pk"])
        return self._row

    def get_permission_object(self):
        return self.get_row()

    def initiative_of(self, row):
        return row.initiative

    def back(self, row, anchor):
        return redirect(reverse("initiatives:monitoring",
                                kwargs={"pk": self.initiative_of(row).pk}) + f"#{anchor}")


class ActualDecideView(_RowPost):
    permission_required = "initiatives.decide_actual"
    model, related = IndicatorActual, ("indicator__initiative",)

    def initiative_of(self, row):
        return row.indicator.initiative

    def post(self, request, pk):
        row = self.get_row()
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Choose whether to accept or return the value."))
            return self.back(row, f"actual-{row.pk}")
        try:
            monitoring.decide_actual(row, by=request.user,
                                     accept=form.cleaned_data["decision"] == "accept",
                                     comment=form.cleaned_data["comment"])
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, gettext("The decision is recorded."))
        return self.back(row, f"actual-{row.pk}")


class EvidenceView(_RowPost):
    permission_required = "initiatives.view_evidence"
    model, related = IndicatorActual, ("indicator__initiative",)

    def get(self, request, pk):
        row = self.get_row()
        if not row.evidence_file:
            raise Http404
        try:
            handle = row.evidence_file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=True, filename=row.evidence_name,
                                content_type=CONTENT_TYPES.get(row.evidence_kind,
                                                               "application/octet-stream"))
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class RiskStatusView(_RowPost):
    permission_required = "initiatives.change_risk"
    model, related = Risk, ("initiative",)
    anchor = "risks"

    def post(self, request, pk):
        row = self.get_row()
        form = RiskStatusForm(request.POST)
        if form.is_valid():
            monitoring.set_risk_status(row, by=request.user, status=form.cleaned_data["status"])
            messages.success(request, gettext("The status is changed."))
        else:
            messages.error(request, gettext("Choose a status from the list."))
        return self.back(row, self.anchor)


class ProblemStatusView(RiskStatusView):
    model, anchor = ProjectProblem, "problems"


class ChangeDecideView(_RowPost):
    permission_required = "initiatives.decide_change"
    model, related = ChangeRequest, ("initiative",)

    def post(self, request, pk):
        row = self.get_row()
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Choose whether to approve or reject the change."))
            return self.back(row, "changes")
        try:
            changes.decide_change(row, by=request.user,
                                     approve=form.cleaned_data["decision"] == "accept",
                                     comment=form.cleaned_data["comment"])
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, gettext("The decision is recorded."))
        return self.back(row, "changes")


# --- progress reports -----------------------------------------------------------------------


class ReportView(PermissionRequiredMixin, CrumbsMixin, View):
    """A period's report: the team writes and submits it; the office accepts or returns it."""

    permission_required = "initiatives.view_report"

    def get_period(self):
        if not hasattr(self, "_period"):
            self._period = get_object_or_404(
                ReportingPeriod.objects.select_related("initiative__organisation"),
                pk=self.kwargs["pk"])
        return self._period

    def get_permission_object(self):
        return self.get_period()

    def get_crumbs(self):
        period = self.get_period()
        return [_registry_crumbs(),
                (period.initiative.get_absolute_url(), period.initiative.title),
                (reverse("initiatives:monitoring", kwargs={"pk": period.initiative_id}),
                 _("Monitoring")),
                (None, period.title)]

    def render(self, request, form=None, decision_form=None):
        period = self.get_period()
        report = ProgressReport.objects.filter(period=period).select_related(
            "submitted_by", "decided_by").first()
        editable = report is None or report.status in (ReviewStatus.DRAFT, ReviewStatus.RETURNED)
        facts = report_facts.facts_of(period, today=timezone.localdate())
        if form is None:
            written = report and any(getattr(report, f) for f in ReportForm.base_fields)
            # a report not written yet opens with what the plan and the indicators say
            form = ReportForm(initial={f: getattr(report, f) for f in ReportForm.base_fields}
                              if written else report_facts.prefill(facts))
        return render(request, "portfolio/progress_report.html", {
            "period": period, "initiative": period.initiative, "report": report,
            "form": form, "editable": editable, "crumbs": self.get_crumbs(),
            "decision_form": decision_form or DecisionForm(), "today": timezone.localdate(),
            "curator_word": agreement.agreement_of(report) if report else None,
            "has_curator": agreement.curator_of(period.initiative) is not None,
            "facts": facts,
        })

    def get(self, request, pk):
        return self.render(request)

    def post(self, request, pk):
        period = self.get_period()
        if not request.user.has_perm("initiatives.write_report", period):
            raise_403()
        form = ReportForm(request.POST)
        submit = request.POST.get("action") == "submit"
        if form.is_valid():
            try:
                monitoring.save_report(period, by=request.user, submit=submit,
                                       **form.cleaned_data)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, gettext("The report is submitted to the office.")
                                 if submit else gettext("The report is saved."))
                return redirect(period.get_absolute_url())
        messages.error(request, gettext("Correct the marked fields: nothing is saved yet."))
        return self.render(request, form=form)


def raise_403():
    raise PermissionDenied


class ReportDecideView(_RowPost):
    permission_required = "initiatives.decide_report"
    model, related = ProgressReport, ("period__initiative",)

    def get_permission_object(self):
        return self.get_row().period

    def post(self, request, pk):
        row = self.get_row()
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                monitoring.decide_report(row, by=request.user,
                                         accept=form.cleaned_data["decision"] == "accept",
                                         comment=form.cleaned_data["comment"])
            except DomainError as e:
                messages.error(request, str(e))
            else:
                messages.success(request, gettext("The decision is recorded."))
        else:
            messages.error(request, gettext("Choose whether to accept or return the report."))
        return redirect(row.period.get_absolute_url())
