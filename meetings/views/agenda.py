"""A meeting's agenda, the decisions taken on its items and the tasks they set."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.autocomplete import PERSON_NAMES, FormChoicesView
from accounts.errors import DomainError
from accounts.mixins import CrumbsMixin
from meetings import queries, services
from meetings.forms import AgendaItemForm, DecisionForm, MeetingForm, MinutesForm, TaskDoneForm
from meetings.models import AgendaItem, Decision, DecisionTask
from meetings.views.meetings import MeetingMixin, field_error, list_crumb, meeting_title, with_decision_forms


class AgendaAddView(MeetingMixin, View):
    permission_required = "meetings.change_meeting"

    def post(self, request, pk):
        meeting = self.get_meeting()
        form = AgendaItemForm(request.POST)
        if form.is_valid():
            try:
                services.add_agenda_item(meeting, by=request.user, **form.cleaned_data)
            except DomainError as e:
                form.add_error(field_error(form, e), str(e))
        if form.errors:
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect(meeting.get_absolute_url() + "#agenda")


class MeetingChoicesView(FormChoicesView):
    """The JSON behind the selects of people and initiatives of the meeting's forms."""

    permission_required = "meetings.search_choices"
    forms = {"chair": MeetingForm, "secretary": MeetingForm, "initiative": AgendaItemForm,
             "presenter": AgendaItemForm, "owner": DecisionForm}
    search_fields = {"chair": PERSON_NAMES, "secretary": PERSON_NAMES, "presenter": PERSON_NAMES,
                     "owner": PERSON_NAMES, "initiative": ("title", "organisation__short_name")}

    def get_form(self):
        return self.forms[self.field_name()]()


class ItemMixin(PermissionRequiredMixin, CrumbsMixin):
    permission_required = "meetings.change_meeting"

    def get_item(self):
        if not hasattr(self, "_item"):
            self._item = get_object_or_404(
                AgendaItem.objects.select_related("meeting__format", "initiative", "work_plan"),
                pk=self.kwargs["pk"])
        return self._item

    def get_permission_object(self):
        return self.get_item().meeting


class AgendaEditView(ItemMixin, TemplateView):
    """The item's details and its minutes: слушали / выступили / решили."""

    template_name = "meetings/agenda_item_form.html"

    def get_crumbs(self):
        meeting = self.get_item().meeting
        return [list_crumb(), (meeting.get_absolute_url(), meeting_title(meeting)),
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
                target.add_error(field_error(target, e), str(e))
            else:
                messages.success(request, _("The item is saved."))
                return redirect(item.meeting.get_absolute_url() + f"#item-{item.pk}")
        return self.render(form, minutes_form)


def agenda_answer(request, meeting):
    if request.headers.get("HX-Request"):
        fresh = queries.meeting_page(meeting.pk)
        return render(request, "meetings/partials/agenda.html", {
            "meeting": fresh, "items": with_decision_forms(list(fresh.items.all())),
            "item_form": AgendaItemForm()})
    return redirect(meeting.get_absolute_url() + "#agenda")


class AgendaMoveView(ItemMixin, View):
    """htmx: moves the item up or down and answers with the agenda."""

    def post(self, request, pk):
        item = self.get_item()
        try:
            services.move_agenda_item(item, direction=request.POST.get("direction", ""),
                                      by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        return agenda_answer(request, item.meeting)


class AgendaDeleteView(ItemMixin, View):
    def post(self, request, pk):
        item = self.get_item()
        meeting = item.meeting
        try:
            services.remove_agenda_item(item, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        return agenda_answer(request, meeting)


class DecisionAddView(ItemMixin, View):
    def post(self, request, pk):
        item = self.get_item()
        form = DecisionForm(request.POST, prefix=f"d{item.pk}")
        if form.is_valid():
            try:
                services.add_decision(item, by=request.user, **form.cleaned_data)
            except DomainError as e:
                form.add_error(field_error(form, e), str(e))
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


class TaskListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    permission_required = "meetings.view_tasks"
    template_name = "meetings/task_list.html"
    context_object_name = "tasks"
    paginate_by = 100

    def get_crumbs(self):
        return [list_crumb(), (None, _("Tasks of decisions"))]

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
