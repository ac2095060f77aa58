from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Dashboards and reports")

    def ready(self):
        from accounts.audit import register_actions, register_values
        from reports.enums import ReportAction, ReportStatus

        register_actions(ReportAction)
        register_values(ReportStatus)
        register_values(ReportStatus, actions=ReportAction)  # «done» is a report's «готов»
        from reports.letters import register_kinds

        register_kinds()
