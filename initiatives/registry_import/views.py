"""The office brings its registry in: upload → preview per row → confirm → what was written."""

import logging
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views import View
from kombu.exceptions import OperationalError
from rules.contrib.views import PermissionRequiredMixin

from accounts.models import AuditRecord
from initiatives.enums import InitiativeAction, RegistryImportStatus
from initiatives.models import Initiative, RegistryImport
from initiatives.registry_import import reading, services
from initiatives.registry_import.forms import ConfirmForm, RegistryFileForm
from initiatives.registry_import.preview import build_preview
from initiatives.tasks import import_registry_task

log = logging.getLogger(__name__)

TEMPLATE = "initiatives/registry_import.html"
SHOWN_INITIATIVES = 200  # the page of a finished import lists this many of what it created


def _create_links():
    """Where unknown organisations and directions are added (the organisations' page when the
    portal has no form for a new organisation)."""
    try:
        organisation = reverse("network:organisation_create")
    except NoReverseMatch:
        organisation = reverse("network:organisation_list")
    return {"organisation_create": organisation,
            "direction_create": reverse("initiatives:direction_create")}


def _crumbs(last=None):
    crumbs = [(reverse("initiatives:list"), _("Initiatives"))]
    if last:
        crumbs += [(reverse("initiatives:registry_import"), _("Registry from a file")),
                   (None, last)]
    else:
        crumbs.append((None, _("Registry from a file")))
    return crumbs


class RegistryImportView(PermissionRequiredMixin, View):
    """GET: the upload form and the recent imports. POST: the preview of the uploaded file."""

    permission_required = "initiatives.import_registry"

    def _page(self, request, form, **context):
        recent = (RegistryImport.objects.select_related("created_by").defer("source_rows")
                  .order_by("-created_at", "-pk")[:10])
        return render(request, TEMPLATE, {
            "form": form, "recent": recent, "crumbs": _crumbs(), **_create_links(), **context})

    def get(self, request):
        return self._page(request, RegistryFileForm())

    def post(self, request):
        form = RegistryFileForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(request, form)
        try:
            upload = reading.read_upload(form.cleaned_data["file"])
        except ValidationError as e:
            form.add_error("file", e)
            return self._page(request, form)
        preview = build_preview(upload.table, file_name=upload.file_name)
        token = reading.keep(request, upload)
        return self._page(request, RegistryFileForm(), preview=preview, token=token)


class RegistryImportConfirmView(PermissionRequiredMixin, View):
    """Queue the writing of what the preview showed: the file kept on the server is read again
    and its rows handed to a worker; nothing comes from the browser but the token."""

    permission_required = "initiatives.import_registry"

    def post(self, request):
        form = ConfirmForm(request.POST)
        upload = reading.take(request, form.cleaned_data["token"]) if form.is_valid() else None
        if upload is None:
            messages.error(request, _("The uploaded file is no longer kept. Upload it again."))
            return redirect("initiatives:registry_import")
        with transaction.atomic():
            record = services.queue_registry_import(upload=upload, by=request.user)
            transaction.on_commit(partial(_queue, record.pk))
        reading.forget(request)
        return redirect(record)


def _queue(record_id):
    """Hand the writing to a worker; with the broker out of reach the import says so."""
    try:
        import_registry_task.delay(record_id)
    except OperationalError as e:
        log.warning("registry import %s not queued: %s", record_id, e)
        RegistryImport.objects.filter(pk=record_id).update(
            status=RegistryImportStatus.FAILED,
            error=_("The background service is unavailable. Upload the file again later."))


class RegistryImportDetailView(PermissionRequiredMixin, View):
    """An import: its progress while a worker writes it (htmx), then what it wrote."""

    permission_required = "initiatives.import_registry"

    def get(self, request, pk):
        record = get_object_or_404(RegistryImport.objects.select_related("created_by")
                                   .defer("source_rows"), pk=pk)
        if request.headers.get("HX-Request"):
            return render(request, "initiatives/partials/registry_import_status.html",
                          {"record": record})
        ids = AuditRecord.objects.filter(
            action=InitiativeAction.INITIATIVE_IMPORTED, data__import=record.pk,
        ).order_by("pk").values_list("object_id", flat=True)[:SHOWN_INITIATIVES]
        initiatives = list(
            Initiative.objects.filter(pk__in=[int(i) for i in ids])
            .select_related("organisation").only("pk", "title", "state", "academic_year",
                                                 "organisation__short_name")
            .order_by("pk")[:SHOWN_INITIATIVES])
        return render(request, "initiatives/registry_import_detail.html", {
            "record": record, "initiatives": initiatives, "shown": SHOWN_INITIATIVES,
            "crumbs": _crumbs(record.file_name)})
