"""Taking part in a meeting: attendance, reflection, the ratings of the formats, and the
personal calendar of meetings (a page and an .ics feed by a secret token)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError
from accounts.mixins import CrumbsMixin
from meetings import ical, participation, queries
from meetings.forms import AttendanceForm, ReflectionForm
from meetings.models import CalendarToken
from meetings.views.meetings import MeetingMixin, field_error, list_crumb


class AttendanceView(MeetingMixin, FormView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/attendance.html"

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Attendance"))]

    def get_form(self, form_class=None):
        meeting = self.get_meeting()
        current = dict(meeting.attendance.values_list("person_id", "status"))
        people = queries.invitees(meeting)
        known = {p.pk for p in people}
        extra = [a.person for a in meeting.attendance.select_related("person")
                 if a.person_id not in known]
        return AttendanceForm(**self.get_form_kwargs(), people=people + extra, current=current)

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        return super().get_context_data(
            meeting=meeting, quorum=queries.quorum(meeting),
            member_ids=set(queries.members_on(meeting.local_date)
                           .values_list("person_id", flat=True)), **kwargs)

    def form_valid(self, form):
        meeting = self.get_meeting()
        try:
            participation.record_attendance(meeting, marks=form.marks(), by=self.request.user)
        except DomainError as e:
            form.add_error(None, str(e))
            return self.form_invalid(form)
        messages.success(self.request, _("Attendance is saved."))
        return redirect(meeting.get_absolute_url() + "#attendance")


class ReflectionView(MeetingMixin, FormView):
    permission_required = "meetings.reflect"
    template_name = "meetings/reflection_form.html"
    form_class = ReflectionForm

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Reflection"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.get_meeting(), **kwargs)

    def form_valid(self, form):
        meeting = self.get_meeting()
        try:
            participation.submit_reflection(meeting, person=self.request.user, **form.cleaned_data)
        except DomainError as e:
            form.add_error(field_error(form, e), str(e))
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you: your reflection is recorded."))
        return redirect(meeting.get_absolute_url() + "#reflection")


class FormatRatingsView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "meetings.view_format_ratings"
    template_name = "meetings/format_ratings.html"

    def get_crumbs(self):
        return [list_crumb(), (None, _("How the formats rate"))]

    def get_context_data(self, **kwargs):
        by = self.request.GET.get("by")
        by = queries.QUARTER if by == queries.QUARTER else queries.SCHOOL_YEAR
        return super().get_context_data(rows=queries.format_ratings(by=by), by=by, **kwargs)


class CalendarView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "meetings.use_calendar"
    template_name = "meetings/calendar.html"

    def get_crumbs(self):
        return [list_crumb(), (None, _("My calendar"))]

    def get_context_data(self, **kwargs):
        token = participation.calendar_token_of(self.request.user)
        url = self.request.build_absolute_uri(reverse("meetings:feed", args=[token.token]))
        return super().get_context_data(feed_url=url, token=token, **kwargs)


class CalendarRenewView(PermissionRequiredMixin, View):
    permission_required = "meetings.use_calendar"

    def post(self, request):
        participation.renew_calendar_token(request.user, by=request.user)
        messages.success(request, _("The calendar link is renewed; the old link no longer "
                                    "works."))
        return redirect("meetings:calendar")


def feed(request, token):
    """The personal iCal feed: the secret in the URL is the only key (calendar apps cannot sign
    in). A wrong token answers 404."""
    found = CalendarToken.objects.select_related("person").filter(token=token).first()
    if found is None or not found.person.is_active:
        raise Http404
    meetings = queries.upcoming_meetings_of(found.person)
    body = ical.feed_ics(meetings, name=gettext("Project office meetings"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
