from django.urls import path

from reports.views import dashboard, health, home

urlpatterns = [
    path("", home.LandingView.as_view(), name="landing"),
    path("home/", home.HomeView.as_view(), name="home"),
    path("dashboard/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("dashboard/<slug:key>/", dashboard.MetricListView.as_view(), name="metric"),
    path("healthz", health.healthz, name="healthz"),
]
