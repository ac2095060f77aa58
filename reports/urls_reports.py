from django.urls import path

from reports.views import reports

app_name = "reports"

urlpatterns = [
    path("", reports.ReportListView.as_view(), name="list"),
    path("<int:pk>/", reports.ReportDetailView.as_view(), name="report"),
    path("request/", reports.ReportOnRequestView.as_view(), name="request"),
    path("<int:pk>/download/", reports.ReportDownloadView.as_view(), name="download"),
    path("<int:pk>/download/xlsx/", reports.ReportDownloadView.as_view(fmt="xlsx"),
         name="download_xlsx"),
    path("<int:pk>/retry/", reports.ReportRetryView.as_view(), name="retry"),
    path("<int:pk>/agenda/", reports.ReportAgendaView.as_view(), name="agenda"),
    path("<int:pk>/approval/", reports.ReportApprovalView.as_view(), name="approval"),
]
