from django.shortcuts import redirect
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from initiatives.bulk import jobs
from reports import queries


class LandingView(PermissionRequiredMixin, TemplateView):
    """The public front page; a signed-in person goes straight to their home."""

    permission_required = "reports.view_landing"
    template_name = "reports/landing.html"

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("home")
        return super().get(request, *args, **kwargs)


class HomeView(PermissionRequiredMixin, TemplateView):
    """A home page per role: what waits for this person's action."""

    permission_required = "reports.view_home"
    template_name = "reports/home.html"

    def get_context_data(self, **kwargs):
        # the lists of cards (the expert's assignments, the staff's queue) offer the actions
        # this person may take over the rows ticked, as the registry does (issue 24)
        return super().get_context_data(sections=queries.home_sections(self.request.user),
                                        bulk_actions=jobs.actions_for(self.request.user),
                                        **kwargs)
