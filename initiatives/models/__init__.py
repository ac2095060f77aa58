from .attachment import Attachment
from .bulk import BulkJob
from .call import Call, CallExtension, CallReminder, SubmissionReceipt
from .initiative import Indicator, Initiative, InitiativeVersion, TeamMember
from .portfolio import Direction, Portfolio, StrategyGoal
from .question import Answer, Question
from .registry_import import RegistryImport
from .wordcard import WordCardImport

__all__ = [
    "Answer",
    "Attachment",
    "Call",
    "CallExtension",
    "CallReminder",
    "BulkJob",
    "Direction",
    "Indicator",
    "Initiative",
    "InitiativeVersion",
    "Portfolio",
    "Question",
    "RegistryImport",
    "StrategyGoal",
    "SubmissionReceipt",
    "TeamMember",
    "WordCardImport",
]
