from .organisation import Membership, Organisation

__all__ = ["Membership", "Organisation"]
