"""The page of a project's roles and calendar plan (with its Gantt chart), its forms, the plan's
import from a file, and the list of overdue control points.

Thin: each POST calls one domain function; a refusal shows the page again with the typed values
and the message beside the field.
"""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError, add_to_form
from accounts.files import CONTENT_TYPES
from accounts.importing import TabularImportView, TemplateDownloadView
from accounts.mixins import CrumbsMixin
from initiatives.models import Initiative, TeamMember
from network.gantt import gantt_chart
from portfolio import project_roles
from portfolio.models import PlanItem, ProjectRole
from portfolio.plan import queries as plan_queries
from portfolio.plan import services as calendar_plan
from portfolio.plan.forms import (
    ForecastForm,
    PlanItemForm,
    PointDecisionForm,
    PointDoneForm,
    RoleForm,
    ShareForm,
)
from portfolio.plan.importing import PlanImport, import_plan


def plan_url(pk, anchor=""):
    return reverse("portfolio:plan", kwargs={"pk": pk}) + (f"#{anchor}" if anchor else "")


def _registry_crumb():
    return (reverse("initiatives:portfolio_registry"), _("Registry of projects"))


def plan_context(project, **bound):
    today = timezone.localdate()
    items = list(project.plan_items.all())
    rows = plan_queries.gantt_rows(items, today=today, state=project.state)
    for item, row in zip(items, rows, strict=True):
        item.overdue = row.overdue
        item.deviation_days = calendar_plan.deviation_days(item)
        item.past_end = bool(project.ends_on and item.forecast_end and
                             item.forecast_end > project.ends_on)
    roles = {r.role: r for r in project.project_roles.all()}
    team = list(project.team.all())
    context = {
        "project": project, "initiative": project, "items": items, "today": today,
        "curator": roles.get("curator"), "administrator": roles.get("administrator"),
        "roles": list(roles.values()), "team": team,
        "n_overdue": sum(1 for r in rows if r.overdue),
        "gantt": gantt_chart(
            title=gettext("Calendar plan: %(title)s") % {"title": project.title},
            desc=gettext("Activities as bars, control points as diamonds; the plan in grey, the "
                         "forecast in colour, overdue in red; the line marks today."),
            rows=rows, today=today, starts_on=project.starts_on, ends_on=project.ends_on,
        ) if items else "",
        "item_form": PlanItemForm(initiative=project),
        "role_form": RoleForm(),
        "crumbs": [_registry_crumb(), (project.get_absolute_url(), project.title),
                   (None, _("Roles and calendar plan"))],
    }
    context.update(bound)
    return context


class ProjectMixin(PermissionRequiredMixin, CrumbsMixin):
    def get_project(self):
        if not hasattr(self, "_project"):
            self._project = plan_queries.project_for_plan(self.kwargs["pk"])
            if self._project is None:
                raise Http404
        return self._project

    def get_permission_object(self):
        return self.get_project()


class PlanView(ProjectMixin, TemplateView):
    permission_required = "portfolio.view_plan"
    template_name = "portfolio/plan.html"

    def get_context_data(self, **kwargs):
        return {**kwargs, **plan_context(self.get_project())}


class _ProjectPost(ProjectMixin, View):
    """Validates one form of the plan page and calls one domain function."""

    form_name, anchor, done = "", "", _("Saved.")

    def post(self, request, pk):
        project = self.get_project()
        form = self.make_form(request, project)
        if form.is_valid():
            try:
                result = self.act(project, form.cleaned_data, request)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, self.done)
                for warning in result or ():
                    messages.warning(request, warning)
                return redirect(plan_url(pk, self.anchor))
        messages.error(request, gettext("Correct the marked fields: nothing is saved yet."))
        return render(request, "portfolio/plan.html",
                      plan_context(plan_queries.project_for_plan(pk), **{self.form_name: form}),
                      status=200)


class PlanItemAddView(_ProjectPost):
    permission_required = "portfolio.keep_plan"
    form_name, anchor, done = "item_form", "plan", _("The line is added to the plan.")

    def make_form(self, request, project):
        return PlanItemForm(request.POST, initiative=project)

    def act(self, project, data, request):
        calendar_plan.add_plan_item(project, by=request.user, **data)


