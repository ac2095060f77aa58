from .attachment import Attachment
from .conclusion import Conclusion
from .expertise import ConflictOfInterest, ExpertAssignment, ExpertDirection
from .initiative import Indicator, Initiative, InitiativeVersion, TeamMember
from .portfolio import Direction, Portfolio, StrategyGoal
from .review import Criterion, Review, ReviewForm, Score
from .thread import ThreadMessage

__all__ = [
    "Attachment",
    "Conclusion",
    "ConflictOfInterest",
    "Criterion",
    "Direction",
    "ExpertAssignment",
    "ExpertDirection",
    "Indicator",
    "Initiative",
    "InitiativeVersion",
    "Portfolio",
    "Review",
    "ReviewForm",
    "Score",
    "StrategyGoal",
    "TeamMember",
    "ThreadMessage",
]
