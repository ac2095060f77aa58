from django.urls import path

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
]
