from .attachment import Attachment
from .expertise import ExpertAssignment
from .initiative import Indicator, Initiative, InitiativeVersion, TeamMember
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
from .portfolio import Direction, Portfolio, StrategyGoal

__all__ = [
    "Attachment",
    "ChangeRequest",
    "Direction",
    "ExpertAssignment",
    "FinalReport",
    "Incentive",
    "Indicator",
    "IndicatorActual",
    "IndicatorPlan",
    "Initiative",
    "InitiativeVersion",
    "PlannedProduct",
    "Portfolio",
    "ProgressReport",
    "ProjectProblem",
    "Publication",
    "ReportingPeriod",
    "Risk",
    "StrategyGoal",
    "TeamMember",
]
