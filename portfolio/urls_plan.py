from django.urls import path

from portfolio.views import agreement, plan

app_name = "portfolio"

urlpatterns = [
    path("projects/<int:pk>/plan/", plan.PlanView.as_view(), name="plan"),
    path("projects/<int:pk>/plan/items/", plan.PlanItemAddView.as_view(), name="plan_item_add"),
    path("projects/<int:pk>/plan/import/", plan.PlanImportView.as_view(), name="plan_import"),
    path("projects/<int:pk>/plan/template.xlsx", plan.PlanTemplateView.as_view(),
         name="plan_template"),
    path("projects/<int:pk>/roles/", plan.RoleAddView.as_view(), name="role_add"),
    path("roles/<int:pk>/remove/", plan.RoleRemoveView.as_view(), name="role_remove"),
    path("team/<int:pk>/share/", plan.ShareView.as_view(), name="share"),
    path("plan/<int:pk>/edit/", plan.PlanItemEditView.as_view(), name="plan_item_edit"),
    path("plan/<int:pk>/forecast/", plan.ForecastView.as_view(), name="forecast"),
    path("plan/<int:pk>/done/", plan.PointDoneView.as_view(), name="point_done"),
    path("plan/<int:pk>/decide/", plan.PointDecideView.as_view(), name="point_decide"),
    path("plan/<int:pk>/evidence/", plan.EvidenceView.as_view(), name="plan_evidence"),
    path("reports/<int:pk>/agree/", agreement.AgreeReportView.as_view(), name="agree_report"),
    path("changes/<int:pk>/agree/", agreement.AgreeChangeView.as_view(), name="agree_change"),
    path("overdue-points/", plan.OverduePointsView.as_view(), name="overdue_points"),
]