class PlanItemEditView(PermissionRequiredMixin, CrumbsMixin, FormView):
    """The administrator corrects a line of the plan: its title, result, dates, responsible."""

    permission_required = "portfolio.change_plan_item"
    template_name = "includes/form_page.html"
    form_class = PlanItemForm

    def get_item(self):
        if not hasattr(self, "_item"):
            self._item = get_object_or_404(
                PlanItem.objects.select_related("initiative__organisation", "responsible"),
                pk=self.kwargs["pk"])
        return self._item

    def get_permission_object(self):
        return self.get_item()

    def get_crumbs(self):
        item = self.get_item()
        return [_registry_crumb(), (item.initiative.get_absolute_url(), item.initiative.title),
                (plan_url(item.initiative_id), _("Roles and calendar plan")), (None, str(item))]

    def get_form_kwargs(self):
        item = self.get_item()
        initial = {f: getattr(item, f) for f in (
            "kind", "number", "title", "result", "evidence_document", "responsible_name",
            "planned_start", "planned_end")}
        return {**super().get_form_kwargs(), "initiative": item.initiative,
                "initial": {**initial, "responsible": item.responsible_id}}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["kind"].disabled = True  # a point stays a point: a new line for the other
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=gettext("Change the plan line"), **kwargs)

    def form_valid(self, form):
        item = self.get_item()
        data = {k: v for k, v in form.cleaned_data.items() if k != "kind"}
        try:
            calendar_plan.change_plan_item(item, by=self.request.user, **data)
        except DomainError as e:
            add_to_form(form, e)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The line of the plan is saved."))
        return redirect(plan_url(item.initiative_id, f"item-{item.pk}"))


class RoleAddView(_ProjectPost):
    permission_required = "portfolio.manage_roles"
    form_name, anchor, done = "role_form", "roles", _("The role is assigned.")

    def make_form(self, request, project):
        return RoleForm(request.POST)

    def act(self, project, data, request):
        project_roles.assign_role(project, by=request.user, **data)


class _ItemView(PermissionRequiredMixin, View):
    """A form about one line of the plan; its errors show on the plan page, by the line."""

    model = PlanItem
    related = ("initiative",)
    done = _("Saved.")

    def get_row(self):
        if not hasattr(self, "_row"):
            self._row = get_object_or_404(self.model.objects.select_related(*self.related),
                                          pk=self.kwargs["pk"])
        return self._row

    def get_permission_object(self):
        return self.get_row()

    def post(self, request, pk):
        item = self.get_row()
        form = self.make_form(request, item)
        if form.is_valid():
            try:
                result = self.act(item, form.cleaned_data, request)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, self.done)
                for warning in result or ():
                    messages.warning(request, warning)
                return redirect(plan_url(item.initiative_id, f"item-{item.pk}"))
        messages.error(request, gettext("Correct the marked fields: nothing is saved yet."))
        project = plan_queries.project_for_plan(item.initiative_id)
        return render(request, "portfolio/plan.html",
                      plan_context(project, bound_item=item.pk, bound_form=form))


class ForecastView(_ItemView):
    permission_required = "portfolio.set_forecast"
    done = _("The forecast is saved.")

    def make_form(self, request, item):
        return ForecastForm(request.POST)

    def act(self, item, data, request):
        item = calendar_plan.set_forecast(item, by=request.user, **data)
        if calendar_plan.is_past_project_end(item):
            return [gettext("The forecast is past the project's end (%(date)s): it is shown as a "
                            "deviation until a change request moves the end.")
                    % {"date": item.initiative.ends_on.strftime("%d.%m.%Y")}]
        return []


class PointDoneView(_ItemView):
    permission_required = "portfolio.mark_point_done"
    done = _("The control point is marked done and sent to the office.")

    def make_form(self, request, item):
        return PointDoneForm(request.POST, request.FILES)

    def act(self, item, data, request):
        calendar_plan.mark_point_done(item, by=request.user, **data)


class PointDecideView(_ItemView):
    permission_required = "portfolio.decide_point"
    done = _("The decision is recorded.")

    def make_form(self, request, item):
        return PointDecisionForm(request.POST)

    def act(self, item, data, request):
        calendar_plan.decide_point(item, by=request.user, accept=data["decision"] == "accept",
                                   comment=data["comment"])


