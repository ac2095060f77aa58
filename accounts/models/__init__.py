from .audit import AuditRecord
from .consent import Consent
from .documents import DocumentSequence, IssuedDocument
from .expert import ExpertPosition
from .identity import OfficeIdentity
from .invitation import Invitation
from .notification import Notification, NotificationPreference, OutgoingEmail
from .user import RoleAssignment, User
from .workday import WorkdayCorrection

__all__ = [
    "AuditRecord",
    "Consent",
    "DocumentSequence",
    "ExpertPosition",
    "Invitation",
    "IssuedDocument",
    "Notification",
    "OfficeIdentity",
    "NotificationPreference",
    "OutgoingEmail",
    "RoleAssignment",
    "User",
    "WorkdayCorrection",
]
