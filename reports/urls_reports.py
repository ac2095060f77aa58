from django.urls import path

from reports.views import reports

app_name = "reports"

urlpatterns = [
    path("", reports.ReportListView.as_view(), name="list"),
    path("<int:pk>/", reports.ReportDetailView.as_view(), name="report"),
    path("<int:pk>/download/", reports.ReportDownloadView.as_view(), name="download"),
    path("<int:pk>/retry/", reports.ReportRetryView.as_view(), name="retry"),
]
