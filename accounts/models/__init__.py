from .audit import AuditRecord
from .consent import Consent
from .expert import ExpertPosition
from .invitation import Invitation
from .notification import Notification, NotificationPreference, OutgoingEmail
from .user import RoleAssignment, User

__all__ = [
    "AuditRecord",
    "Consent",
    "ExpertPosition",
    "Invitation",
    "Notification",
    "NotificationPreference",
    "OutgoingEmail",
    "RoleAssignment",
    "User",
]
