from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef, Q

from accounts.enums import OfficeRole


class LoginOrEmailBackend(ModelBackend):
    """Sign in with the login or the e-mail address, both case-insensitive."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        users = get_user_model()._default_manager.filter(
            Q(username__iexact=username) | Q(email__iexact=username)
        )
        for user in users[:2]:
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
        # Run the hasher once anyway so that a missing user takes as long as a wrong password.
        get_user_model()().set_password(password)
        return None

    def get_user(self, user_id):
        """The signed-in person with their office roles, in the one query of every request.

        The predicates ask for ``role_codes`` on nearly every page; reading them here saves
        that page a second query.
        """
        from accounts.models import RoleAssignment

        flags = {f"has_role_{role}": Exists(RoleAssignment.objects.filter(
            user=OuterRef("pk"), role=role)) for role in OfficeRole.values}
        user = get_user_model()._default_manager.annotate(**flags).filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        user.__dict__["role_codes"] = frozenset(
            role for role in OfficeRole.values if getattr(user, f"has_role_{role}"))
        return user

    # Permissions are `rules` predicates only (rules.permissions.ObjectPermissionBackend);
    # Django's per-user permission tables are not used, so they are not queried either.
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False
