from .audit import AuditRecord
from .consent import Consent
from .notification import Notification, NotificationPreference, OutgoingEmail
from .user import RoleAssignment, User

__all__ = [
    "AuditRecord",
    "Consent",
    "Notification",
    "NotificationPreference",
    "OutgoingEmail",
    "RoleAssignment",
    "User",
]
