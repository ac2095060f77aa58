from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


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
