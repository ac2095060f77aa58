from .attachment import Attachment
from .call import Call, CallExtension, CallReminder, SubmissionReceipt
from .conclusion import Conclusion
from .expertise import ConflictOfInterest, ExpertAssignment, ExpertDirection
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
from .registry_import import RegistryImport
from .review import Criterion, Review, ReviewForm, Score
from .thread import ThreadMessage
from .wordcard import WordCardImport

__all__ = [
    "Attachment",
    "Call",
    "CallExtension",
    "CallReminder",
    "ChangeRequest",
    "Conclusion",
    "ConflictOfInterest",
    "Criterion",
    "Direction",
    "ExpertAssignment",
    "ExpertDirection",
    "FinalReport",
    "Incentive",
    "Indicator",
    "IndicatorActual",
    "IndicatorPlan",
    "Initiative",
    "InitiativeVersion",
    "PlannedProduct",
    "RegistryImport",
    "Portfolio",
    "ProgressReport",
    "ProjectProblem",
    "Publication",
    "ReportingPeriod",
    "Review",
    "ReviewForm",
    "Risk",
    "Score",
    "StrategyGoal",
    "SubmissionReceipt",
    "TeamMember",
    "ThreadMessage",
    "WordCardImport",
]
