from django.urls import path

from accounts import joining, production_calendar, roles, views
from accounts.letters import views as letter_views
from accounts.second_factor import views as second_factor

app_name = "accounts"

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("sessions/end-others/", views.EndOtherSessionsView.as_view(), name="sessions_end_others"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person"),
    path("people/<int:pk>/position/", views.ExpertPositionSetView.as_view(), name="person_position"),
    path("people/<int:pk>/anonymise/", views.PersonAnonymiseView.as_view(), name="person_anonymise"),
    path("invitation/<str:token>/", joining.InvitationView.as_view(), name="invitation"),
    path("invitation/<str:token>/renew/", joining.InvitationRenewView.as_view(),
         name="invitation_renew"),
    path("people/<int:pk>/roles/", roles.PersonRoleView.as_view(), name="person_role"),
    path("people/<int:pk>/active/", roles.PersonActiveView.as_view(), name="person_active"),
    path("consent/", views.ConsentView.as_view(), name="consent"),
    path("my-data/", views.PersonalDataView.as_view(), name="personal_data"),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("notifications/badge/", views.NotificationBadgeView.as_view(), name="notification_badge"),
    path("notifications/read-all/", views.NotificationReadAllView.as_view(), name="notifications_read_all"),
    path("notifications/<int:pk>/read/", views.NotificationReadView.as_view(), name="notification_read"),
    path("notifications/settings/", views.NotificationSettingsView.as_view(), name="notification_settings"),
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
    path("second-factor/", second_factor.SecondFactorVerifyView.as_view(), name="second_factor_verify"),
    path("second-factor/enrol/", second_factor.SecondFactorEnrolView.as_view(),
         name="second_factor_enrol"),
    path("second-factor/codes/", second_factor.RecoveryCodesView.as_view(), name="second_factor_codes"),
    path("second-factor/codes/renew/", second_factor.RecoveryCodesRenewView.as_view(),
         name="second_factor_codes_renew"),
    path("second-factor/off/", second_factor.SecondFactorDisableView.as_view(),
         name="second_factor_disable"),
    path("people/<int:pk>/second-factor/reset/", second_factor.SecondFactorResetView.as_view(),
         name="person_second_factor_reset"),
    path("office/", views.IdentityView.as_view(), name="identity"),
    path("office/logo/", views.IdentityLogoView.as_view(), name="identity_logo"),
    path("working-days/", production_calendar.WorkingDaysView.as_view(), name="working_days"),
    path("letters/", letter_views.LetterListView.as_view(), name="letters"),
    path("letters/<str:key>/", letter_views.LetterEditView.as_view(), name="letter"),
]
