"""The pages of every table import: upload → preview → confirm (see :mod:`accounts.tabular`).

A page subclasses :class:`TabularImportView`, names its ``importer_class`` (an
``accounts.imports.TabularImport``), its permission, its title and where to go afterwards, and
overrides :meth:`~TabularImportView.run_import` to call its domain function. The first POST
carries the file and shows the preview; the file stays on the server under a token kept in the
session; the confirming POST carries only that token. :class:`TemplateDownloadView` serves the
XLSX template of the same columns.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from accounts import tabular
from accounts.imports import ImportRefused
from accounts.mixins import CrumbsMixin


class TableUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Table (XLSX or CSV)"),
        help_text=gettext_lazy("The first row names the columns, in any order. A CSV may be "
                               "saved by Russian Excel (Windows-1251, semicolons) or as UTF-8."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class TabularImportView(PermissionRequiredMixin, CrumbsMixin, FormView):
    importer_class = None
    template_name = "accounts/import.html"
    form_class = TableUploadForm
    title = ""
    intro = ""
    template_url = ""  # where the XLSX template is downloaded
    back_url = ""

    def get_importer(self):
        return self.importer_class(by=self.request.user, **self.get_import_options())

    def get_import_options(self):
        return {}

    def get_success_url(self):
        return self.back_url

    def run_import(self, importer, table):
        """Write the confirmed rows; subclasses call their domain function here."""
        return importer.apply(table)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.title, intro=self.intro, template_url=self.template_url,
            back_url=self.back_url, columns=self.importer_class.columns, **kwargs)

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request.POST.get("token", ""))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        importer = self.get_importer()
        upload = form.cleaned_data["file"]
        try:
            data, table = importer.read(upload)
        except ValidationError as e:
            for message in e.messages:
                form.add_error("file", message)
            return self.form_invalid(form)
        preview = importer.preview(table)
        token = ""
        if not preview.has_errors and preview.changes_anything:
            token = tabular.stash_upload(self.request, purpose=importer.purpose, data=data,
                                         filename=upload.name)
        return self.render_to_response(self.get_context_data(
            form=self.get_form_class()(), preview=preview, token=token, filename=upload.name))

    def confirm(self, token):
        importer = self.get_importer()
        kept = tabular.take_upload(self.request, purpose=importer.purpose, token=token)
        if kept is None:
            messages.error(self.request, _("The uploaded file is no longer kept. Upload it again."))
            return redirect(self.request.path)
        data, filename = kept
        try:
            table = importer.read_bytes(data, filename=filename)
            preview = self.run_import(importer, table)
        except ValidationError as e:
            messages.error(self.request, " ".join(e.messages))
            return redirect(self.request.path)
        except ImportRefused as e:
            return self.render_to_response(self.get_context_data(
                form=self.get_form_class()(), preview=e.preview, token="", filename=filename,
                refused=True))
        tabular.drop_upload(self.request, purpose=importer.purpose)
        counts = preview.counts
        messages.success(self.request, _(
            "Imported: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.") % counts)
        return redirect(self.get_success_url())


class TemplateDownloadView(PermissionRequiredMixin, View):
    """The XLSX template of an import's columns (every cell a string)."""

    importer_class = None
    filename = "template.xlsx"

    def example_rows(self):
        return []

    def get(self, request, *args, **kwargs):
        data = tabular.template_workbook(self.importer_class.columns, rows=self.example_rows(),
                                         title=self.filename.rsplit(".", 1)[0])
        response = HttpResponse(data, content_type=tabular.XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response
