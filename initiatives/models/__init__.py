from .attachment import Attachment
from .bulk import BulkJob
from .initiative import Indicator, Initiative, InitiativeVersion, TeamMember
from .portfolio import Direction, Portfolio, StrategyGoal
from .registry_import import RegistryImport
from .wordcard import WordCardImport

__all__ = [
    "Attachment",
    "BulkJob",
    "Direction",
    "Indicator",
    "Initiative",
    "InitiativeVersion",
    "Portfolio",
    "RegistryImport",
    "StrategyGoal",
    "TeamMember",
    "WordCardImport",
]
