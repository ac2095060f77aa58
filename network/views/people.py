"""Pages that bring people in: the office's invitations, a school's team and its lead."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, ListView
from rules.contrib.views import PermissionRequiredMixin

from accounts import invitations
from accounts.autocomplete import ORGANISATION_NAMES, FormChoicesView
from accounts.enums import InvitationRole
from accounts.errors import DomainError, add_to_form
from accounts.importing import TabularImportView, TemplateDownloadView
from accounts.mixins import CrumbsMixin
from accounts.models import Invitation
from accounts.rules import is_office_head
from network import teams
from network.forms import InviteForm, PositionForm, TeamInviteForm
from network.invitation_import import InvitationImport, import_invitations
from network.models import Membership, Organisation


def _invitations_crumb():
    return (reverse("network:invitations"), _("Invitations"))


def invitable_roles(user):
    """The roles the office may invite to; only the head invites another head."""
    roles = [InvitationRole.OFFICE_STAFF, InvitationRole.EXPERT, InvitationRole.TEAM_LEAD,
             InvitationRole.TEAM_MEMBER]
    if is_office_head(user):
        roles.insert(0, InvitationRole.OFFICE_HEAD)
    return [(r.value, r.label) for r in roles]


class InvitationListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    """Open invitations (pending or expired) with resend and withdraw; the latest accepted."""

    permission_required = "network.invite_people"
    template_name = "network/invitation_list.html"
    context_object_name = "invitations"
    paginate_by = 50

    def get_crumbs(self):
        return [(None, _("Invitations"))]

    def get_queryset(self):
        return Invitation.objects.filter(accepted_at__isnull=True, withdrawn_at__isnull=True) \
            .select_related("organisation", "invited_by").order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(now=timezone.now(), **kwargs)


class InviteView(PermissionRequiredMixin, CrumbsMixin, FormView):
    permission_required = "network.invite_people"
    template_name = "network/invite.html"
    form_class = InviteForm

    def get_crumbs(self):
        return [_invitations_crumb(), (None, _("Invite a person"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "roles": invitable_roles(self.request.user)}

    def form_valid(self, form):
        try:
            invitation = invitations.invite(by=self.request.user, **form.cleaned_data)
        except DomainError as e:
            add_to_form(form, e)
            return self.form_invalid(form)
        if invitation.person_id:
            messages.success(self.request, gettext(
                "%(email)s already has an account: the role is added to it.")
                % {"email": invitation.email})
        else:
            messages.success(self.request, gettext("The invitation is sent to %(email)s.")
                             % {"email": invitation.email})
        return redirect("network:invitations")


class InviteChoicesView(FormChoicesView):
    """The JSON behind the invitation form's select of organisations."""

    permission_required = "network.invite_people"
    search_fields = {"organisation": ORGANISATION_NAMES}

    def get_form(self):
        return InviteForm(roles=[])


class InvitationActionView(PermissionRequiredMixin, View):
    """POST: resend (a new link) or withdraw an open invitation."""

    permission_required = "network.invite_people"
    action = "resend"

    def post(self, request, pk):
        invitation = get_object_or_404(Invitation, pk=pk)
        try:
            if self.action == "resend":
                invitations.resend_invitation(invitation, by=request.user)
                messages.success(request, gettext("A new link is sent to %(email)s.")
                                 % {"email": invitation.email})
            else:
                invitations.withdraw_invitation(invitation, by=request.user)
                messages.success(request, gettext("The invitation is withdrawn."))
        except DomainError as e:
            messages.error(request, str(e))
        return redirect("network:invitations")


class InvitationImportView(TabularImportView):
    permission_required = "network.invite_people"
    importer_class = InvitationImport
    title = _("Invite people from a table")
    intro = _("One row per person. The organisation is its short name as the portal writes it; "
              "the role is one of: office staff, expert, school team lead, school team member. "
              "Nothing is sent until you confirm.")
    template_url = reverse_lazy("network:invitation_import_template")
    back_url = reverse_lazy("network:invitations")

    def get_crumbs(self):
        return [_invitations_crumb(), (None, self.title)]

    def run_import(self, importer, table):
        return import_invitations(table, by=self.request.user)


