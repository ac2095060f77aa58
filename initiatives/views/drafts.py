"""Creating and editing a card: the new card, the draft's form, its autosave."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from accounts.autocomplete import ORGANISATION_NAMES, FormChoicesView
from accounts.errors import DomainError, add_to_form
from accounts.mixins import CrumbsMixin
from initiatives import lifecycle, queries, sections, services
from initiatives.forms import (
    DraftForm,
    InitiativeCreateForm,
)
from initiatives.views.base import (
    CardMixin,
    DraftContextMixin,
    InitiativeMixin,
    _card,
    _registry_crumb,
    _submit_transition,
)

# --- creating and editing ----------------------------------------------------------------


class InitiativeCreateChoicesView(FormChoicesView):
    """The organisations (those the person may make a draft for) and the networks of the new
    card's form and of the draft, as one types."""

    permission_required = "initiatives.add_initiative"
    search_fields = {"organisation": ORGANISATION_NAMES, "network": ("name",)}

    def get_form(self):
        return InitiativeCreateForm(organisations=queries.organisations_for(self.request.user))


class InitiativeCreateView(PermissionRequiredMixin, CrumbsMixin, FormView):
    permission_required = "initiatives.add_initiative"
    template_name = "initiatives/initiative_create.html"
    form_class = InitiativeCreateForm

    def get_crumbs(self):
        return [_registry_crumb(), (None, _("New initiative"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "organisations": queries.organisations_for(self.request.user)}

    def get_initial(self):
        """``?network=<id>`` from a network page's «Propose an initiative» preselects it."""
        initial = super().get_initial()
        network = self.request.GET.get("network", "")
        if network.isdigit():
            initial["network"] = int(network)
        return initial

    def form_valid(self, form):
        try:
            initiative = services.create_initiative(
                organisation=form.cleaned_data["organisation"], title=form.cleaned_data["title"],
                by=self.request.user, network=form.cleaned_data.get("network"),
            )
        except DomainError as e:
            form.add_error(e.field, str(e))
            return self.form_invalid(form)
        if self.request.user.has_perm("initiatives.change_initiative", initiative):
            messages.success(self.request, _("The draft is created. Everything you type is saved "
                                             "automatically."))
            return redirect("initiatives:edit", pk=initiative.pk)
        # the office makes a draft for a school: the school's team fills it in (the edit page
        # would refuse the office)
        messages.success(self.request, _("The draft is created: the team of %(organisation)s "
                                         "fills it in on the portal.")
                         % {"organisation": initiative.organisation.short_name})
        return redirect(initiative)






class InitiativeEditView(CardMixin, DraftContextMixin, View):
    permission_required = "initiatives.change_initiative"
    template_name = "initiatives/initiative_edit.html"

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Editing"))]

    def render(self, request, initiative, form, **kwargs):
        context = self.draft_context(initiative, form, **kwargs)
        context["crumbs"] = self.get_crumbs()
        return render(request, self.template_name, context)

    def get(self, request, pk):
        initiative = self.get_initiative()
        return self.render(request, initiative, DraftForm(initial=DraftForm.initial_for(initiative),
                                                         initiative=initiative))

    def post(self, request, pk):
        initiative = self.get_initiative()
        form = DraftForm(request.POST, initiative=initiative)
        if not form.is_valid():
            return self.render(request, initiative, form)
        revision = form.cleaned_data["revision"]
        taken = request.POST.get("take_revision", "")
        if taken.isdigit():
            revision = int(taken)
        try:
            services.save_draft(initiative, by=request.user, revision=revision,
                                values=form.values())
        except services.EditConflict as e:
            return self.render(request, initiative, form, conflict=e.current)
        except DomainError as e:
            add_to_form(form, e)
            return self.render(request, initiative, form)
        if request.POST.get("action") != "submit":
            messages.success(request, _("The draft is saved."))
            return redirect("initiatives:edit", pk=pk)
        transition = _submit_transition(initiative)
        try:
            lifecycle.fire(initiative, transition, by=request.user)
        except lifecycle.IncompleteCard as e:
            data = request.POST.copy()
            data["revision"] = str(initiative.revision)
            form = DraftForm(data, initiative=initiative)
            form.is_valid()
            for field, message in e.errors.items():
                if field in form.fields:
                    form.add_error(field, message)
            messages.error(request, str(e))
            return self.render(request, _card(request.user, pk), form, submit_errors=e.errors)
        except DomainError as e:
            messages.error(request, str(e))
            return redirect("initiatives:edit", pk=pk)
        messages.success(request, _("The initiative is submitted to the project office."))
        return redirect(initiative.get_absolute_url())


class InitiativeAutosaveView(InitiativeMixin, DraftContextMixin, View):
    """htmx: saves the typed text and answers with a status line, or with the conflict."""

    permission_required = "initiatives.change_initiative"

    def post(self, request, pk):
        initiative = self.get_initiative()
        form = DraftForm(request.POST, initiative=initiative)
        form.is_valid()
        if "revision" in form.errors:
            return HttpResponse(status=400)
        try:
            services.save_draft(initiative, by=request.user,
                                revision=form.cleaned_data["revision"], values=form.values())
        except services.EditConflict as e:
            context = self.draft_context(initiative, form, conflict=e.current)
            return render(request, "initiatives/partials/autosave_conflict.html", context)
        except DomainError as e:
            return render(request, "initiatives/partials/autosave_status.html",
                          {"error": str(e), "initiative": initiative})
        fresh = _card(request.user, pk)
        return render(request, "initiatives/partials/autosave_status.html", {
            "initiative": fresh,
            "saved_at": timezone.localtime(fresh.updated_at),
            "field_errors": [(form.fields[n].label, " ".join(m)) for n, m in form.errors.items()],
            "completeness": sections.completeness(fresh),
        })
