"""Pages of the actions over many initiatives: change the state, write to the teams, export the
selection, and the page of a job (its progress, then what became of each card)."""

import logging

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from kombu.exceptions import OperationalError
from rules.contrib.views import PermissionRequiredMixin

from accounts import letters
from accounts.mixins import CrumbsMixin
from initiatives import exports, queries
from initiatives.bulk import jobs, messages, selection, transitions
from initiatives.bulk.forms import MessageForm, TransitionForm
from initiatives.enums import BulkJobStatus
from initiatives.models import BulkJob
from initiatives.tasks import run_bulk_job_task
from network.models import Membership

log = logging.getLogger(__name__)
SHOWN_REFUSED = 200  # the confirmation page lists this many of the rows left out


def launch(job):
    """Run a small job now (each card in its own transaction); queue a big one for a worker."""
    if jobs.runs_in_request(job):
        return jobs.run(job.pk)
    try:
        run_bulk_job_task.delay(job.pk)
    except OperationalError as e:
        log.warning("bulk job %s not queued: %s", job.pk, e)
        BulkJob.objects.filter(pk=job.pk).update(
            status=BulkJobStatus.FAILED, finished_at=timezone.now(),
            error=_("The background service is unavailable. Start the action again later."))
    return job


def hidden_refusals(sel, eligible_ids, *, reason_of):
    """The rows of the selection left out, with the reason: the visible ones not eligible (one
    query), and ticked ids the person may not see."""
    refused = [jobs.refusal(i.pk, i.title, reason_of(i)) for i in
               sel.queryset.exclude(pk__in=eligible_ids).only("pk", "title", "state",
                                                              "organisation_id")]
    if not sel.by_filter:
        seen = set(eligible_ids) | {r["id"] for r in refused}
        refused += [jobs.refusal(pk, "", _("You may not see this initiative, or it does not "
                                            "exist."))
                    for pk in sel.ids if pk not in seen]
    return refused


