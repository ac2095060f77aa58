"""Pages of the office's meetings: the list, a meeting's page, its status, minutes, invitations."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
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
from meetings import ical, queries, services
from meetings.forms import AgendaItemForm, DecisionForm, MeetingForm
from meetings.models import Meeting


def list_crumb():
    return (reverse("meetings:list"), _("Meetings"))


def field_error(form, error):
    return error.field if error.field in form.fields else None


class MeetingMixin(PermissionRequiredMixin, CrumbsMixin):
    """Loads the meeting of the URL; permissions are checked on it."""

    def get_meeting(self):
        if not hasattr(self, "_meeting"):
            self._meeting = get_object_or_404(Meeting.objects.select_related("format"),
                                              pk=self.kwargs["pk"])
        return self._meeting

    def get_permission_object(self):
        return self.get_meeting()

    def get_crumbs(self):
        meeting = self.get_meeting()
        return [list_crumb(), (meeting.get_absolute_url(), meeting_title(meeting))]


def with_decision_forms(items):
    """Each item gets its own decision form (unique ids)."""
    if items and items[0].meeting.status in services.OPEN_STATUSES:
        for item in items:
            item.decision_form = DecisionForm(prefix=f"d{item.pk}")
    return items


def meeting_title(meeting):
    return gettext("Meeting № %(n)s of %(date)s") % {
        "n": meeting.number, "date": meeting.local_date.strftime("%d.%m.%Y")}


class MeetingListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    permission_required = "meetings.view_meeting_list"
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 50

    def get_crumbs(self):
        return [(None, _("Meetings"))]

    def get_queryset(self):
        return queries.meeting_list(self.request.user)


class MeetingCreateView(PermissionRequiredMixin, CrumbsMixin, FormView):
    permission_required = "meetings.add_meeting"
    template_name = "meetings/meeting_form.html"

    def get_crumbs(self):
        return [list_crumb(), (None, _("New meeting"))]

    def get_form(self, form_class=None):
        return MeetingForm(**self.get_form_kwargs(), submit_label=_("Schedule the meeting"))

    def form_valid(self, form):
        try:
            meeting = services.create_meeting(by=self.request.user, **form.cleaned_data)
        except DomainError as e:
            form.add_error(field_error(form, e), str(e))
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting is scheduled. Now build its agenda."))
        return redirect(meeting)


class MeetingEditView(MeetingMixin, FormView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/meeting_form.html"

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Editing"))]

    def get_initial(self):
        m = self.get_meeting()
        return {name: getattr(m, name) for name in services.MEETING_FIELDS}

    def get_form(self, form_class=None):
        return MeetingForm(**self.get_form_kwargs(), meeting=self.get_meeting())

    def form_valid(self, form):
        meeting = self.get_meeting()
        try:
            services.update_meeting(meeting, by=self.request.user, values=form.cleaned_data)
        except DomainError as e:
            form.add_error(field_error(form, e), str(e))
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting is saved."))
        return redirect(meeting)


class MeetingDetailView(MeetingMixin, TemplateView):
    permission_required = "meetings.view_meeting"
    template_name = "meetings/meeting_detail.html"

    def get_meeting(self):
        if not hasattr(self, "_meeting"):
            self._meeting = queries.meeting_page(self.kwargs["pk"])
            if self._meeting is None:
                raise Http404
        return self._meeting

    def get_crumbs(self):
        return [list_crumb(), (None, meeting_title(self.get_meeting()))]

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        attendance = list(meeting.attendance.all())
        user = self.request.user
        reflections = list(meeting.reflections.all())
        return super().get_context_data(
            meeting=meeting,
            title=meeting_title(meeting),
            items=with_decision_forms(list(meeting.items.all())),
            attendance=attendance,
            quorum=queries.quorum(meeting, attendance=attendance),
            summary=queries.summarise(reflections),
            answered=any(r.person_id == user.pk for r in reflections),
            history=audit.history_for(meeting)[:50],
            item_form=AgendaItemForm(),
            **kwargs,
        )


class MeetingStatusView(MeetingMixin, View):
    permission_required = "meetings.add_meeting"

    def post(self, request, pk):
        meeting = self.get_meeting()
        try:
            services.set_status(meeting, status=request.POST.get("status", ""), by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, gettext("The meeting is now «%(status)s».")
                             % {"status": meeting.get_status_display()})
        return redirect(meeting)


class ApproveMinutesView(MeetingMixin, View):
    permission_required = "meetings.approve_minutes"

    def post(self, request, pk):
        meeting = self.get_meeting()
        try:
            services.approve_minutes(meeting, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("The minutes are approved and the decisions carried out. "
                                        "The PDF is being prepared."))
        return redirect(meeting)


class BuildMinutesView(MeetingMixin, View):
    """Asks for the minutes PDF again (e.g. after the format changed); a task builds it."""

    permission_required = "meetings.build_minutes_pdf"

    def post(self, request, pk):
        meeting = self.get_meeting()
        services.queue_minutes_pdf(meeting)
        messages.success(request, _("The PDF is being prepared; refresh the page in a moment."))
        return redirect(meeting)


class MinutesPdfView(MeetingMixin, View):
    permission_required = "meetings.view_minutes_pdf"

    def get(self, request, pk):
        meeting = self.get_meeting()
        try:
            handle = meeting.minutes_pdf.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404 from None
        filename = f"protokol-{meeting.number}-{meeting.local_date:%Y-%m-%d}.pdf"
        response = FileResponse(handle, as_attachment=True, filename=filename,
                                content_type="application/pdf")
        response["Cache-Control"] = "private, no-store"
        return response


class MeetingIcsView(MeetingMixin, View):
    permission_required = "meetings.view_meeting"

    def get(self, request, pk):
        meeting = self.get_meeting()
        response = HttpResponse(ical.meeting_ics(meeting), content_type="text/calendar; "
                                                                         "charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
        return response


class InviteView(MeetingMixin, View):
    permission_required = "meetings.send_invitations"

    def post(self, request, pk):
        meeting = self.get_meeting()
        try:
            count = services.send_invitations(meeting, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, gettext("Invitations are sent to %(n)s people.")
                             % {"n": count})
        return redirect(meeting)
