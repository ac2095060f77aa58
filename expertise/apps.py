from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertiseConfig(AppConfig):
    name = "expertise"
    verbose_name = _("Expertise")

    def ready(self):
        from accounts.audit import register_values
        from accounts.expertise import register_evidence
        from accounts.personal_data import register_exporter
        from expertise import bulk, queries, signals, tasks
        from expertise.personal_data import export_expertise_data
        from expertise.views.reviews import expertise_context
        from initiatives.card_panels import register_card_context
        from initiatives.enums import (
            ExpertAssignmentStatus,
            InitiativeAction,
            MessageKind,
            Recommendation,
            RecommendationState,
            ReviewFormStatus,
        )
        from initiatives.portfolios import register_direction_reference
        from initiatives.signals import state_changed

        for choices in (ExpertAssignmentStatus, MessageKind, Recommendation, RecommendationState,
                        ReviewFormStatus):
            register_values(choices)
        # a recommendation's «accepted» is the expert's, not an assignment's or a report's
        register_values(RecommendationState, actions=(
            InitiativeAction.RECOMMENDATION_ADDRESSED, InitiativeAction.RECOMMENDATION_ACCEPTED,
            InitiativeAction.RECOMMENDATION_REOPENED))
        register_evidence("reviews_done", label=_("Reviews done"),
                          rows=queries.reviews_done_by, order=10)
        register_evidence("consultations_given", label=_("Consultations given"),
                          rows=queries.consultations_given_by, order=20)
        register_evidence("recommendations_accepted",
                          label=_("Recommendations accepted by teams"),
                          rows=queries.recommendations_accepted_of, order=30)
        register_direction_reference(queries.direction_has_experts)
        register_card_context(expertise_context)
        # the lifecycle (a lower app) tells of a change of state; the open assignments close
        from expertise.assignments import close_when_expertise_ends

        state_changed.connect(close_when_expertise_ends, dispatch_uid="expertise.close_assignments")
        # the PDF of an issued conclusion is queued by the tasks module
        signals.conclusion_issued.connect(tasks.queue_conclusion_pdf,
                                          dispatch_uid="expertise.build_conclusion_pdf")
        register_exporter(export_expertise_data)
        bulk.register()
        # a new call made from a previous one takes its review form and experts along
        from expertise.calls import copy_call_expertise
        from initiatives.calls.copying import register_copy_hook

        register_copy_hook(copy_call_expertise)
