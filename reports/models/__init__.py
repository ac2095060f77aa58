from .report import GeneratedReport

__all__ = ["GeneratedReport"]
