"""The project's passport page (its sections from the portal and from the team, the agreement
sheet, the approved versions), its forms, a version against the one before it, and the national
projects (reference data).

Thin: each POST calls one domain function; a refusal shows the page again with the typed values
and the message beside the field.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.diff import word_diff
from accounts.errors import DomainError, add_to_form
from accounts.mixins import CrumbsMixin
from initiatives.models import Indicator
from portfolio import national_projects
from portfolio.models import NationalProject, PassportResult, PassportVersion
from portfolio.passport import data as passport_data
from portfolio.passport import services as passports
from portfolio.passport.enums import PassportSection, PassportStatus
from portfolio.passport.forms import (
    ApproverForm,
    CommentForm,
    FundingForm,
    IndicatorDetailForm,
    NationalProjectForm,
    PassportMainForm,
    ResultForm,
)


def passport_url(pk, anchor=""):
    return reverse("portfolio:passport", kwargs={"pk": pk}) + (f"#{anchor}" if anchor else "")



def _main_initial(passport):
    if passport is None:
        return {}
    return {"short_name": passport.short_name, "full_name": passport.full_name,
            "municipal_programme": passport.municipal_programme,
            "national_projects": [n.pk for n in passport.national_projects.all()],
            "regional_projects": passport.regional_projects,
            "participants": passport.participants, "additional_info": passport.additional_info}


def passport_context(project, **bound):
    passport = passport_data.passport_of(project)
    data = passport_data.build(project, passport)
    chosen = [n.pk for n in passport.national_projects.all()] if passport else []
    indicators = list(project.indicators.all())
    for indicator in indicators:
        details = getattr(indicator, "passport", None)
        indicator.detail_form = IndicatorDetailForm(
            prefix=f"i{indicator.pk}",
            initial={"accumulation": details.accumulation, "level": details.level,
                     "method": details.method, "baseline_on": details.baseline_on}
            if details else {})
    bound_indicator = bound.pop("bound_indicator", None)
    if bound_indicator:
        for indicator in indicators:
            if indicator.pk == bound_indicator[0]:
                indicator.detail_form = bound_indicator[1]
    versions = list(passport.versions.all()) if passport else []
    context = {
        "project": project, "initiative": project, "passport": passport, "data": data,
        "status": passport.status if passport else PassportStatus.DRAFT,
        "status_label": passport.get_status_display() if passport
        else PassportStatus.DRAFT.label,
        "editable": passport is None or passport.status == PassportStatus.DRAFT,
        "indicators": indicators,
        "results": list(passport.results.all()) if passport else [],
        "agreements": list(passport.agreements.all()) if passport else [],
        "versions": versions,
        "main_form": PassportMainForm(initial=_main_initial(passport), chosen=chosen),
        "result_form": ResultForm(prefix="result"), "funding_form": FundingForm(prefix="funding"),
        "approver_form": ApproverForm(), "agree_form": CommentForm(),
        "crumbs": [(reverse("initiatives:portfolio_registry"), _("Registry of projects")),
                   (project.get_absolute_url(), project.title), (None, _("Passport"))],
    }
    context.update(bound)
    return context


class ProjectMixin(PermissionRequiredMixin, CrumbsMixin):
    def get_project(self):
        if not hasattr(self, "_project"):
            self._project = passport_data.project_for_passport(self.kwargs["pk"])
            if self._project is None:
                raise Http404
        return self._project

    def get_permission_object(self):
        return self.get_project()


class PassportView(ProjectMixin, TemplateView):
    permission_required = "portfolio.view_passport"
    template_name = "portfolio/passport.html"

    def get_context_data(self, **kwargs):
        return {**kwargs, **passport_context(self.get_project())}


class _PassportPost(ProjectMixin, View):
    """Validates one form of the passport page and calls one domain function."""

    permission_required = "portfolio.write_passport"
    form_class, form_name, anchor, done = None, "", "", _("Saved.")

    def make_form(self, request, project):
        return self.form_class(request.POST)

    def post(self, request, pk, **kwargs):
        project = self.get_project()
        form = self.make_form(request, project)
        if form.is_valid():
            try:
                self.act(project, form.cleaned_data, request)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, self.done)
                return redirect(passport_url(pk, self.anchor))
        messages.error(request, gettext("Correct the marked fields: nothing is saved yet."))
        return render(request, "portfolio/passport.html", passport_context(
            passport_data.project_for_passport(pk), **self.bound(form)))

    def bound(self, form):
        return {self.form_name: form}


class MainView(_PassportPost):
    form_name, anchor, done = "main_form", "main", _("The passport is saved.")

    def make_form(self, request, project):
        passport = passport_data.passport_of(project)
        chosen = [n.pk for n in passport.national_projects.all()] if passport else []
        return PassportMainForm(request.POST, chosen=chosen)

    def act(self, project, data, request):
        passports.save_main(project, by=request.user, **data)


class IndicatorView(_PassportPost):
    anchor, done = "goal", _("The indicator is described.")

    def get_indicator(self):
        project = self.get_project()
        indicator = next((i for i in project.indicators.all()
                          if i.pk == self.kwargs["indicator"]), None)
        if indicator is None:
            raise Http404
        return indicator

    def make_form(self, request, project):
        return IndicatorDetailForm(request.POST, prefix=f"i{self.get_indicator().pk}")

    def act(self, project, data, request):
        indicator = Indicator.objects.select_related("initiative").get(
            pk=self.get_indicator().pk)
        passports.describe_indicator(indicator, by=request.user, **data)

    def bound(self, form):
        return {"bound_indicator": (self.get_indicator().pk, form)}


class ResultView(_PassportPost):
    form_class, form_name, anchor = ResultForm, "result_form", "results"
    done = _("The result is saved.")

    def make_form(self, request, project):
        return ResultForm(request.POST, prefix="result")

    def act(self, project, data, request):
        passports.save_result(project, by=request.user, **data)


class FundingView(_PassportPost):
    form_class, form_name, anchor = FundingForm, "funding_form", "funding"
    done = _("The funding is saved.")

    def make_form(self, request, project):
        return FundingForm(request.POST, prefix="funding")

    def act(self, project, data, request):
        passports.set_funding(project, by=request.user, **data)


class ApproverView(_PassportPost):
    permission_required = "portfolio.name_approvers"
    form_class, form_name, anchor = ApproverForm, "approver_form", "agreement"
    done = _("The person is added to the agreement sheet.")

    def act(self, project, data, request):
        passports.add_approver(project, by=request.user, **data)


class AgreeView(_PassportPost):
    permission_required = "portfolio.agree_passport"
    form_class, form_name, anchor = CommentForm, "agree_form", "agreement"
    done = _("You have agreed the passport.")

    def act(self, project, data, request):
        passports.agree(project, by=request.user, **data)


class SendView(_PassportPost):
    form_class, form_name, anchor = CommentForm, "agree_form", "agreement"
    done = _("The passport is sent for agreement.")

    def act(self, project, data, request):
        passports.send_for_agreement(project, by=request.user)


class ReturnView(_PassportPost):
    form_class, form_name, anchor = CommentForm, "agree_form", "agreement"
    done = _("The passport is returned to draft.")

    def act(self, project, data, request):
        passports.return_to_draft(project, by=request.user, **data)


class ResultRemoveView(PermissionRequiredMixin, View):
    permission_required = "portfolio.remove_passport_result"

    def get_permission_object(self):
        if not hasattr(self, "_row"):
            self._row = get_object_or_404(PassportResult.objects.select_related(
                "passport__initiative"), pk=self.kwargs["pk"])
        return self._row

    def post(self, request, pk):
        row = self.get_permission_object()
        try:
            passports.remove_result(row, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, gettext("The result is removed."))
        return redirect(passport_url(row.passport.initiative_id, "results"))


class VersionView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    """An approved version as it was frozen, each section against the version before it."""

    permission_required = "portfolio.view_passport_version"
    template_name = "portfolio/passport_version.html"

    def get_version(self):
        if not hasattr(self, "_version"):
            self._version = get_object_or_404(PassportVersion.objects.select_related(
                "passport__initiative", "change"), pk=self.kwargs["pk"])
        return self._version

    def get_permission_object(self):
        return self.get_version()

    def get_crumbs(self):
        project = self.get_version().passport.initiative
        return [(project.get_absolute_url(), project.title),
                (passport_url(project.pk), _("Passport")),
                (None, gettext("Version %(n)s") % {"n": self.get_version().number})]

    def get_context_data(self, **kwargs):
        version = self.get_version()
        previous = PassportVersion.objects.filter(
            passport_id=version.passport_id, number__lt=version.number).order_by(
            "-number").first()
        old = (previous.snapshot or {}).get("sections", {}) if previous else {}
        new = (version.snapshot or {}).get("sections", {})
        rows = [(section.label, old.get(section.value, "") != new.get(section.value, ""),
                 word_diff(old.get(section.value, ""), new.get(section.value, "")))
                for section in PassportSection]
        return super().get_context_data(
            version=version, previous=previous, rows=rows, data=version.snapshot,
            project=version.passport.initiative, **kwargs)


class NationalProjectListView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "portfolio.manage_national_projects"
    template_name = "portfolio/national_projects.html"

    def get_crumbs(self):
        return [(None, _("National projects"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=list(NationalProject.objects.all()), **kwargs)


class NationalProjectEditView(PermissionRequiredMixin, View):
    permission_required = "portfolio.manage_national_projects"
    fields = ("name", "starts_year", "ends_year", "is_active", "order")

    def get_instance(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(NationalProject, pk=pk) if pk else None

    def show(self, request, form, instance):
        title = instance.name if instance else gettext("New national project")
        return render(request, "includes/form_page.html", {
            "form": form, "title": title, "instance": instance,
            "crumbs": [(reverse("portfolio:national_projects"), _("National projects")),
                       (None, title)],
        })

    def get(self, request, pk=None):
        instance = self.get_instance()
        initial = {f: getattr(instance, f) for f in self.fields} if instance else {}
        return self.show(request, NationalProjectForm(initial=initial), instance)

    def post(self, request, pk=None):
        instance = self.get_instance()
        form = NationalProjectForm(request.POST)
        if form.is_valid():
            try:
                national_projects.save_national_project(by=request.user, instance=instance,
                                                        **form.cleaned_data)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, gettext("Saved."))
                return redirect("portfolio:national_projects")
        return self.show(request, form, instance)
