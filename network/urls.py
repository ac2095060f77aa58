from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation"),
    # networks
    path("networks/", views.NetworkListView.as_view(), name="network_list"),
    path("networks/new/", views.NetworkCreateView.as_view(), name="network_create"),
    path("networks/<slug:slug>/", views.NetworkDetailView.as_view(), name="network"),
    path("networks/<slug:slug>/edit/", views.NetworkEditView.as_view(), name="network_edit"),
    path("networks/<slug:slug>/join/", views.NetworkJoinView.as_view(), name="join"),
    path("networks/<slug:slug>/leave/", views.NetworkLeaveView.as_view(), name="leave"),
    path("members/<int:pk>/<str:decision>/", views.MemberDecisionView.as_view(),
         name="member_decision"),
    # rules of interaction
    path("networks/<slug:slug>/rules/", views.RulesView.as_view(), name="rules"),
    path("networks/<slug:slug>/rules/<int:number>/", views.RulesVersionView.as_view(),
         name="rules_version"),
    path("networks/<slug:slug>/proposals/new/", views.ProposalCreateView.as_view(),
         name="proposal_create"),
    path("networks/<slug:slug>/proposals/<int:pk>/", views.ProposalDetailView.as_view(),
         name="proposal"),
    path("proposals/<int:pk>/<str:action>/", views.ProposalActionView.as_view(),
         name="proposal_action"),
    # events
    path("networks/<slug:slug>/calendar/", views.CalendarView.as_view(), name="calendar"),
    path("networks/<slug:slug>/calendar.ics", views.NetworkIcsView.as_view(), name="calendar_ics"),
    path("networks/<slug:slug>/events/new/", views.EventCreateView.as_view(), name="event_create"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event"),
    path("events/<int:pk>/edit/", views.EventEditView.as_view(), name="event_edit"),
    path("events/<int:pk>/cancel/", views.EventCancelView.as_view(), name="event_cancel"),
    path("events/<int:pk>/event.ics", views.EventIcsView.as_view(), name="event_ics"),
    path("events/<int:pk>/register/", views.EventRegisterView.as_view(), name="event_register"),
    path("events/<int:pk>/attendance/", views.AttendanceView.as_view(), name="event_attendance"),
    path("events/<int:pk>/materials/", views.MaterialAddView.as_view(), name="event_material_add"),
    path("events/<int:pk>/feedback/", views.FeedbackView.as_view(), name="event_feedback"),
    path("event-materials/<int:pk>/", views.MaterialDownloadView.as_view(), name="event_material"),
    # the ideas library
    path("library/", views.LibraryView.as_view(), name="library"),
    path("library/choices/<slug:field>/", views.LibraryFilterChoicesView.as_view(),
         name="library_choices"),
    path("library/new/", views.ProductCreateView.as_view(), name="product_create"),
    path("library/moderation/", views.ModerationQueueView.as_view(), name="moderation"),
    path("library/<int:pk>/", views.ProductDetailView.as_view(), name="product"),
    path("library/<int:pk>/edit/", views.ProductEditView.as_view(), name="product_edit"),
    path("library/<int:pk>/files/", views.ProductFileAddView.as_view(), name="product_file_add"),
    path("library/<int:pk>/<str:action>/", views.ProductActionView.as_view(),
         name="product_action"),
    path("library-files/<int:pk>/", views.ProductFileDownloadView.as_view(), name="product_file"),
]
