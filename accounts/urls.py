from django.urls import path

from accounts import production_calendar, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
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
    path("consent/", views.ConsentView.as_view(), name="consent"),
    path("my-data/", views.PersonalDataView.as_view(), name="personal_data"),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("notifications/badge/", views.NotificationBadgeView.as_view(), name="notification_badge"),
    path("notifications/read-all/", views.NotificationReadAllView.as_view(), name="notifications_read_all"),
    path("notifications/<int:pk>/read/", views.NotificationReadView.as_view(), name="notification_read"),
    path("notifications/settings/", views.NotificationSettingsView.as_view(), name="notification_settings"),
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
    path("working-days/", production_calendar.WorkingDaysView.as_view(), name="working_days"),
]
