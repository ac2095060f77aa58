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

__all__ = [
    "ChangeRequest",
    "FinalReport",
    "Incentive",
    "IndicatorActual",
    "IndicatorPlan",
    "PlannedProduct",
    "ProgressReport",
    "ProjectProblem",
    "Publication",
    "ReportingPeriod",
    "Risk",
]
