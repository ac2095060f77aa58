from django.urls import path

from initiatives import monitoring_views as mv
from initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.InitiativeListView.as_view(), name="list"),
    path("export/<str:fmt>/", views.InitiativeExportView.as_view(), name="export"),
    path("new/", views.InitiativeCreateView.as_view(), name="create"),
    path("<int:pk>/", views.InitiativeDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.InitiativeEditView.as_view(), name="edit"),
    path("<int:pk>/autosave/", views.InitiativeAutosaveView.as_view(), name="autosave"),
    path("<int:pk>/do/<slug:name>/", views.TransitionView.as_view(), name="transition"),
    path("<int:pk>/force/", views.ForceTransitionView.as_view(), name="force"),
    path("<int:pk>/versions/", views.VersionCompareView.as_view(), name="versions"),
    path("<int:pk>/team/", views.TeamMemberAddView.as_view(), name="team_add"),
    path("team/<int:pk>/delete/", views.TeamMemberDeleteView.as_view(), name="team_delete"),
    path("<int:pk>/indicators/", views.IndicatorAddView.as_view(), name="indicator_add"),
    path("indicators/<int:pk>/delete/", views.IndicatorDeleteView.as_view(),
         name="indicator_delete"),
    path("<int:pk>/attachments/", views.AttachmentAddView.as_view(), name="attachment_add"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path("attachments/<int:pk>/delete/", views.AttachmentDeleteView.as_view(),
         name="attachment_delete"),
    # monitoring of projects, the registry, portfolios and organisation records (issue 6)
    path("projects/", mv.RegistryView.as_view(), name="portfolio_registry"),
    path("projects/export/", mv.RegistryExportView.as_view(), name="portfolio_export"),
    path("<int:pk>/monitoring/", mv.MonitoringView.as_view(), name="monitoring"),
    path("<int:pk>/monitoring/plans/", mv.PlanAddView.as_view(), name="plan_add"),
    path("<int:pk>/monitoring/actuals/", mv.ActualAddView.as_view(), name="actual_add"),
    path("<int:pk>/monitoring/periods/", mv.PeriodAddView.as_view(), name="period_add"),
    path("<int:pk>/monitoring/risks/", mv.RiskAddView.as_view(), name="risk_add"),
    path("<int:pk>/monitoring/problems/", mv.ProblemAddView.as_view(), name="problem_add"),
    path("<int:pk>/monitoring/changes/", mv.ChangeAddView.as_view(), name="change_add"),
    path("<int:pk>/monitoring/complete/", mv.CompleteView.as_view(), name="complete"),
    path("actuals/<int:pk>/decide/", mv.ActualDecideView.as_view(), name="actual_decide"),
    path("actuals/<int:pk>/evidence/", mv.EvidenceView.as_view(), name="actual_evidence"),
    path("risks/<int:pk>/status/", mv.RiskStatusView.as_view(), name="risk_status"),
    path("problems/<int:pk>/status/", mv.ProblemStatusView.as_view(), name="problem_status"),
    path("changes/<int:pk>/decide/", mv.ChangeDecideView.as_view(), name="change_decide"),
    path("periods/<int:pk>/report/", mv.ReportView.as_view(), name="report"),
    path("reports/<int:pk>/decide/", mv.ReportDecideView.as_view(), name="report_decide"),
    path("portfolios/", mv.PortfolioListView.as_view(), name="portfolios"),
    path("portfolios/new/", mv.PortfolioEditView.as_view(), name="portfolio_create"),
    path("portfolios/<int:pk>/edit/", mv.PortfolioEditView.as_view(), name="portfolio_edit"),
    path("directions/new/", mv.DirectionEditView.as_view(), name="direction_create"),
    path("directions/<int:pk>/edit/", mv.DirectionEditView.as_view(), name="direction_edit"),
    path("records/", mv.RecordsIndexView.as_view(), name="records"),
    path("records/<int:pk>/", mv.RecordsView.as_view(), name="organisation_records"),
    path("records/<int:pk>/<slug:kind>/", mv.RecordsView.as_view(), name="record_add"),
]
