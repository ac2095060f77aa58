"""Pages of the meeting formats (reference data kept by the office). Thin: each POST calls one
domain function of ``meetings.formats``; a refusal shows the form again with what was typed."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError, add_to_form
from accounts.mixins import CrumbsMixin
from meetings import formats
from meetings.forms import MeetingFormatForm
from meetings.models import MeetingFormat

FIELDS = ("name", "description", "order", "is_project_committee")


class MeetingFormatListView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "meetings.manage_formats"
    template_name = "meetings/format_list.html"

    def get_crumbs(self):
        return [(None, _("Meeting formats"))]

    def get_context_data(self, **kwargs):
        rows = MeetingFormat.objects.annotate(n_meetings=Count("meetings")).order_by(
            "-is_active", "order", "name")
        return super().get_context_data(formats=list(rows), **kwargs)


class MeetingFormatEditView(PermissionRequiredMixin, View):
    permission_required = "meetings.manage_formats"

    def get_instance(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(MeetingFormat, pk=pk) if pk else None

    def show(self, request, form, instance):
        title = instance.name if instance else gettext("New meeting format")
        return render(request, "includes/form_page.html", {
            "form": form, "title": title, "instance": instance,
            "crumbs": [(reverse("meetings:format_list"), _("Meeting formats")), (None, title)],
        })

    def get(self, request, pk=None):
        instance = self.get_instance()
        initial = {f: getattr(instance, f) for f in FIELDS} if instance else {}
        return self.show(request, MeetingFormatForm(initial=initial), instance)

    def post(self, request, pk=None):
        instance = self.get_instance()
        form = MeetingFormatForm(request.POST)
        if form.is_valid():
            try:
                formats.save_meeting_format(by=request.user, instance=instance,
                                            **form.cleaned_data)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, gettext("Saved."))
                return redirect("meetings:format_list")
        return self.show(request, form, instance)


ACTIONS = {
    "archive": (formats.archive_meeting_format, _("The format «%(name)s» is archived.")),
    "restore": (formats.restore_meeting_format, _("The format «%(name)s» is in use again.")),
    "delete": (formats.delete_meeting_format, _("The format «%(name)s» is deleted.")),
}


class MeetingFormatActionView(PermissionRequiredMixin, View):
    permission_required = "meetings.manage_formats"
    http_method_names = ["post"]

    def post(self, request, pk, action):
        if action not in ACTIONS:
            raise Http404
        fmt = get_object_or_404(MeetingFormat, pk=pk)
        function, done = ACTIONS[action]
        try:
            function(fmt, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, done % {"name": fmt.name})
        return redirect("meetings:format_list")