class BulkMixin(PermissionRequiredMixin, CrumbsMixin):
    permission_required = "initiatives.act_in_bulk"
    title = ""

    def dispatch(self, request, *args, **kwargs):
        data = request.POST if request.method == "POST" else request.GET
        self.selection = selection.from_data(data, request.user) if request.user.is_authenticated \
            else None
        return super().dispatch(request, *args, **kwargs)

    def get_crumbs(self):
        back = reverse("initiatives:list")
        if self.selection is not None and self.selection.by_filter:
            back += f"?{self.selection.query}"
        return [(back, _("Initiatives")), (None, self.title)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(selection=self.selection, title=self.title, **kwargs)


class BulkTransitionView(BulkMixin, TemplateView):
    template_name = "initiatives/bulk_transition.html"
    title = gettext_lazy("Change the state of many initiatives")

    def _counts(self):
        offered = transitions.offered(self.request.user)
        counts = self.selection.queryset.order_by().aggregate(
            total=Count("pk"), **{t.name: Count("pk", filter=transitions.eligible(
                t, self.request.user)) for t in offered})
        return offered, counts

    def _form(self, data=None):
        offered, counts = self._counts()
        total = counts.pop("total")
        return TransitionForm(data, offered=offered, counts=counts, total=total), total

    def get_context_data(self, form=None, **kwargs):
        built, total = self._form()
        return super().get_context_data(form=form or built, total=total, **kwargs)

    def post(self, request):
        form, total = self._form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        t = form.cleaned_data["transition"]
        eligible = list(self.selection.queryset.filter(transitions.eligible(t, request.user))
                        .values_list("pk", flat=True)[:selection.MAX_ROWS])
        if not eligible:
            form.add_error("transition", _("None of the chosen initiatives can make this move."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        refused = hidden_refusals(self.selection, eligible,
                                  reason_of=lambda i: transitions.why_not(t, i, request.user))
        job = jobs.start(transitions.KIND, label=t.label, ids=eligible, by=request.user,
                         params={"transition": t.name, "comment": form.cleaned_data["comment"]},
                         refused=refused)
        launch(job)
        return redirect(job)


def _with_team():
    """The cards whose organisation has a team in the portal (whom ``send_team_message`` tells)."""
    return Q(organisation_id__in=Membership.objects.filter(
        is_active=True, person__is_active=True).values("organisation_id"))


class BulkMessageView(BulkMixin, TemplateView):
    template_name = "initiatives/bulk_message.html"
    title = gettext_lazy("A message to the teams")

    def get_context_data(self, form=None, preview=None, **kwargs):
        counts = self.selection.queryset.order_by().aggregate(
            total=Count("pk"), eligible=Count("pk", filter=_with_team()))
        return super().get_context_data(
            form=form or MessageForm(), preview=preview, counts=counts,
            placeholders=messages.MESSAGE.placeholders.items(), **kwargs)

    def post(self, request):
        form = MessageForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        eligible_qs = self.selection.queryset.filter(_with_team())
        if "preview" in request.POST:
            first = eligible_qs.select_related("organisation", "leader", "call").first()
            preview = None
            if first is not None:
                values = messages.values(first)
                preview = {"initiative": first,
                           "subject": letters.fill(form.cleaned_data["subject"], values),
                           "body": letters.fill(form.cleaned_data["body"], values)}
            return self.render_to_response(self.get_context_data(form=form, preview=preview))
        eligible = list(eligible_qs.values_list("pk", flat=True)[:selection.MAX_ROWS])
        if not eligible:
            form.add_error(None, _("None of the chosen initiatives has a team in the portal."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        refused = hidden_refusals(self.selection, eligible, reason_of=lambda i: _(
            "The organisation has no team in the portal to write to."))
        job = jobs.start(messages.KIND, label=_("Message: %(subject)s") % {
            "subject": form.cleaned_data["subject"]}, ids=eligible, by=request.user,
            params={"subject": form.cleaned_data["subject"], "body": form.cleaned_data["body"]},
            refused=refused)
        launch(job)
        return redirect(job)


class BulkExportView(PermissionRequiredMixin, View):
    """The chosen rows of the registry as XLSX or CSV (the registry's export, same columns)."""

    permission_required = "initiatives.export_initiatives"

    def get(self, request, fmt):
        if fmt not in ("xlsx", "csv"):
            raise Http404
        sel = selection.from_data(request.GET, request.user)
        qs = queries.registry(request.user).filter(pk__in=sel.queryset.values("pk")).order_by(
            "pk")
        return exports.download(exports.rows(qs), fmt)


class BulkJobView(PermissionRequiredMixin, View):
    """A job: its progress while it runs (htmx), then each card moved or not, and why."""

    permission_required = "initiatives.act_in_bulk"

    def get(self, request, pk):
        job = get_object_or_404(BulkJob.objects.select_related("created_by"), pk=pk)
        if request.headers.get("HX-Request"):
            return render(request, "initiatives/partials/bulk_job_status.html", {"job": job})
        results = job.results if job.status in (BulkJobStatus.DONE, BulkJobStatus.FAILED) else []
        return render(request, "initiatives/bulk_job.html", {
            "job": job, "done_rows": [r for r in results if r["ok"]],
            "refused_rows": [r for r in results if not r["ok"]],
            "crumbs": [(reverse("initiatives:list"), _("Initiatives")), (None, job.label)]})


class BulkActionsContextMixin:
    """The registry page's selection bar: the actions this person may take on many rows."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(bulk_actions=jobs.actions_for(self.request.user),
                                        **kwargs)


def register_bulk_actions():
    jobs.register(transitions.KIND, transitions.fire_one)
    jobs.register(messages.KIND, messages.send_one)
    jobs.register_action(jobs.Action("transition", gettext_lazy("Change the state"),
                                     "initiatives:bulk_transition", "initiatives.act_in_bulk",
                                     "bi-arrow-right-circle"))
    jobs.register_action(jobs.Action("message", gettext_lazy("Write to the teams"),
                                     "initiatives:bulk_message", "initiatives.act_in_bulk",
                                     "bi-envelope"))
