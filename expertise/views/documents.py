"""The issued conclusion as a Word file the office can still edit
(:mod:`accounts.documents.docx`), beside its PDF: the same template, the same predicate."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from accounts.documents.docx import docx_response, render_docx
from expertise import documents
from expertise.models import Conclusion
from initiatives.enums import ConclusionState


class ConclusionDocxView(PermissionRequiredMixin, View):
    permission_required = "initiatives.view_conclusion"

    def get_permission_object(self):
        if not hasattr(self, "_conclusion"):
            self._conclusion = get_object_or_404(Conclusion.objects.select_related(
                "initiative__organisation", "initiative__direction", "issued_by",
                "composed_by"), pk=self.kwargs["pk"])
        return self._conclusion

    def get(self, request, pk):
        conclusion = self.get_permission_object()
        if conclusion.state != ConclusionState.ISSUED:
            raise Http404  # a draft has no number yet
        context = documents.conclusion_context(conclusion)
        return docx_response(render_docx(documents.TEMPLATE, context), context["doc"])
