"""The office's actions on a person's page: grant or remove office roles, switch a person
who left off (their history stays) or on again."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from accounts import invitations, services
from accounts.enums import OfficeRole
from accounts.errors import DomainError
from accounts.models import User
from accounts.rules import is_office_head


def grantable_roles(user):
    """The office grants staff and expert roles; only the head grants or removes a head."""
    roles = [OfficeRole.OFFICE_STAFF, OfficeRole.EXPERT]
    if is_office_head(user):
        roles.append(OfficeRole.OFFICE_HEAD)
    return roles


class PersonActionView(PermissionRequiredMixin, View):
    """A POST by the office about the person of the URL; ``act`` returns the success message."""

    permission_required = "accounts.manage_roles"
    http_method_names = ["post"]

    def get_permission_object(self):
        return get_object_or_404(User, pk=self.kwargs["pk"])

    def post(self, request, pk):
        person = self.get_permission_object()
        try:
            messages.success(request, self.act(person, request.POST))
        except DomainError as e:
            messages.error(request, str(e))
        return redirect(person.get_absolute_url())


class PersonRoleView(PersonActionView):
    """POST role=<code>, grant=1 (grant) or grant=0 (remove)."""

    def act(self, person, data):
        role = data.get("role", "")
        if role not in {r.value for r in grantable_roles(self.request.user)}:
            raise DomainError(_("You cannot grant or remove this role."))
        label = OfficeRole(role).label
        if data.get("grant") == "1":
            services.grant_role(person, role=role, by=self.request.user)
            return _("The role «%(role)s» is granted.") % {"role": label}
        services.revoke_role(person, role=role, by=self.request.user)
        return _("The role «%(role)s» is removed.") % {"role": label}


class PersonActiveView(PersonActionView):
    """POST active=0: the person left (switched off, history kept); active=1: back again."""

    def act(self, person, data):
        active = data.get("active") == "1"
        invitations.set_active(person, active=active, by=self.request.user)
        return _("The account is switched on again.") if active else _(
            "The account is switched off; the person's history stays.")
