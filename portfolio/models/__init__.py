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
from .plan import CuratorAgreement, PlanItem, ProjectRole, TeamShare

__all__ = [
    "ChangeRequest",
    "CuratorAgreement",
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
