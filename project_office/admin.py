from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext_lazy as _


class OfficeAdminSite(admin.AdminSite):
    """Django admin for office staff only; everybody else signs in through the portal."""

    site_header = _("Project office: administration")
    site_title = _("Project office")
    index_title = _("Reference data")

    def has_permission(self, request):
        return request.user.is_active and request.user.has_perm("accounts.use_admin")

    def login(self, request, extra_context=None):
        return redirect_to_login(request.get_full_path())
