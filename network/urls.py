from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "organisations/<int:pk>/",
        views.OrganisationDetailView.as_view(),
        name="organisation",
    ),
]
