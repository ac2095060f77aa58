from .assignment import ConflictOfInterest, ExpertAssignment, ExpertDirection
from .call import CallExpertise
from .conclusion import Conclusion
from .review import Criterion, Review, ReviewForm, Score
from .thread import ThreadMessage

__all__ = [
    "CallExpertise",
    "Conclusion",
    "ConflictOfInterest",
    "Criterion",
    "ExpertAssignment",
    "ExpertDirection",
    "Review",
    "ReviewForm",
    "Score",
    "ThreadMessage",
]
