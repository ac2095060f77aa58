from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("new/", views.MeetingCreateView.as_view(), name="create"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.MeetingEditView.as_view(), name="edit"),
    path("<int:pk>/status/", views.MeetingStatusView.as_view(), name="status"),
    path("<int:pk>/approve/", views.ApproveMinutesView.as_view(), name="approve"),
    path("<int:pk>/minutes.pdf", views.MinutesPdfView.as_view(), name="minutes_pdf"),
    path("<int:pk>/minutes/build/", views.BuildMinutesView.as_view(), name="minutes_build"),
    path("<int:pk>/meeting.ics", views.MeetingIcsView.as_view(), name="ics"),
    path("<int:pk>/invite/", views.InviteView.as_view(), name="invite"),
    path("<int:pk>/agenda/", views.AgendaAddView.as_view(), name="agenda_add"),
    path("<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/reflection/", views.ReflectionView.as_view(), name="reflect"),
    path("<int:pk>/publish/", views.PublishNewsView.as_view(), name="publish"),
    path("items/<int:pk>/", views.AgendaEditView.as_view(), name="item"),
    path("items/<int:pk>/move/", views.AgendaMoveView.as_view(), name="item_move"),
    path("items/<int:pk>/delete/", views.AgendaDeleteView.as_view(), name="item_delete"),
    path("items/<int:pk>/decisions/", views.DecisionAddView.as_view(), name="decision_add"),
    path("decisions/<int:pk>/delete/", views.DecisionDeleteView.as_view(),
         name="decision_delete"),
    path("formats/", views.FormatRatingsView.as_view(), name="formats"),
    path("tasks/", views.TaskListView.as_view(), name="tasks"),
    path("tasks/<int:pk>/done/", views.TaskDoneView.as_view(), name="task_done"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar/renew/", views.CalendarRenewView.as_view(), name="calendar_renew"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("plans/", views.PlanListView.as_view(), name="plans"),
    path("plans/new/", views.PlanCreateView.as_view(), name="plan_create"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan"),
    path("plans/<int:pk>/activities/", views.ActivityAddView.as_view(), name="activity_add"),
    path("activities/<int:pk>/status/", views.ActivityStatusView.as_view(),
         name="activity_status"),
    path("news/", views.NewsListView.as_view(), name="news_list"),
    path("news/<int:pk>/", views.NewsDetailView.as_view(), name="news"),
]
