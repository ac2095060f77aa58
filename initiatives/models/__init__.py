from .attachment import Attachment
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
