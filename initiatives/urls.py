from django.urls import path

from initiatives import views
from initiatives.bulk import views as bulk
from initiatives.registry_import import views as ri
from initiatives.wordcard import views as word

# The expertise and the portfolio add their pages under the same prefix and namespace
# (project_office/urls.py joins them), so that the paths and names of before the move work.
app_name = "initiatives"

urlpatterns = [
    path("", views.InitiativeListView.as_view(), name="list"),
    path("export/<str:fmt>/", views.InitiativeExportView.as_view(), name="export"),
    # many initiatives at once (issue 24)
    path("bulk/state/", bulk.BulkTransitionView.as_view(), name="bulk_transition"),
    path("bulk/message/", bulk.BulkMessageView.as_view(), name="bulk_message"),
    path("bulk/export/<str:fmt>/", bulk.BulkExportView.as_view(), name="bulk_export"),
    path("bulk/jobs/<int:pk>/", bulk.BulkJobView.as_view(), name="bulk_job"),
    path("choices/<slug:field>/", views.InitiativeFilterChoicesView.as_view(), name="list_choices"),
    # the registry brought in from a file (issue 19)
    path("import/", ri.RegistryImportView.as_view(), name="registry_import"),
    path("import/confirm/", ri.RegistryImportConfirmView.as_view(),
         name="registry_import_confirm"),
    path("import/<int:pk>/", ri.RegistryImportDetailView.as_view(), name="registry_import_detail"),
    path("new/", views.InitiativeCreateView.as_view(), name="create"),
    path("new/choices/<slug:field>/", views.InitiativeCreateChoicesView.as_view(),
         name="create_choices"),
    path("<int:pk>/", views.InitiativeDetailView.as_view(), name="detail"),
    # the Word card (issue 19): upload, preview and confirm, download
    path("new/word/", word.CardUploadView.as_view(), name="wordcard_new"),
    path("<int:pk>/word/", word.CardFillView.as_view(), name="wordcard_fill"),
    path("word/<str:token>/", word.CardPreviewView.as_view(), name="wordcard_preview"),
    path("<int:pk>/card.docx", word.CardDownloadView.as_view(), name="wordcard_download"),
    path("<int:pk>/versions/<int:number>/card.docx", word.VersionDownloadView.as_view(),
         name="wordcard_version_download"),
    path("<int:pk>/edit/", views.InitiativeEditView.as_view(), name="edit"),
    path("<int:pk>/autosave/", views.InitiativeAutosaveView.as_view(), name="autosave"),
    path("<int:pk>/do/<slug:name>/", views.TransitionView.as_view(), name="transition"),
    path("<int:pk>/force/", views.ForceTransitionView.as_view(), name="force"),
    path("<int:pk>/versions/", views.VersionCompareView.as_view(), name="versions"),
    path("<int:pk>/history/", views.InitiativeHistoryView.as_view(), name="history"),
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
