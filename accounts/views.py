from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView
from rules.contrib.views import PermissionRequiredMixin

from accounts import audit, services
from accounts.errors import DomainError
from accounts.forms import ProfileForm, QueuedPasswordResetForm, SignInForm
from accounts.mixins import CrumbsMixin
from accounts.models import User


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


class PersonDetailView(PermissionRequiredMixin, CrumbsMixin, DetailView):
    permission_required = "accounts.view_person"
    template_name = "accounts/person_detail.html"
    context_object_name = "person"

    def get_crumbs(self):
        return [(None, self.object.full_name)]

    def get_queryset(self):
        return User.objects.filter(is_active=True).prefetch_related(
            "role_assignments", "memberships__organisation"
        )
