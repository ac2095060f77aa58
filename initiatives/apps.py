from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives and projects")

    def ready(self):
        from accounts.audit import register_actions, register_values
        from initiatives.enums import InitiativeAction, InitiativeState

        register_actions(InitiativeAction)
        register_values(InitiativeState)
