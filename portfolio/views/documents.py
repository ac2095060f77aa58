"""Downloads of the progress report, the final report and an approved passport version as
documents: the PDF (built by a Celery task and kept) and the Word file (written on request)."""

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from accounts.documents.docx import docx_response, render_docx
from initiatives.enums import ReviewStatus
from portfolio.documents import FINAL, PROGRESS, TEMPLATES, context_of, file_stem, issued, load
from portfolio.passport import documents as passport_documents
from portfolio.tasks import build_passport_pdf, build_report_document_pdf


class _ReportDocumentView(PermissionRequiredMixin, View):
    kind = PROGRESS

    def get_report(self):
        if not hasattr(self, "_report"):
            report = load(self.kind, self.kwargs["pk"])
            if report is None:
                raise Http404
            self._report = report
        return self._report

    def get_document(self):
        """The report's document; a progress report is one once the office accepts it."""
        report = self.get_report()
        if self.kind == PROGRESS and report.status != ReviewStatus.ACCEPTED:
            raise Http404
        return issued(self.kind, report)

    def get_permission_object(self):
        report = self.get_report()
        return report.period if self.kind == PROGRESS else report.initiative


class ProgressReportDocxView(_ReportDocumentView):
    permission_required = "initiatives.view_report"

    def get(self, request, pk):
        context = context_of(self.kind, self.get_report(), self.get_document())
        return docx_response(render_docx(TEMPLATES[self.kind], context), context["doc"])


class ProgressReportPdfView(_ReportDocumentView):
    """Serves the stored PDF; the first request queues its build (and, where Celery runs in
    the process, finds it built at once)."""

    permission_required = "initiatives.view_report"

    def get(self, request, pk):
        document = self.get_document()
        if not document.pdf:
            build_report_document_pdf.delay(self.kind, pk)
            document.refresh_from_db()
        if not document.pdf:
            return HttpResponse(gettext("The PDF is being prepared; try again in a minute."),
                                status=202, content_type="text/plain; charset=utf-8")
        try:
            handle = document.pdf.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=True, content_type="application/pdf",
                                filename=f"{file_stem(self.kind, document)}.pdf")
        response["Cache-Control"] = "private, no-store"
        return response


class FinalReportDocxView(ProgressReportDocxView):
    kind = FINAL
    permission_required = "initiatives.view_monitoring"


class FinalReportPdfView(ProgressReportPdfView):
    kind = FINAL
    permission_required = "initiatives.view_monitoring"


class _VersionDocumentView(PermissionRequiredMixin, View):
    permission_required = "portfolio.view_passport_version"

    def get_version(self):
        if not hasattr(self, "_version"):
            version = passport_documents.load(self.kwargs["pk"])
            if version is None:
                raise Http404
            self._version = version
        return self._version

    def get_permission_object(self):
        return self.get_version()


class PassportDocxView(_VersionDocumentView):
    def get(self, request, pk):
        version = self.get_version()
        context = passport_documents.context_of(version, passport_documents.issued(version))
        return docx_response(render_docx(passport_documents.TEMPLATE, context), context["doc"])


class PassportPdfView(_VersionDocumentView):
    """Serves the stored PDF; the first request queues its build (and, where Celery runs in
    the process, finds it built at once)."""

    def get(self, request, pk):
        document = passport_documents.issued(self.get_version())
        if not document.pdf:
            build_passport_pdf.delay(pk)
            document.refresh_from_db()
        if not document.pdf:
            return HttpResponse(gettext("The PDF is being prepared; try again in a minute."),
                                status=202, content_type="text/plain; charset=utf-8")
        try:
            handle = document.pdf.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=True, content_type="application/pdf",
                                filename=f"{passport_documents.file_stem(document)}.pdf")
        response["Cache-Control"] = "private, no-store"
        return response
