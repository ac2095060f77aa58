from django.urls import path

from initiatives.calls import views

app_name = "calls"

urlpatterns = [
    path("", views.PublicCallsView.as_view(), name="public"),
    path("feed.json", views.CallsFeedJsonView.as_view(), name="feed_json"),
    path("feed.atom", views.CallsFeedAtomView.as_view(), name="feed_atom"),
    path("office/", views.CallListView.as_view(), name="list"),
    path("office/new/", views.CallEditView.as_view(), name="create"),
    path("office/<int:pk>/", views.CallDetailView.as_view(), name="detail"),
    path("office/<int:pk>/edit/", views.CallEditView.as_view(), name="edit"),
    path("office/<int:pk>/extend/", views.CallExtendView.as_view(), name="extend"),
    path("office/<int:pk>/questions/", views.QuestionAddView.as_view(), name="question_add"),
    path("office/<int:pk>/questions/copy/", views.QuestionsCopyView.as_view(),
         name="questions_copy"),
    path("questions/<int:pk>/edit/", views.QuestionEditView.as_view(), name="question_edit"),
    path("questions/<int:pk>/remove/", views.QuestionRemoveView.as_view(),
         name="question_remove"),
    path("join/<int:pk>/", views.CallJoinView.as_view(), name="join"),
    path("answers/<int:pk>/", views.AnswersView.as_view(), name="answers"),
    path("answer-files/<int:pk>/", views.AnswerFileView.as_view(), name="answer_file"),
]
