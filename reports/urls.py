"""URLs of the reports app: the home pages, the dashboard and /healthz at the site's root (no
namespace), and the consolidated reports, mounted at /reports/ with the namespace ``reports``."""

from django.urls import path

from reports.views import dashboard, health, home, reports

urlpatterns = [
    path("", home.LandingView.as_view(), name="landing"),
    path("home/", home.HomeView.as_view(), name="home"),
    path("dashboard/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("dashboard/<slug:key>/", dashboard.MetricListView.as_view(), name="metric"),
    path("healthz", health.healthz, name="healthz"),
]

report_patterns = ([
    path("", reports.ReportListView.as_view(), name="list"),
    path("<int:pk>/", reports.ReportDetailView.as_view(), name="report"),
    path("request/", reports.ReportOnRequestView.as_view(), name="request"),
    path("request/choices/<slug:field>/", reports.ReportChoicesView.as_view(),
         name="request_choices"),
    path("<int:pk>/download/", reports.ReportDownloadView.as_view(), name="download"),
    path("<int:pk>/download/xlsx/", reports.ReportDownloadView.as_view(fmt="xlsx"),
         name="download_xlsx"),
    path("<int:pk>/retry/", reports.ReportRetryView.as_view(), name="retry"),
    path("<int:pk>/agenda/", reports.ReportAgendaView.as_view(), name="agenda"),
    path("<int:pk>/approval/", reports.ReportApprovalView.as_view(), name="approval"),
], "reports")
