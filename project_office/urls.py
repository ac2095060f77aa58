from django.contrib import admin
from django.urls import include, path

from reports.urls import report_patterns

handler500 = "project_office.views.server_error"

urlpatterns = [
    path("", include("reports.urls")),
    path("accounts/", include("accounts.urls")),
    path("network/", include("network.urls")),
    path("reports/", include(report_patterns)),
    path("initiatives/", include("initiatives.urls")),
    path("meetings/", include("meetings.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
