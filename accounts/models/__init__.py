from .audit import AuditRecord
from .user import RoleAssignment, User

__all__ = ["AuditRecord", "RoleAssignment", "User"]
