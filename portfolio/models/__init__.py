from .monitoring import (
    ChangeRequest,
    FinalReport,
    IndicatorActual,
    IndicatorPlan,
    ProgressReport,
    ProjectProblem,
    ReportingPeriod,
    Risk,
)
from .organisation_records import Incentive, PlannedProduct, Publication
from .plan import PlanItem, ProjectRole, TeamShare

__all__ = [
    "ChangeRequest",
    "FinalReport",
    "Incentive",
    "IndicatorActual",
    "IndicatorPlan",
    "PlanItem",
    "PlannedProduct",
    "ProgressReport",
    "ProjectProblem",
    "ProjectRole",
    "Publication",
    "ReportingPeriod",
    "Risk",
    "TeamShare",
]
