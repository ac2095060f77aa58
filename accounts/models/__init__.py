from .audit import AuditRecord
from .consent import Consent
from .expert import ExpertPosition
from .identity import OfficeIdentity
from .invitation import Invitation
from .letter import LetterTemplate
from .notification import Notification, NotificationPreference, OutgoingEmail
from .user import RoleAssignment, User
from .workday import WorkdayCorrection

__all__ = [
    "AuditRecord",
    "Consent",
    "ExpertPosition",
    "Invitation",
    "LetterTemplate",
    "Notification",
    "OfficeIdentity",
    "NotificationPreference",
    "OutgoingEmail",
    "RoleAssignment",
    "User",
    "WorkdayCorrection",
]
