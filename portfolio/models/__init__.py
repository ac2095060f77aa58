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
from .passport import (
    Funding,
    IndicatorPassport,
    NationalProject,
    Passport,
    PassportAgreement,
    PassportResult,
    PassportVersion,
)
from .plan import CuratorAgreement, PlanItem, ProjectRole, TeamShare

__all__ = [
    "ChangeRequest",
    "CuratorAgreement",
    "FinalReport",
    "Funding",
    "Incentive",
    "IndicatorActual",
    "IndicatorPassport",
    "IndicatorPlan",
    "NationalProject",
    "Passport",
    "PassportAgreement",
    "PassportResult",
    "PassportVersion",
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
