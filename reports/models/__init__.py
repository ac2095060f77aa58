from .demo import DemoAnchor
from .report import GeneratedReport

__all__ = ["DemoAnchor", "GeneratedReport"]
