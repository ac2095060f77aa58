"""The portfolio's URLs: ``urlpatterns`` are the pages that moved out of ``initiatives`` and keep
their paths under /initiatives/ and the ``initiatives`` namespace; ``plan_patterns`` are the
project's roles, calendar plan and passport, mounted at /portfolio/ with the namespace
``portfolio`` (see project_office/urls.py)."""

from django.urls import path

from portfolio.views import agreement as ag
from portfolio.views import documents as rd
from portfolio.views import monitoring as mv
from portfolio.views import passport as pp
from portfolio.views import plan as pv
from portfolio.views import portfolios as rv
from portfolio.views import records

urlpatterns = [
    # monitoring of projects, the registry, portfolios and organisation records (issue 6)
    path("projects/", mv.RegistryView.as_view(), name="portfolio_registry"),
    path("projects/export/", mv.RegistryExportView.as_view(), name="portfolio_export"),
    path("projects/choices/<slug:field>/", mv.RegistryFilterChoicesView.as_view(),
         name="portfolio_registry_choices"),
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
    path("reports/<int:pk>/document.pdf", rd.ProgressReportPdfView.as_view(), name="report_pdf"),
    path("reports/<int:pk>/document.docx", rd.ProgressReportDocxView.as_view(),
         name="report_docx"),
    path("<int:pk>/final-report.pdf", rd.FinalReportPdfView.as_view(), name="final_report_pdf"),
    path("<int:pk>/final-report.docx", rd.FinalReportDocxView.as_view(),
         name="final_report_docx"),
    path("records/", records.RecordsIndexView.as_view(), name="records"),
    path("records/<int:pk>/", records.RecordsView.as_view(), name="organisation_records"),
    path("records/<int:pk>/<slug:kind>/", records.RecordsView.as_view(), name="record_add"),
    # portfolios, directions and strategy goals (their models stay with the card)
    path("portfolios/", rv.PortfolioListView.as_view(), name="portfolios"),
    path("portfolios/new/", rv.PortfolioEditView.as_view(), name="portfolio_create"),
    path("portfolios/<int:pk>/edit/", rv.PortfolioEditView.as_view(), name="portfolio_edit"),
    path("portfolios/<int:pk>/<slug:action>/", rv.PortfolioActionView.as_view(),
         name="portfolio_action"),
    path("directions/new/", rv.DirectionEditView.as_view(), name="direction_create"),
    path("directions/<int:pk>/edit/", rv.DirectionEditView.as_view(), name="direction_edit"),
    path("directions/<int:pk>/<slug:action>/", rv.DirectionActionView.as_view(),
         name="direction_action"),
    path("strategy-goals/new/", rv.StrategyGoalEditView.as_view(), name="strategy_goal_create"),
    path("strategy-goals/<int:pk>/edit/", rv.StrategyGoalEditView.as_view(),
         name="strategy_goal_edit"),
    path("strategy-goals/<int:pk>/<slug:action>/", rv.StrategyGoalActionView.as_view(),
         name="strategy_goal_action"),
]

plan_patterns = ([
    path("projects/<int:pk>/plan/", pv.PlanView.as_view(), name="plan"),
    path("projects/<int:pk>/plan/items/", pv.PlanItemAddView.as_view(), name="plan_item_add"),
    path("projects/<int:pk>/plan/import/", pv.PlanImportView.as_view(), name="plan_import"),
    path("projects/<int:pk>/plan/template.xlsx", pv.PlanTemplateView.as_view(),
         name="plan_template"),
    path("projects/<int:pk>/roles/", pv.RoleAddView.as_view(), name="role_add"),
    path("roles/<int:pk>/remove/", pv.RoleRemoveView.as_view(), name="role_remove"),
    path("team/<int:pk>/share/", pv.ShareView.as_view(), name="share"),
    path("plan/<int:pk>/edit/", pv.PlanItemEditView.as_view(), name="plan_item_edit"),
    path("plan/<int:pk>/forecast/", pv.ForecastView.as_view(), name="forecast"),
    path("plan/<int:pk>/done/", pv.PointDoneView.as_view(), name="point_done"),
    path("plan/<int:pk>/decide/", pv.PointDecideView.as_view(), name="point_decide"),
    path("plan/<int:pk>/evidence/", pv.EvidenceView.as_view(), name="plan_evidence"),
    path("reports/<int:pk>/agree/", ag.AgreeReportView.as_view(), name="agree_report"),
    path("changes/<int:pk>/agree/", ag.AgreeChangeView.as_view(), name="agree_change"),
    path("projects/<int:pk>/passport/", pp.PassportView.as_view(), name="passport"),
    path("projects/<int:pk>/passport/main/", pp.MainView.as_view(), name="passport_main"),
    path("projects/<int:pk>/passport/indicators/<int:indicator>/",
         pp.IndicatorView.as_view(), name="passport_indicator"),
    path("projects/<int:pk>/passport/results/", pp.ResultView.as_view(),
         name="passport_result"),
    path("projects/<int:pk>/passport/funding/", pp.FundingView.as_view(),
         name="passport_funding"),
    path("projects/<int:pk>/passport/approvers/", pp.ApproverView.as_view(),
         name="passport_approver"),
    path("projects/<int:pk>/passport/send/", pp.SendView.as_view(), name="passport_send"),
    path("projects/<int:pk>/passport/agree/", pp.AgreeView.as_view(),
         name="passport_agree"),
    path("projects/<int:pk>/passport/return/", pp.ReturnView.as_view(),
         name="passport_return"),
    path("passport-results/<int:pk>/remove/", pp.ResultRemoveView.as_view(),
         name="passport_result_remove"),
    path("passport-versions/<int:pk>/", pp.VersionView.as_view(),
         name="passport_version"),
    path("passport-versions/<int:pk>/passport.pdf", rd.PassportPdfView.as_view(),
         name="passport_pdf"),
    path("passport-versions/<int:pk>/passport.docx",
         rd.PassportDocxView.as_view(), name="passport_docx"),
    path("national-projects/", pp.NationalProjectListView.as_view(),
         name="national_projects"),
    path("national-projects/new/", pp.NationalProjectEditView.as_view(),
         name="national_project_create"),
    path("national-projects/<int:pk>/edit/", pp.NationalProjectEditView.as_view(),
         name="national_project_edit"),
    path("overdue-points/", pv.OverduePointsView.as_view(), name="overdue_points"),
], "portfolio")
