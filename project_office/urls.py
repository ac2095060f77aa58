from django.contrib import admin
from django.urls import include, path

handler500 = "project_office.views.server_error"

urlpatterns = [
    path("", include("reports.urls")),
    path("accounts/", include("accounts.urls")),
    path("network/", include("network.urls")),
    path("reports/", include("reports.urls_reports")),
    path("initiatives/", include("initiatives.urls")),
    path("calls/", include("initiatives.calls.urls")),
    path("meetings/", include("meetings.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