class InvitationTemplateView(TemplateDownloadView):
    permission_required = "network.invite_people"
    importer_class = InvitationImport
    filename = "invitations.xlsx"

    def example_rows(self):
        return [["Иванова", "Анна", "Петровна", "ivanova@example.org", "МБОУ СОШ № 3",
                 str(InvitationRole.TEAM_MEMBER.label), "учитель математики"]]


# --- a school's team --------------------------------------------------------------------------


class TeamView(PermissionRequiredMixin, CrumbsMixin, FormView):
    """The team lead's (and the office's) page of a team: members, positions, the lead, and
    the form inviting a new member. A POST by a lead of another school is refused with 403
    and written to the audit log."""

    permission_required = "network.view_team"
    template_name = "network/team.html"
    form_class = TeamInviteForm

    def get_permission_object(self):
        return self.get_organisation()

    def get_organisation(self):
        if not hasattr(self, "_organisation"):
            self._organisation = get_object_or_404(Organisation, pk=self.kwargs["pk"])
        return self._organisation

    def handle_no_permission(self):
        user = self.request.user
        if self.request.method == "POST" and user.is_authenticated:
            teams.refuse_team_invitation(by=user, organisation=self.get_organisation(),
                                         email=self.request.POST.get("email", ""))
        return super().handle_no_permission()

    def get_crumbs(self):
        organisation = self.get_organisation()
        return [(organisation.get_absolute_url(), organisation.short_name), (None, _("Team"))]

    def get_context_data(self, **kwargs):
        organisation = self.get_organisation()
        members = Membership.objects.filter(organisation=organisation, is_active=True) \
            .select_related("person").order_by("-is_lead", "person__last_name", "pk")
        pending = Invitation.objects.filter(
            organisation=organisation, accepted_at__isnull=True, withdrawn_at__isnull=True,
            expires_at__gt=timezone.now()).order_by("-created_at")
        return super().get_context_data(organisation=organisation, members=members,
                                        pending=pending, position_form=PositionForm(), **kwargs)

    def form_valid(self, form):
        try:
            invitation = teams.invite_to_team(by=self.request.user,
                                              organisation=self.get_organisation(),
                                              **form.cleaned_data)
        except DomainError as e:
            add_to_form(form, e)
            return self.form_invalid(form)
        messages.success(self.request, gettext("%(email)s is added to the team.") % {
            "email": invitation.email} if invitation.person_id else gettext(
            "The invitation is sent to %(email)s.") % {"email": invitation.email})
        return redirect("network:team", pk=self.get_organisation().pk)


class TeamMemberActionView(PermissionRequiredMixin, View):
    """POST: change a member's position, remove them, or hand them the lead."""

    permission_required = "network.manage_team"
    actions = ("position", "remove", "lead")

    def get_membership(self):
        if not hasattr(self, "_membership"):
            self._membership = get_object_or_404(
                Membership.objects.select_related("organisation", "person"),
                pk=self.kwargs["pk"], is_active=True)
        return self._membership

    def get_permission_object(self):
        return self.get_membership().organisation

    def post(self, request, pk, action):
        membership = self.get_membership()
        if action not in self.actions:
            raise Http404
        try:
            if action == "position":
                form = PositionForm(request.POST)
                if not form.is_valid():
                    raise DomainError(" ".join(form.errors.get("position", [])), field="position")
                teams.change_position(membership, position=form.cleaned_data["position"],
                                      by=request.user)
                messages.success(request, gettext("The position is changed."))
            elif action == "remove":
                teams.remove_from_team(membership, by=request.user)
                messages.success(request, gettext("%(name)s is removed from the team.")
                                 % {"name": membership.person})
            else:
                teams.hand_lead(membership, by=request.user)
                messages.success(request, gettext("%(name)s now leads the team.")
                                 % {"name": membership.person})
        except DomainError as e:
            messages.error(request, str(e))
        return redirect("network:team", pk=membership.organisation_id)
