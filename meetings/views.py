from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError
from accounts.mixins import CrumbsMixin
from meetings import ical, queries, services
from meetings.forms import (
    ActivityForm,
    ActivityStatusForm,
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
    NewsForm,
    ReflectionForm,
    TaskDoneForm,
    WorkPlanForm,
)
from meetings.models import (
    AgendaItem,
    CalendarToken,
    Decision,
    DecisionTask,
    Meeting,
    PlannedActivity,
)


def _list_crumb():
    return (reverse("meetings:list"), _("Meetings"))


def _field(form, error):
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
        return [_list_crumb(), (meeting.get_absolute_url(), meeting_title(meeting))]


def with_decision_forms(items):
    """Each item gets its own decision form (unique ids), the owners fetched once."""
    if items and items[0].meeting.status in services.OPEN_STATUSES:
        choices = DecisionForm.owner_choices()
        for item in items:
            item.decision_form = DecisionForm(prefix=f"d{item.pk}", owner_choices=choices)
    return items


def meeting_title(meeting):
    return gettext("Meeting № %(n)s of %(date)s") % {
        "n": meeting.number, "date": meeting.local_date.strftime("%d.%m.%Y")}


# --- meetings --------------------------------------------------------------------------------


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
        return [_list_crumb(), (None, _("New meeting"))]

    def get_form(self, form_class=None):
        return MeetingForm(**self.get_form_kwargs(), submit_label=_("Schedule the meeting"))

    def form_valid(self, form):
        try:
            meeting = services.create_meeting(by=self.request.user, **form.cleaned_data)
        except DomainError as e:
            form.add_error(_field(form, e), str(e))
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
            form.add_error(_field(form, e), str(e))
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
        return [_list_crumb(), (None, meeting_title(self.get_meeting()))]

    def get_context_data(self, **kwargs):
        from accounts import audit

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


# --- agenda ----------------------------------------------------------------------------------


class AgendaAddView(MeetingMixin, View):
    permission_required = "meetings.change_meeting"

    def post(self, request, pk):
        meeting = self.get_meeting()
        form = AgendaItemForm(request.POST)
        if form.is_valid():
            try:
                services.add_agenda_item(meeting, by=request.user, **form.cleaned_data)
            except DomainError as e:
                form.add_error(_field(form, e), str(e))
        if form.errors:
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect(meeting.get_absolute_url() + "#agenda")


class _ItemMixin(PermissionRequiredMixin, CrumbsMixin):
    permission_required = "meetings.change_meeting"

    def get_item(self):
        if not hasattr(self, "_item"):
            self._item = get_object_or_404(
                AgendaItem.objects.select_related("meeting__format", "initiative", "work_plan"),
                pk=self.kwargs["pk"])
        return self._item

    def get_permission_object(self):
        return self.get_item().meeting


class AgendaEditView(_ItemMixin, TemplateView):
    """The item's details and its minutes: слушали / выступили / решили."""

    template_name = "meetings/agenda_item_form.html"

    def get_crumbs(self):
        meeting = self.get_item().meeting
        return [_list_crumb(), (meeting.get_absolute_url(), meeting_title(meeting)),
                (None, self.get_item().title)]

    def _initial(self):
        item = self.get_item()
        return {name: getattr(item, name) for name in services.ITEM_FIELDS}

    def get(self, request, pk):
        initial = self._initial()
        return self.render(AgendaItemForm(initial=initial, submit_label=_("Save")),
                           MinutesForm(initial=initial))

    def render(self, form, minutes_form):
        return self.render_to_response(self.get_context_data(
            item=self.get_item(), form=form, minutes_form=minutes_form))

    def post(self, request, pk):
        item = self.get_item()
        form = AgendaItemForm(request.POST, submit_label=_("Save"))
        minutes_form = MinutesForm(request.POST)
        if form.is_valid() and minutes_form.is_valid():
            try:
                services.update_agenda_item(item, by=request.user,
                                            values={**form.cleaned_data,
                                                    **minutes_form.cleaned_data})
            except DomainError as e:
                target = minutes_form if e.field in minutes_form.fields else form
                target.add_error(_field(target, e), str(e))
            else:
                messages.success(request, _("The item is saved."))
                return redirect(item.meeting.get_absolute_url() + f"#item-{item.pk}")
        return self.render(form, minutes_form)


def _agenda_answer(request, meeting):
    if request.headers.get("HX-Request"):
        fresh = queries.meeting_page(meeting.pk)
        return render(request, "meetings/partials/agenda.html", {
            "meeting": fresh, "items": with_decision_forms(list(fresh.items.all())),
            "item_form": AgendaItemForm()})
    return redirect(meeting.get_absolute_url() + "#agenda")


