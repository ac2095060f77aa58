"""Pages of the office's reference data kept in ``initiatives``: portfolios and directions,
the goals of the strategy and the national project, review forms and their criteria.

Thin: each POST calls one domain function of ``initiatives.portfolios`` or
``initiatives.review_forms``; a refusal shows the form again with everything typed and the
message beside the field.
"""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Prefetch
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
from expertise.models import ExpertDirection
from initiatives import portfolios
from initiatives.models import Direction, Portfolio, StrategyGoal
from portfolio.forms import (
    DirectionForm,
    PortfolioForm,
    StrategyGoalForm,
)


def _portfolios_crumb():
    return (reverse("initiatives:portfolios"), _("Portfolios and directions"))


class PortfolioListView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "initiatives.manage_portfolios"
    template_name = "portfolio/portfolios.html"

    def get_crumbs(self):
        return [(None, _("Portfolios and directions"))]

    def get_context_data(self, **kwargs):
        directions = Direction.objects.annotate(
            n=Count("initiatives"),
            has_experts=Exists(ExpertDirection.objects.filter(direction=OuterRef("pk"))),
        ).order_by("-is_active", "order", "name")
        return super().get_context_data(
            portfolios=list(Portfolio.objects.prefetch_related(
                Prefetch("directions", queryset=directions)).order_by("-is_active", "order",
                                                                      "name")),
            goals=list(StrategyGoal.objects.order_by("-is_active", "kind", "order", "title")),
            **kwargs)


class _EditView(PermissionRequiredMixin, CrumbsMixin, View):
    permission_required = "initiatives.manage_portfolios"
    model = form_class = None
    template_name = "includes/form_page.html"
    title = ""

    def get_instance(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(self.model, pk=pk) if pk else None

    def get_crumbs(self):
        return [_portfolios_crumb(), (None, self.title)]

    def initial(self, instance):
        return {f: getattr(instance, f) for f in self.form_class.base_fields} if instance else {}

    def show(self, request, form):
        return render(request, self.template_name, {"form": form, "title": self.title,
                                                    "crumbs": self.get_crumbs()})

    def get(self, request, pk=None):
        instance = self.get_instance()
        return self.show(request, self.form_class(initial=self.initial(instance),
                                                  instance=instance))

    def post(self, request, pk=None):
        instance = self.get_instance()
        form = self.form_class(request.POST, instance=instance)
        if form.is_valid():
            try:
                self.save(instance=instance, by=request.user, **form.cleaned_data)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, gettext("Saved."))
                return redirect("initiatives:portfolios")
        return self.show(request, form)


class PortfolioEditView(_EditView):
    model, form_class, title = Portfolio, PortfolioForm, _("Portfolio")
    save = staticmethod(portfolios.save_portfolio)


class DirectionEditView(_EditView):
    model, form_class, title = Direction, DirectionForm, _("Direction")
    save = staticmethod(portfolios.save_direction)


class StrategyGoalEditView(_EditView):
    model, form_class, title = StrategyGoal, StrategyGoalForm, _("Strategy goal")
    save = staticmethod(portfolios.save_strategy_goal)


class _ActionView(PermissionRequiredMixin, View):
    """Archive, take back into use or delete (only what nothing refers to)."""

    permission_required = "initiatives.manage_portfolios"
    http_method_names = ["post"]
    model = None
    actions = {}

    def post(self, request, pk, action):
        if action not in self.actions:
            raise Http404
        obj = get_object_or_404(self.model, pk=pk)
        function, done = self.actions[action]
        try:
            function(obj, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, done % {"name": str(obj)})
        return redirect("initiatives:portfolios")


class PortfolioActionView(_ActionView):
    model = Portfolio
    actions = {
        "archive": (portfolios.archive_portfolio, _("The portfolio «%(name)s» is archived.")),
        "restore": (portfolios.restore_portfolio, _("The portfolio «%(name)s» is in use again.")),
        "delete": (portfolios.delete_portfolio, _("The portfolio «%(name)s» is deleted.")),
    }


class DirectionActionView(_ActionView):
    model = Direction
    actions = {
        "archive": (portfolios.archive_direction, _("The direction «%(name)s» is archived.")),
        "restore": (portfolios.restore_direction, _("The direction «%(name)s» is in use again.")),
        "delete": (portfolios.delete_direction, _("The direction «%(name)s» is deleted.")),
    }


class StrategyGoalActionView(_ActionView):
    model = StrategyGoal
    actions = {
        "archive": (portfolios.archive_strategy_goal, _("The goal «%(name)s» is archived.")),
        "restore": (portfolios.restore_strategy_goal, _("The goal «%(name)s» is in use again.")),
    }


# --- review forms and their criteria ----------------------------------------------------------
