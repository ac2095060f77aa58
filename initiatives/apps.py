from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives and projects")

    def ready(self):
        from accounts.audit import register_actions, register_values
        from accounts.personal_data import register_anonymiser, register_exporter
        from initiatives.bulk.views import register_bulk_actions
        from initiatives.enums import InitiativeAction, InitiativeState
        from initiatives.personal_data import anonymise_initiatives_data, export_initiatives_data

        register_actions(InitiativeAction)
        from initiatives.calls.enums import CallAction, QuestionAction, QuestionKind
        from initiatives.calls.panels import card_panel
        from initiatives.card_panels import register_card_context

        register_actions(CallAction)
        register_actions(QuestionAction)
        register_values(QuestionKind)
        register_card_context(card_panel)
        register_values(InitiativeState)
        # an initiative's own lines read its states' labels even where another app shares a code
        from initiatives.models import Initiative

        register_values(InitiativeState, models=[Initiative])
        register_exporter(export_initiatives_data)
        register_anonymiser(anonymise_initiatives_data)
        register_bulk_actions()
        from initiatives.letters import register_kinds

        register_kinds()
