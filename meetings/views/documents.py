"""The protocol as a Word file the office can still edit (:mod:`accounts.documents.docx`),
beside its PDF: the same template, the same predicate."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from accounts.documents.docx import docx_response, render_docx
from meetings import documents, queries
from meetings.models import Meeting


class MinutesDocxView(PermissionRequiredMixin, View):
    permission_required = "meetings.view_minutes_pdf"

    def get_permission_object(self):
        return get_object_or_404(Meeting, pk=self.kwargs["pk"])

    def get(self, request, pk):
        meeting = queries.meeting_page(pk)
        if meeting is None:
            raise Http404
        context = documents.minutes_context(meeting)
        return docx_response(render_docx(documents.TEMPLATE, context), context["doc"])
