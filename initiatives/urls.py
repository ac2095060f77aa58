from django.urls import path

from initiatives import views
from initiatives import views_expertise as ex

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
    # expertise: review forms, experts, reviews, the thread, conclusions
    path("review-forms/", ex.ReviewFormListView.as_view(), name="review_forms"),
    path("review-forms/<int:pk>/", ex.ReviewFormDetailView.as_view(), name="review_form"),
    path("review-forms/<int:pk>/status/", ex.ReviewFormStatusView.as_view(),
         name="review_form_status"),
    path("criteria/<int:pk>/delete/", ex.CriterionDeleteView.as_view(), name="criterion_delete"),
    path("<int:pk>/experts/", ex.ExpertsView.as_view(), name="experts"),
    path("assignments/<int:pk>/respond/", ex.AssignmentRespondView.as_view(),
         name="assignment_respond"),
    path("<int:pk>/review/", ex.ReviewView.as_view(), name="review"),
    path("<int:pk>/review/autosave/", ex.ReviewAutosaveView.as_view(), name="review_autosave"),
    path("<int:pk>/reviews/", ex.ReviewsTableView.as_view(), name="reviews"),
    path("<int:pk>/thread/", ex.ThreadPostView.as_view(), name="thread_post"),
    path("messages/<int:pk>/address/", ex.MessageAddressView.as_view(), name="message_address"),
    path("messages/<int:pk>/resolve/", ex.MessageResolveView.as_view(), name="message_resolve"),
    path("<int:pk>/conclusion/", ex.ConclusionView.as_view(), name="conclusion"),
    path("conclusions/<int:pk>/issue/", ex.ConclusionIssueView.as_view(), name="conclusion_issue"),
    path("conclusions/<int:pk>/pdf/", ex.ConclusionPdfView.as_view(), name="conclusion_pdf"),
]
