from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio and projects")

    def ready(self):
        # the domain modules register their audit labels and the invitation hook that passes a
        # project role to the person who accepts the invitation
        from portfolio import calendar_plan, project_roles  # noqa: F401
