from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives and projects")

    def ready(self):
        from accounts.audit import register_actions, register_values
        from accounts.expertise import register_evidence
        from initiatives import queries
        from initiatives.enums import (
            ExpertAssignmentStatus,
            InitiativeAction,
            InitiativeState,
            MessageKind,
            Recommendation,
            RecommendationState,
            ReviewFormStatus,
        )

        register_actions(InitiativeAction)
        from initiatives.calls.enums import CallAction

        register_actions(CallAction)
        register_values(InitiativeState)
        for choices in (ExpertAssignmentStatus, MessageKind, Recommendation, RecommendationState,
                        ReviewFormStatus):
            register_values(choices)
        register_evidence("reviews_done", label=_("Reviews done"),
                          rows=queries.reviews_done_by, order=10)
        register_evidence("consultations_given", label=_("Consultations given"),
                          rows=queries.consultations_given_by, order=20)
        register_evidence("recommendations_accepted",
                          label=_("Recommendations accepted by teams"),
                          rows=queries.recommendations_accepted_of, order=30)
        from initiatives.enums import ChangeStatus, Level, MonitoringAction, ReviewStatus, RiskStatus

        register_actions(MonitoringAction)
        for choices in (ReviewStatus, RiskStatus, ChangeStatus, Level):
            register_values(choices)

        from accounts.personal_data import register_anonymiser, register_exporter
        from initiatives.personal_data import anonymise_initiatives_data, export_initiatives_data

        register_exporter(export_initiatives_data)
        register_anonymiser(anonymise_initiatives_data)
