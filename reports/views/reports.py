from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView
from rules.contrib.views import PermissionRequiredMixin

from accounts.autocomplete import ORGANISATION_NAMES, FormChoicesView
from accounts.errors import DomainError
from accounts.mixins import CrumbsMixin
from reports import queries, services
from reports.enums import ReportStatus
from reports.forms import (
    AnnualReportForm,
    ReportAgendaForm,
    ReportApprovalForm,
    ReportOnRequestForm,
)
from reports.models import GeneratedReport


class ReportListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    """Every generated report, and the form to ask for the annual one."""

    permission_required = "reports.view_reports"
    template_name = "reports/report_list.html"
    context_object_name = "reports"
    paginate_by = 30
    queryset = GeneratedReport.objects.select_related(
        "requested_by", "approved_by_decision__item__meeting")

    def get_crumbs(self):
        return [(None, _("Reports"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=kwargs.pop("form", AnnualReportForm()), **kwargs)

    def post(self, request):
        """Ask for the annual report; a refused year is shown beside the field."""
        if not request.user.has_perm("reports.request_report"):
            raise PermissionDenied
        form = AnnualReportForm(request.POST)
        if form.is_valid():
            try:
                report = services.request_annual_report(year=form.cleaned_data["year"],
                                                        call=form.cleaned_data["call"],
                                                        by=request.user)
            except DomainError as e:
                form.add_error(e.field, str(e))
            else:
                messages.success(request, _("The report is queued; this page shows its progress."))
                return redirect(report)
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(form=form))


class ReportOnRequestView(PermissionRequiredMixin, CrumbsMixin, FormView):
    """Staff choose a period, a direction, an organisation and a state; the report is built in
    the background like the annual one (PDF and XLSX)."""

    permission_required = "reports.request_report"
    template_name = "reports/report_request.html"
    form_class = ReportOnRequestForm

    def get_crumbs(self):
        return [(reverse("reports:list"), _("Reports")), (None, _("Report on request"))]

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            report = services.request_report_on_request(
                start=data["start"], end=data["end"], direction=data["direction"],
                organisation=data["organisation"], state=data["state"], call=data["call"],
                by=self.request.user)
        except DomainError as e:
            form.add_error(e.field, str(e))
            return self.form_invalid(form)
        messages.success(self.request, _("The report is queued; this page shows its progress."))
        return redirect(report)


class ReportChoicesView(FormChoicesView):
    """The organisations the report on request may be narrowed to, as one types."""

    permission_required = "reports.request_report"
    form_class = ReportOnRequestForm
    search_fields = {"organisation": ORGANISATION_NAMES}


class ReportDetailView(PermissionRequiredMixin, CrumbsMixin, DetailView):
    """A report: its progress (htmx), its files, and — once built — the meeting that approves
    it: put it on an agenda, then record the decision that approved it."""

    permission_required = "reports.view_report"
    context_object_name = "report"

    def get_object(self, queryset=None):
        # asked twice (the permission check, then the page): one query
        if getattr(self, "_report", None) is None:
            self._report = queries.report_page(self.kwargs["pk"])
        if self._report is None:
            raise Http404
        return self._report

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["reports/partials/report_status.html"]
        return ["reports/report_detail.html"]

    def get_crumbs(self):
        return [(reverse("reports:list"), _("Reports")), (None, self.object)]

    def get_context_data(self, **kwargs):
        report = self.object
        user = self.request.user
        if report.status == ReportStatus.DONE and not report.approved_by_decision_id \
                and not self.request.headers.get("HX-Request"):
            if "agenda_form" not in kwargs and user.has_perm("reports.put_on_agenda", report):
                kwargs["agenda_form"] = ReportAgendaForm(meetings=queries.agenda_meetings())
            if "approval_form" not in kwargs and user.has_perm("reports.record_approval", report):
                kwargs["approval_form"] = ReportApprovalForm(
                    decisions=queries.approval_decisions(report))
        return super().get_context_data(**kwargs)



def _act(view, form, form_name, done, action):
    """Run a report's domain ``action`` with a valid form: its refusal goes beside the field,
    success back to the report with ``done`` said."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field, str(e))
        else:
            messages.success(view.request, done)
            return redirect(view.object)
    return view.render_to_response(view.get_context_data(**{form_name: form}))


class ReportAgendaView(ReportDetailView):
    """Put the built report on a planned or held meeting's agenda."""

    permission_required = "reports.put_on_agenda"
    http_method_names = ["post"]

    def post(self, request, pk):
        self.object = report = self.get_object()
        form = ReportAgendaForm(request.POST, meetings=queries.agenda_meetings())
        return _act(self, form, "agenda_form", _("The report is on the meeting's agenda."),
                    lambda data: services.put_report_on_agenda(
                        report, meeting=data["meeting"], by=request.user))


class ReportApprovalView(ReportDetailView):
    """Record the decision of a held meeting that approved the report."""

    permission_required = "reports.record_approval"
    http_method_names = ["post"]

    def post(self, request, pk):
        self.object = report = self.get_object()
        form = ReportApprovalForm(request.POST, decisions=queries.approval_decisions(report))
        return _act(self, form, "approval_form", _("The approval of the report is recorded."),
                    lambda data: services.record_report_approval(
                        report, decision=data["decision"], by=request.user))


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReportDownloadView(PermissionRequiredMixin, View):
    """The report's PDF, or its XLSX (``fmt="xlsx"``)."""

    permission_required = "reports.view_report"
    fmt = "pdf"

    def get(self, request, pk):
        report = get_object_or_404(GeneratedReport, pk=pk)
        stored = report.xlsx if self.fmt == "xlsx" else report.pdf
        if report.status != ReportStatus.DONE or not stored:
            raise Http404
        year = report.params.get("year", "")
        name = f"otchet-{year}-{report.pk}" if year else f"otchet-po-zaprosu-{report.pk}"
        response = FileResponse(stored.open("rb"), as_attachment=True,
                                filename=f"{name}.{self.fmt}",
                                content_type=XLSX if self.fmt == "xlsx" else "application/pdf")
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ReportRetryView(PermissionRequiredMixin, View):
    permission_required = "reports.retry_report"

    def post(self, request, pk):
        report = get_object_or_404(GeneratedReport, pk=pk)
        try:
            services.retry_report(report, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        return redirect(report)
