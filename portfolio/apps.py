from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        from accounts.audit import register_actions, register_values
        from accounts.personal_data import register_exporter
        from initiatives.enums import ChangeStatus, Level, MonitoringAction, ReviewStatus, RiskStatus
        from portfolio.personal_data import export_portfolio_data

        register_actions(MonitoringAction)
        for choices in (ReviewStatus, RiskStatus, ChangeStatus, Level):
            register_values(choices)
            # the monitoring's lines are on the initiative's history, beside its own states
            # («submitted», «returned»): labelled by their actions first
            register_values(choices, actions=MonitoringAction)
        # the passport's statuses share codes with the initiative's states («draft», «approved»):
        # labelled for the passport's lines (its model, and its actions on the initiative's history)
        from portfolio.models import Passport
        from portfolio.passport.enums import PassportAction, PassportStatus

        register_values(PassportStatus, models=[Passport], actions=PassportAction)
        register_exporter(export_portfolio_data)
        # the roles and the calendar plan register their audit labels and the invitation hook
        # that passes a project role to the person who accepts the invitation
        from portfolio import project_roles  # noqa: F401
        from portfolio.plan import services  # noqa: F401
