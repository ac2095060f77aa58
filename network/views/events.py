"""Network events: the calendar, an event's page, registration, attendance, materials, feedback."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError, add_to_form
from accounts.mixins import CrumbsMixin
from network import calendar, events, queries
from network.forms import EventCancelForm, EventForm, FeedbackForm, FileForm
from network.models import EventMaterial, NetworkEvent
from network.views.networks import NetworkMixin, attachment_response, networks_crumb, refuse


class CalendarView(NetworkMixin, TemplateView):
    template_name = "network/calendar.html"

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Calendar"))]

    def get_context_data(self, **kwargs):
        network = self.get_network()
        events = list(queries.calendar_events(network))
        return super().get_context_data(network=network, months=calendar.by_month(events),
                                        **kwargs)


def _ics_response(body, name):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


class NetworkIcsView(NetworkMixin, View):
    def get(self, request, slug):
        network = self.get_network()
        return _ics_response(calendar.ics(network, queries.calendar_events(network)),
                             f"network-{network.slug}")


class EventCreateView(NetworkMixin, FormView):
    permission_required = "network.add_event"
    template_name = "network/event_form.html"
    form_class = EventForm

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("New event"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "network": self.get_network()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.get_network(), **kwargs)

    def form_valid(self, form):
        try:
            event = events.create_event(self.get_network(), by=self.request.user,
                                          **form.cleaned_data)
        except DomainError as e:
            add_to_form(form, e)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The event is in the network's calendar."))
        return redirect(event.get_absolute_url())


class EventMixin(PermissionRequiredMixin, CrumbsMixin):
    permission_required = "network.view_event"

    def get_event(self):
        if not hasattr(self, "_event"):
            self._event = get_object_or_404(
                NetworkEvent.objects.select_related("network").prefetch_related("organisers"),
                pk=self.kwargs["pk"])
        return self._event

    def get_permission_object(self):
        return self.get_event()

    def get_crumbs(self):
        e = self.get_event()
        return [networks_crumb(), (e.network.get_absolute_url(), e.network.name),
                (reverse("network:calendar", kwargs={"slug": e.network.slug}), _("Calendar")),
                (None, e.title)]


class EventDetailView(EventMixin, TemplateView):
    template_name = "network/event_detail.html"

    def get_context_data(self, **kwargs):
        event = self.get_event()
        page = queries.event_page(event)
        mine = next((r for r in page["registrations"] if r.person_id == self.request.user.pk),
                    None)
        ratings = [f.rating for f in page["feedback"]]
        return super().get_context_data(
            event=event, network=event.network, **page, my_registration=mine,
            average_rating=round(sum(ratings) / len(ratings), 1) if ratings else None,
            file_form=FileForm(), feedback_form=FeedbackForm(), **kwargs,
        )


class EventEditView(EventMixin, FormView):
    """Change an event's details or organisers; or cancel it with a reason (second form)."""

    permission_required = "network.change_event"
    template_name = "network/event_edit.html"
    form_class = EventForm

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Change the event"))]

    def get_initial(self):
        event = self.get_event()
        return {
            "kind": event.kind, "title": event.title, "place": event.place,
            "description": event.description,
            "starts_at": timezone.localtime(event.starts_at),
            "ends_at": timezone.localtime(event.ends_at) if event.ends_at else None,
            "organisers": [o.person_id for o in event.organisers.all()
                           if o.person_id != event.created_by_id],
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "network": self.get_event().network,
                "submit_label": _("Save the event")}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("cancel_form", EventCancelForm())
        return super().get_context_data(event=self.get_event(), **kwargs)

    def form_valid(self, form):
        try:
            event = events.update_event(self.get_event(), by=self.request.user,
                                          **form.cleaned_data)
        except DomainError as e:
            add_to_form(form, e)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The event is saved."))
        return redirect(event.get_absolute_url())


class EventCancelView(EventMixin, View):
    permission_required = "network.change_event"

    def post(self, request, pk):
        event = self.get_event()
        form = EventCancelForm(request.POST)
        if form.is_valid():
            try:
                events.cancel_event(event, by=request.user, reason=form.cleaned_data["reason"])
            except DomainError as e:
                form.add_error("reason" if e.field == "reason" else None, str(e))
            else:
                messages.success(request, gettext("The event is cancelled; the people "
                                                  "registered for it are told."))
                return redirect(event.get_absolute_url())
        # the reason is missing: show the edit page again with the message beside the field
        view = EventEditView()
        view.setup(request, pk=pk)
        view._event = event
        return view.render_to_response(view.get_context_data(
            form=view.form_class(initial=view.get_initial(), network=event.network,
                                 submit_label=_("Save the event")),
            cancel_form=form))


class EventIcsView(EventMixin, View):
    def get(self, request, pk):
        event = self.get_event()
        return _ics_response(calendar.ics(event.network, [event]), f"event-{event.pk}")


class EventRegisterView(EventMixin, View):
    permission_required = "network.register_event"

    def post(self, request, pk):
        event = self.get_event()
        try:
            if request.POST.get("cancel"):
                events.cancel_registration(event, by=request.user)
                messages.success(request, gettext("Your registration is cancelled."))
            else:
                events.register_for_event(event, by=request.user)
                messages.success(request, gettext("You are registered for the event."))
        except DomainError as e:
            refuse(request, e)
        return redirect(event.get_absolute_url())


class AttendanceView(EventMixin, View):
    permission_required = "network.change_event"

    def post(self, request, pk):
        event = self.get_event()
        try:
            ids = [int(i) for i in request.POST.getlist("attended") if str(i).isdigit()]
            count = events.mark_attendance(event, by=request.user, attended_ids=ids)
            messages.success(request, gettext("Attendance is saved: %(n)s attended.")
                             % {"n": count})
        except DomainError as e:
            refuse(request, e)
        return redirect(event.get_absolute_url() + "#registrations")


class MaterialAddView(EventMixin, View):
    permission_required = "network.change_event"

    def post(self, request, pk):
        event = self.get_event()
        form = FileForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("file", [])))
        else:
            try:
                events.add_event_material(event, by=request.user,
                                            upload=form.cleaned_data["file"])
                messages.success(request, gettext("The file is added to the materials."))
            except DomainError as e:
                refuse(request, e)
        return redirect(event.get_absolute_url() + "#materials")


class MaterialDownloadView(PermissionRequiredMixin, View):
    permission_required = "network.view_event"

    def get_material(self):
        if not hasattr(self, "_material"):
            self._material = get_object_or_404(
                EventMaterial.objects.select_related("event__network"), pk=self.kwargs["pk"])
        return self._material

    def get_permission_object(self):
        return self.get_material().event

    def get(self, request, pk):
        return attachment_response(self.get_material())


class FeedbackView(EventMixin, View):
    permission_required = "network.register_event"

    def post(self, request, pk):
        event = self.get_event()
        form = FeedbackForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Rate the event from 1 to 5."))
        else:
            try:
                events.give_feedback(event, by=request.user, **form.cleaned_data)
                messages.success(request, gettext("Thank you for your feedback."))
            except DomainError as e:
                refuse(request, e)
        return redirect(event.get_absolute_url() + "#feedback")
