"""Rows of the card: team, indicators, attachments."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError, add_to_form
from accounts.files import CONTENT_TYPES
from initiatives import services
from initiatives.forms import (
    AttachmentForm,
    IndicatorForm,
    TeamMemberForm,
)
from initiatives.models import Attachment, Indicator, TeamMember
from initiatives.views.base import DraftContextMixin, InitiativeMixin, _card

# --- rows of the card: team, indicators, attachments -----------------------------------------


class _RowView(InitiativeMixin, DraftContextMixin, View):
    """Adds or removes a row of the card; under htmx answers with the section, else redirects."""

    permission_required = "initiatives.change_initiative"
    partial = ""

    def answer(self, request, initiative, **forms):
        if request.headers.get("HX-Request"):
            fresh = _card(request.user, initiative.pk)
            context = self.draft_context(fresh, None)
            context.update(forms)
            return render(request, self.partial, context)
        return redirect("initiatives:edit", pk=initiative.pk)


class TeamMemberAddView(_RowView):
    partial = "initiatives/partials/team.html"

    def post(self, request, pk):
        initiative = self.get_initiative()
        form = TeamMemberForm(request.POST, initiative=initiative)
        if form.is_valid():
            try:
                services.add_team_member(initiative, by=request.user, **form.cleaned_data)
                form = TeamMemberForm(initiative=initiative)
            except DomainError as e:
                add_to_form(form, e)
        if not request.headers.get("HX-Request") and form.errors:
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return self.answer(request, initiative, team_form=form)


class TeamMemberDeleteView(_RowView):
    permission_required = "initiatives.change_team_row"
    partial = "initiatives/partials/team.html"

    def get_row(self):
        if not hasattr(self, "_row"):
            self._row = get_object_or_404(TeamMember.objects.select_related("initiative"),
                                          pk=self.kwargs["pk"])
        return self._row

    def get_initiative(self):
        return self.get_row().initiative

    def get_permission_object(self):
        return self.get_row()

    def post(self, request, pk):
        initiative = self.get_initiative()
        try:
            services.remove_team_member(self.get_row(), by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        return self.answer(request, initiative)


class IndicatorAddView(_RowView):
    partial = "initiatives/partials/indicators.html"

    def post(self, request, pk):
        initiative = self.get_initiative()
        form = IndicatorForm(request.POST)
        if form.is_valid():
            try:
                services.add_indicator(initiative, by=request.user, **form.cleaned_data)
                form = IndicatorForm()
            except DomainError as e:
                add_to_form(form, e)
        if not request.headers.get("HX-Request") and form.errors:
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return self.answer(request, initiative, indicator_form=form)


class IndicatorDeleteView(TeamMemberDeleteView):
    partial = "initiatives/partials/indicators.html"

    def get_row(self):
        if not hasattr(self, "_row"):
            self._row = get_object_or_404(Indicator.objects.select_related("initiative"),
                                          pk=self.kwargs["pk"])
        return self._row

    def post(self, request, pk):
        initiative = self.get_initiative()
        try:
            services.remove_indicator(self.get_row(), by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        return self.answer(request, initiative)


class AttachmentAddView(InitiativeMixin, View):
    permission_required = "initiatives.add_attachment"

    def post(self, request, pk):
        initiative = self.get_initiative()
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        else:
            try:
                attachment = services.attach_file(initiative, by=request.user,
                                                  upload=form.cleaned_data["file"])
            except DomainError as e:
                messages.error(request, str(e))
            else:
                messages.success(request, gettext("The file «%(name)s» is attached.")
                                 % {"name": attachment.original_name})
        back = request.POST.get("next", "")
        if back == "edit" and request.user.has_perm("initiatives.change_initiative", initiative):
            return redirect("initiatives:edit", pk=pk)
        return redirect(initiative.get_absolute_url() + "#attachments")


class _AttachmentMixin(PermissionRequiredMixin):
    def get_attachment(self):
        if not hasattr(self, "_attachment"):
            self._attachment = get_object_or_404(
                Attachment.objects.select_related("initiative"), pk=self.kwargs["pk"]
            )
        return self._attachment

    def get_permission_object(self):
        return self.get_attachment()


class AttachmentDownloadView(_AttachmentMixin, View):
    """Serves a file only after the permission check, always as a download."""

    permission_required = "initiatives.view_attachment"

    def get(self, request, pk):
        attachment = self.get_attachment()
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle, as_attachment=True, filename=attachment.original_name,
            content_type=CONTENT_TYPES.get(attachment.kind, "application/octet-stream"),
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class AttachmentDeleteView(_AttachmentMixin, View):
    permission_required = "initiatives.delete_attachment"

    def post(self, request, pk):
        attachment = self.get_attachment()
        initiative = attachment.initiative
        services.remove_attachment(attachment, by=request.user)
        messages.success(request, gettext("The file «%(name)s» is removed.")
                         % {"name": attachment.original_name})
        return redirect(initiative.get_absolute_url() + "#attachments")
