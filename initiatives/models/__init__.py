from .attachment import Attachment
from .expertise import ExpertAssignment
from .initiative import Indicator, Initiative, InitiativeVersion, TeamMember
from .portfolio import Direction, Portfolio, StrategyGoal

__all__ = [
    "Attachment",
    "Direction",
    "ExpertAssignment",
    "Indicator",
    "Initiative",
    "InitiativeVersion",
    "Portfolio",
    "StrategyGoal",
    "TeamMember",
]
