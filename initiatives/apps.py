from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives and projects")

    def ready(self):
        from accounts.audit import register_actions, register_values
        from initiatives import enums

        register_actions(enums.InitiativeAction)
        register_actions(enums.MonitoringAction)
        for choices in (enums.InitiativeState, enums.ReviewStatus, enums.RiskStatus,
                        enums.ChangeStatus, enums.Level):
            register_values(choices)