class ShareView(_ItemView):
    permission_required = "portfolio.set_share"
    related = ("initiative", "person")
    done = _("The share of working time is saved.")

    model = TeamMember

    def make_form(self, request, member):
        return ShareForm(request.POST)

    def act(self, member, data, request):
        return project_roles.set_share(member, by=request.user, percent=data["percent"])

    def post(self, request, pk):
        member = self.get_row()
        form = self.make_form(request, member)
        if form.is_valid():
            try:
                warnings = self.act(member, form.cleaned_data, request)
            except DomainError as e:
                messages.error(request, str(e))
            else:
                messages.success(request, self.done)
                for warning in warnings:
                    messages.warning(request, warning)
        else:
            messages.error(request, " ".join(e for errors in form.errors.values()
                                             for e in errors))
        return redirect(plan_url(member.initiative_id, "team"))


class RoleRemoveView(_ItemView):
    permission_required = "portfolio.remove_role"
    related = ("initiative", "person", "invitation")

    model = ProjectRole

    def post(self, request, pk):
        holder = self.get_row()
        try:
            project_roles.remove_role(holder, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, gettext("The role is removed."))
        return redirect(plan_url(holder.initiative_id, "roles"))


class EvidenceView(_ItemView):
    permission_required = "portfolio.view_plan_evidence"

    def get(self, request, pk):
        row = self.get_row()
        if not row.evidence_file:
            raise Http404
        try:
            handle = row.evidence_file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=True, filename=row.evidence_name,
                                content_type=CONTENT_TYPES.get(row.evidence_kind,
                                                               "application/octet-stream"))
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class PlanImportView(TabularImportView):
    permission_required = "portfolio.import_plan"
    importer_class = PlanImport
    title = _("Calendar plan from a file")
    intro = _("One row per activity or control point. Dates are read as «01.09.2026» or "
              "«1 сентября 2026 г.»; a row matching a line of the plan by kind and title "
              "changes it; nothing is written until you confirm.")

    def get_project(self):
        if not hasattr(self, "_project"):
            self._project = get_object_or_404(Initiative.objects.select_related("organisation"),
                                              pk=self.kwargs["pk"])
        return self._project

    def get_permission_object(self):
        return self.get_project()

    def get_import_options(self):
        return {"initiative": self.get_project()}

    @property
    def back_url(self):
        return plan_url(self.kwargs["pk"], "plan")

    @property
    def template_url(self):
        return reverse("portfolio:plan_template", kwargs={"pk": self.kwargs["pk"]})

    def get_crumbs(self):
        project = self.get_project()
        return [_registry_crumb(), (project.get_absolute_url(), project.title),
                (plan_url(project.pk), _("Roles and calendar plan")), (None, self.title)]

    def run_import(self, importer, table):
        return import_plan(table, initiative=self.get_project(), by=self.request.user)


class PlanTemplateView(TemplateDownloadView):
    permission_required = "portfolio.import_plan"
    importer_class = PlanImport
    filename = "calendar-plan.xlsx"

    def get_permission_object(self):
        return get_object_or_404(Initiative, pk=self.kwargs["pk"])

    def example_rows(self):
        return [["1", str(PlanItem._meta.get_field("kind").choices[0][1]), "Семинар для педагогов",
                 "", "", "Иванова А. А.", "01.09.2026", "30.09.2026"],
                ["1.1", "Контрольная точка", "Положение о сети утверждено",
                 "Положение утверждено приказом", "Приказ", "Иванова А. А.", "",
                 "1 октября 2026 г."]]


class OverduePointsView(PermissionRequiredMixin, CrumbsMixin, ListView):
    """Overdue control points of projects in progress (the dashboard's number links here)."""

    permission_required = "portfolio.view_overdue_points"
    template_name = "portfolio/overdue_points.html"
    context_object_name = "points"
    paginate_by = 50

    def get_crumbs(self):
        return [_registry_crumb(), (None, _("Overdue control points"))]

    def get_queryset(self):
        return plan_queries.overdue_points_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)
