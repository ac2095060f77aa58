"""The expertise's pages, under /initiatives/ in the ``initiatives`` namespace (see
project_office/urls.py)."""

from django.urls import path

from expertise.views import bulk, documents
from expertise.views import calls as cv
from expertise.views import review_forms as rf
from expertise.views import reviews as ex

urlpatterns = [
    # expertise: review forms, experts, reviews, the thread, conclusions
    path("review-forms/", rf.ReviewFormListView.as_view(), name="review_forms"),
    path("review-forms/<int:pk>/", rf.ReviewFormDetailView.as_view(), name="review_form"),
    path("review-forms/<int:pk>/edit/", rf.ReviewFormEditView.as_view(), name="review_form_edit"),
    path("review-forms/<int:pk>/status/", rf.ReviewFormStatusView.as_view(),
         name="review_form_status"),
    path("criteria/<int:pk>/edit/", rf.CriterionEditView.as_view(), name="criterion_edit"),
    path("criteria/<int:pk>/move/", rf.CriterionMoveView.as_view(), name="criterion_move"),
    path("criteria/<int:pk>/delete/", rf.CriterionDeleteView.as_view(), name="criterion_delete"),
    path("<int:pk>/experts/", ex.ExpertsView.as_view(), name="experts"),
    path("bulk/experts/", bulk.BulkAssignView.as_view(), name="bulk_assign"),
    path("bulk/experts/choices/<slug:field>/", bulk.BulkAssignChoicesView.as_view(),
         name="bulk_assign_choices"),
    path("expert-pool/", ex.ExpertPoolView.as_view(), name="expert_pool"),
    # the review form and the experts of a call (issue 24)
    path("calls/<int:pk>/expertise/", cv.CallExpertiseView.as_view(), name="call_expertise"),
    path("calls/expertise/choices/<slug:field>/", cv.CallExpertiseChoicesView.as_view(),
         name="call_expertise_choices"),
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
    path("conclusions/<int:pk>/docx/", documents.ConclusionDocxView.as_view(),
         name="conclusion_docx"),
]
