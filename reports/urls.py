from django.urls import path

from reports.views import health, home

urlpatterns = [
    path("", home.LandingView.as_view(), name="landing"),
    path("home/", home.HomeView.as_view(), name="home"),
    path("healthz", health.healthz, name="healthz"),
]