class AgendaMoveView(_ItemMixin, View):
    """htmx: moves the item up or down and answers with the agenda."""

    def post(self, request, pk):
        item = self.get_item()
        try:
            services.move_agenda_item(item, direction=request.POST.get("direction", ""),
                                      by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        return _agenda_answer(request, item.meeting)


class AgendaDeleteView(_ItemMixin, View):
    def post(self, request, pk):
        item = self.get_item()
        meeting = item.meeting
        try:
            services.remove_agenda_item(item, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        return _agenda_answer(request, meeting)


class DecisionAddView(_ItemMixin, View):
    def post(self, request, pk):
        item = self.get_item()
        form = DecisionForm(request.POST, prefix=f"d{item.pk}")
        if form.is_valid():
            try:
                services.add_decision(item, by=request.user, **form.cleaned_data)
            except DomainError as e:
                form.add_error(_field(form, e), str(e))
        if form.errors:
            messages.error(request, gettext("Item «%(item)s»: %(errors)s") % {
                "item": item.title,
                "errors": " ".join(m for ms in form.errors.values() for m in ms)})
        return redirect(item.meeting.get_absolute_url() + f"#item-{item.pk}")


class DecisionDeleteView(PermissionRequiredMixin, View):
    permission_required = "meetings.change_meeting"

    def get_decision(self):
        if not hasattr(self, "_decision"):
            self._decision = get_object_or_404(Decision.objects.select_related("item__meeting"),
                                               pk=self.kwargs["pk"])
        return self._decision

    def get_permission_object(self):
        return self.get_decision().item.meeting

    def post(self, request, pk):
        decision = self.get_decision()
        meeting = decision.item.meeting
        try:
            services.remove_decision(decision, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        return redirect(meeting.get_absolute_url() + "#agenda")


# --- attendance and reflection ------------------------------------------------------------


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
            services.record_attendance(meeting, marks=form.marks(), by=self.request.user)
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
            services.submit_reflection(meeting, person=self.request.user, **form.cleaned_data)
        except DomainError as e:
            form.add_error(_field(form, e), str(e))
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you: your reflection is recorded."))
        return redirect(meeting.get_absolute_url() + "#reflection")


class FormatRatingsView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "meetings.view_format_ratings"
    template_name = "meetings/format_ratings.html"

    def get_crumbs(self):
        return [_list_crumb(), (None, _("How the formats rate"))]

    def get_context_data(self, **kwargs):
        by = self.request.GET.get("by")
        by = queries.QUARTER if by == queries.QUARTER else queries.SCHOOL_YEAR
        return super().get_context_data(rows=queries.format_ratings(by=by), by=by, **kwargs)


# --- tasks -----------------------------------------------------------------------------------


class TaskListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    permission_required = "meetings.view_tasks"
    template_name = "meetings/task_list.html"
    context_object_name = "tasks"
    paginate_by = 100

    def get_crumbs(self):
        return [_list_crumb(), (None, _("Tasks of decisions"))]

    def get_queryset(self):
        return queries.task_list()


class TaskDoneView(PermissionRequiredMixin, View):
    permission_required = "meetings.complete_task"

    def get_task(self):
        if not hasattr(self, "_task"):
            self._task = get_object_or_404(
                DecisionTask.objects.select_related("decision__item__meeting"),
                pk=self.kwargs["pk"])
        return self._task

    def get_permission_object(self):
        return self.get_task()

    def post(self, request, pk):
        task = self.get_task()
        form = TaskDoneForm(request.POST)
        form.is_valid()
        try:
            services.complete_task(task, by=request.user, note=form.cleaned_data.get("note", ""))
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("The task is marked done."))
        if request.user.has_perm("meetings.view_tasks"):
            return redirect("meetings:tasks")
        return redirect("home")


# --- calendars -------------------------------------------------------------------------------


class CalendarView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "meetings.use_calendar"
    template_name = "meetings/calendar.html"

    def get_crumbs(self):
        return [_list_crumb(), (None, _("My calendar"))]

    def get_context_data(self, **kwargs):
        token = services.calendar_token_of(self.request.user)
        url = self.request.build_absolute_uri(reverse("meetings:feed", args=[token.token]))
        return super().get_context_data(feed_url=url, token=token, **kwargs)


class CalendarRenewView(PermissionRequiredMixin, View):
    permission_required = "meetings.use_calendar"

    def post(self, request):
        services.renew_calendar_token(request.user, by=request.user)
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


# --- work plans ------------------------------------------------------------------------------


def _plans_crumb():
    return (reverse("meetings:plans"), _("Work plans"))


class PlanListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    permission_required = "meetings.view_work_plans"
    template_name = "meetings/plan_list.html"
    context_object_name = "plans"

    def get_crumbs(self):
        return [(None, _("Work plans"))]

    def get_queryset(self):
        return queries.plan_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=WorkPlanForm(), **kwargs)


class PlanCreateView(PermissionRequiredMixin, CrumbsMixin, FormView):
    permission_required = "meetings.change_work_plan"
    template_name = "meetings/plan_form.html"
    form_class = WorkPlanForm

    def get_crumbs(self):
        return [_plans_crumb(), (None, _("New plan"))]

    def form_valid(self, form):
        try:
            plan = services.create_work_plan(by=self.request.user, **form.cleaned_data)
        except DomainError as e:
            form.add_error(_field(form, e), str(e))
            return self.form_invalid(form)
        return redirect(plan)


class _PlanMixin(PermissionRequiredMixin, CrumbsMixin):
    def get_plan(self):
        if not hasattr(self, "_plan"):
            self._plan = queries.plan_page(self.kwargs["pk"])
            if self._plan is None:
                raise Http404
        return self._plan


class PlanDetailView(_PlanMixin, TemplateView):
    permission_required = "meetings.view_work_plans"
    template_name = "meetings/plan_detail.html"

    def get_crumbs(self):
        return [_plans_crumb(), (None, self.get_plan().title)]

    def get_context_data(self, **kwargs):
        from accounts import audit

        plan = self.get_plan()
        return super().get_context_data(
            plan=plan, activities=list(plan.activities.all()), form=ActivityForm(),
            status_form=ActivityStatusForm(), history=audit.history_for(plan)[:50], **kwargs)


class ActivityAddView(_PlanMixin, View):
    permission_required = "meetings.change_work_plan"

    def post(self, request, pk):
        plan = self.get_plan()
        form = ActivityForm(request.POST)
        if form.is_valid():
            try:
                services.add_activity(plan, by=request.user, **form.cleaned_data)
            except DomainError as e:
                form.add_error(_field(form, e), str(e))
        if form.errors:
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect(plan)


class ActivityStatusView(PermissionRequiredMixin, View):
    permission_required = "meetings.change_work_plan"

    def post(self, request, pk):
        activity = get_object_or_404(PlannedActivity.objects.select_related("plan"), pk=pk)
        form = ActivityStatusForm(request.POST)
        if form.is_valid():
            try:
                services.set_activity_status(activity, by=request.user, **form.cleaned_data)
            except DomainError as e:
                form.add_error(_field(form, e), str(e))
        if form.errors:
            messages.error(request, gettext("«%(title)s»: %(errors)s") % {
                "title": activity.title,
                "errors": " ".join(m for ms in form.errors.values() for m in ms)})
        return redirect(activity.plan.get_absolute_url() + f"#activity-{activity.pk}")


# --- published results -----------------------------------------------------------------------


def _news_crumb():
    return (reverse("meetings:news_list"), _("News of the office"))


class NewsListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    permission_required = "meetings.view_news"
    template_name = "meetings/news_list.html"
    context_object_name = "news"
    paginate_by = 20

    def get_crumbs(self):
        return [(None, _("News of the office"))]

    def get_queryset(self):
        return queries.published_news()


class NewsDetailView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "meetings.view_news"
    template_name = "meetings/news_detail.html"

    def get_item(self):
        if not hasattr(self, "_item"):
            self._item = get_object_or_404(queries.published_news(), pk=self.kwargs["pk"])
        return self._item

    def get_crumbs(self):
        return [_news_crumb(), (None, self.get_item().title)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.get_item(), **kwargs)


class PublishNewsView(MeetingMixin, FormView):
    permission_required = "meetings.publish_news"
    template_name = "meetings/news_form.html"
    form_class = NewsForm

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Publish the results"))]

    def get_initial(self):
        meeting = self.get_meeting()
        return {"title": gettext("Results of the project office meeting of %(date)s")
                % {"date": meeting.local_date.strftime("%d.%m.%Y")}}

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.get_meeting(), **kwargs)

    def form_valid(self, form):
        try:
            news = services.publish_news(meeting=self.get_meeting(), by=self.request.user,
                                         **form.cleaned_data)
        except DomainError as e:
            form.add_error(_field(form, e), str(e))
            return self.form_invalid(form)
        messages.success(self.request, _("The results are published for everybody."))
        return redirect(news)




