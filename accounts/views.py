from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from accounts import (
    audit,
    expertise,
    identity,
    keyset,
    notifications,
    personal_data,
    queries,
    roles,
    services,
    sessions,
)
from accounts.errors import DomainError, add_to_form
from accounts.filters import AuditRecordFilter
from accounts.forms import (
    ConsentForm,
    ExpertPositionForm,
    IdentityForm,
    NotificationSettingsForm,
    ProfileForm,
    QueuedPasswordResetForm,
    SignInForm,
)
from accounts.mixins import CrumbsMixin, ReadOnceMixin
from accounts.models import Notification, User
from accounts.rules import is_office
from accounts.second_factor import services as second_factor


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


class PasswordChangeView(PermissionRequiredMixin, auth_views.PasswordChangeView):
    permission_required = "accounts.change_profile"
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.note_password_changed(self.request.user)
        messages.success(self.request, _("Your password has been changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = QueuedPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.note_password_changed(form.user)
        messages.success(self.request, _("Your password has been set. You can sign in now."))
        return response


class ProfileView(PermissionRequiredMixin, CrumbsMixin, FormView):
    permission_required = "accounts.change_profile"
    template_name = "accounts/profile.html"
    form_class = ProfileForm
    success_url = reverse_lazy("accounts:profile")

    def get_crumbs(self):
        return [(None, _("My profile"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.request.user}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            memberships=user.memberships.select_related("organisation"),
            history=audit.history_for(user)[:20],
            second_factor_on=second_factor.has_factor(user),
            second_factor_required=second_factor.is_required(user),
            session_idle_hours=settings.SESSION_IDLE_SECONDS // 3600,
            session_max_hours=settings.SESSION_MAX_AGE_SECONDS // 3600,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.update_profile(
                User.objects.get(pk=self.request.user.pk), by=self.request.user, **form.cleaned_data
            )
        except DomainError as e:
            form.add_error(e.field, str(e))
            return self.form_invalid(form)
        messages.success(self.request, _("Your profile has been saved."))
        return redirect(self.get_success_url())


class PersonDetailView(PermissionRequiredMixin, ReadOnceMixin, CrumbsMixin, DetailView):
    permission_required = "accounts.view_person"
    template_name = "accounts/person_detail.html"
    context_object_name = "person"

    def get_crumbs(self):
        return [(None, self.object.full_name)]

    def get_queryset(self):
        # The office also opens the page of a person who was switched off (to switch them on).
        people = User.objects.all() if is_office(self.request.user) else User.objects.filter(
            is_active=True)
        # the projects the person holds a role in or gives a share of their time (portfolio's
        # rows, read through their related names: this app imports nothing above it)
        return people.prefetch_related(
            "role_assignments", "memberships__organisation", "expert_positions__set_by",
            "project_roles__initiative", "initiative_teams__initiative", "initiative_teams__share",
        )

    def get_context_data(self, **kwargs):
        person = self.object
        held = {r.role for r in person.role_assignments.all()}
        is_expert = "expert" in held
        return super().get_context_data(
            role_choices=[(r.value, r.label, r.value in held)
                          for r in roles.grantable_roles(self.request.user)],
            is_expert=is_expert,
            positions=list(person.expert_positions.all()) if is_expert else [],
            evidence=expertise.evidence_for(person) if is_expert else [],
            position_form=kwargs.pop("position_form", None) or ExpertPositionForm(),
            **kwargs,
        )


class ExpertPositionSetView(PermissionRequiredMixin, View):
    """The office (staff, head) records an expert's new position with a reason."""

    permission_required = "accounts.set_expert_position"
    http_method_names = ["post"]

    def post(self, request, pk):
        person = get_object_or_404(User, pk=pk, is_active=True)
        form = ExpertPositionForm(request.POST)
        if form.is_valid():
            try:
                expertise.set_expert_position(person, by=request.user, **form.cleaned_data)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, _("The expert's position is recorded."))
                return redirect(person.get_absolute_url() + "#position")
        view = PersonDetailView(request=request, kwargs={"pk": pk})
        view.object = view.get_queryset().get(pk=pk)
        return render(request, view.template_name, view.get_context_data(
            object=view.object, person=view.object, position_form=form), status=400)


class PersonAnonymiseView(PermissionRequiredMixin, View):
    """Office staff anonymise a person who left: the name becomes «Участник N»."""

    permission_required = "accounts.anonymise_person"
    http_method_names = ["post"]

    def get_permission_object(self):
        # A person switched off when they left can still be anonymised; an anonymised one not.
        return get_object_or_404(User.objects.exclude(username__startswith="anonymised-"),
                                 pk=self.kwargs["pk"])

    def post(self, request, *args, **kwargs):
        person = self.get_permission_object()
        try:
            personal_data.anonymise_person(person, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
            return redirect(person.get_absolute_url())
        messages.success(request, _("The person is anonymised: their name and contacts are removed."))
        return redirect("home")


# --- consent and personal data ---------------------------------------------------------------


class ConsentView(PermissionRequiredMixin, FormView):
    permission_required = "accounts.give_consent"
    template_name = "accounts/consent.html"
    form_class = ConsentForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consent_text=personal_data.consent_text(),
            version=settings.CONSENT_VERSION,
            next=self.request.POST.get("next") or self.request.GET.get("next", ""),
            consent_pending=not personal_data.has_consent(self.request.user),
            **kwargs,
        )

    def next_url(self):
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        allowed = url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return target if allowed and target.startswith("/") else reverse("home")

    def form_valid(self, form):
        try:
            personal_data.give_consent(
                self.request.user,
                text=personal_data.consent_text(),
                ip_address=self.request.META.get("REMOTE_ADDR"),
            )
        except DomainError as e:
            form.add_error(None, str(e))
            return self.form_invalid(form)
        self.request.session[personal_data.SESSION_KEY] = settings.CONSENT_VERSION
        return redirect(self.next_url())


class PersonalDataView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    """A person's own data: GET explains, POST downloads the ZIP (recorded in the audit log)."""

    permission_required = "accounts.export_personal_data"
    template_name = "accounts/personal_data.html"

    def get_crumbs(self):
        return [(reverse("accounts:profile"), _("My profile")), (None, _("My personal data"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consents=self.request.user.consents.all(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        content = personal_data.export_personal_data(request.user, by=request.user)
        name = f"personal-data-{request.user.pk}-{timezone.localdate():%Y-%m-%d}.zip"
        return HttpResponse(
            content,
            content_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{name}"',
                     "Cache-Control": "no-store"},
        )


# --- notifications ---------------------------------------------------------------------------------


class NotificationListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    permission_required = "accounts.view_notifications"
    template_name = "accounts/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 30

    def get_crumbs(self):
        return [(None, _("Notifications"))]

    def get_queryset(self):
        return queries.notifications_for(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(unread=queries.unread_count(self.request.user), **kwargs)


class NotificationBadgeView(PermissionRequiredMixin, TemplateView):
    """The bell's unread count, loaded by htmx so that pages themselves make no extra query."""

    permission_required = "accounts.view_notifications"
    template_name = "accounts/partials/notification_badge.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(unread=queries.unread_count(self.request.user), **kwargs)


class NotificationReadView(PermissionRequiredMixin, View):
    permission_required = "accounts.change_notification"
    http_method_names = ["post"]

    def get_permission_object(self):
        return get_object_or_404(Notification.objects.select_related("actor"), pk=self.kwargs["pk"])

    def post(self, request, *args, **kwargs):
        notification = notifications.mark_read(self.get_permission_object(), by=request.user)
        if request.headers.get("HX-Request"):
            response = render(request, "accounts/partials/notification_item.html", {"n": notification})
            response["HX-Trigger"] = "notifications-changed"
            return response
        return redirect("accounts:notifications")


class NotificationReadAllView(PermissionRequiredMixin, View):
    permission_required = "accounts.view_notifications"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        count = notifications.mark_all_read(person=request.user)
        if count:
            messages.success(request, _("All notifications are marked as read."))
        return redirect("accounts:notifications")


class NotificationSettingsView(PermissionRequiredMixin, CrumbsMixin, FormView):
    permission_required = "accounts.change_notification_settings"
    template_name = "accounts/notification_settings.html"
    form_class = NotificationSettingsForm
    success_url = reverse_lazy("accounts:notification_settings")

    def get_crumbs(self):
        return [(reverse("accounts:notifications"), _("Notifications")), (None, _("Settings"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "preferences": notifications.preferences_of(self.request.user)}

    def form_valid(self, form):
        try:
            notifications.set_preferences(
                self.request.user, channels=form.cleaned_data, by=self.request.user
            )
        except DomainError as e:
            form.add_error(e.field, str(e))
            return self.form_invalid(form)
        messages.success(self.request, _("Notification settings are saved."))
        return redirect(self.get_success_url())


# --- the audit log ----------------------------------------------------------------------------------


class AuditLogView(PermissionRequiredMixin, CrumbsMixin, FilterView):
    permission_required = "accounts.view_audit_log"
    template_name = "accounts/audit_log.html"
    filterset_class = AuditRecordFilter
    per_page = 50

    def get_crumbs(self):
        return [(None, _("Audit log"))]

    def get_queryset(self):
        return queries.audit_log()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # keyset pages: the log grows by about a hundred lines per card a year (issue 22)
        page = keyset.newest_first(self.object_list, per_page=self.per_page,
                                   older=self.request.GET.get("older", ""),
                                   newer=self.request.GET.get("newer", ""))
        return {**context, "records": page.lines, "keyset": page}


class EndOtherSessionsView(PermissionRequiredMixin, View):
    """«Завершить другие сеансы»: every session of the person ends except this one."""

    permission_required = "accounts.end_other_sessions"
    http_method_names = ["post"]

    def post(self, request):
        user = User.objects.get(pk=request.user.pk)
        sessions.end_all_sessions(user, by=user)
        update_session_auth_hash(request, user)
        messages.success(request, _("Your other sessions have ended."))
        return redirect("accounts:profile")
class IdentityView(PermissionRequiredMixin, CrumbsMixin, FormView):
    """The office head sets the office's identity: names, place, contacts, logo, signatories."""

    permission_required = "accounts.change_identity"
    template_name = "accounts/identity.html"
    form_class = IdentityForm
    success_url = reverse_lazy("accounts:identity")

    def get_crumbs(self):
        return [(None, _("Identity of the office"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": identity.load()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "history": audit.history_for(context["form"].instance)[:20]}

    def form_valid(self, form):
        try:
            identity.update_identity(self.request.user, **form.identity_values())
        except ValidationError as e:
            form.add_error(None, e)
            return self.form_invalid(form)
        except DomainError as e:
            form.add_error(e.field, str(e))
            return self.form_invalid(form)
        messages.success(self.request, _("The identity of the office is saved."))
        return redirect(self.get_success_url())


class IdentityLogoView(PermissionRequiredMixin, View):
    """The logo the header shows, as stored (an SVG only in its sanitised form). Its URL
    carries the logo's version, so browsers may keep it long."""

    permission_required = "accounts.view_identity_logo"
    http_method_names = ["get", "head"]

    def get(self, request):
        office = identity.load(with_logo=True)
        if not office.has_logo:
            raise Http404
        response = HttpResponse(bytes(office.logo), content_type=office.logo_type)
        response["Cache-Control"] = "public, max-age=86400"
        response["Content-Disposition"] = "inline"
        # opened on its own, an SVG may run nothing and fetch nothing
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        return response
