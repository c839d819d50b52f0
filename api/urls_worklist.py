"""The worklist (included from api/urls.py, under /api/v1/): tasks, notifications, appointments and
the calendar feed."""
from django.urls import path

from .views.worklist import (
    AppointmentViewSet,
    CalendarFeedDocumentView,
    CalendarFeedView,
    NotificationPreferenceView,
    NotificationViewSet,
    TaskViewSet,
)

T, N, A = TaskViewSet, NotificationViewSet, AppointmentViewSet

urlpatterns = [
    path("tasks", T.as_view({"get": "list", "post": "create"}), name="task-list"),
    path("tasks/<uuid:id>", T.as_view({"get": "retrieve"}), name="task-detail"),
    path("tasks/<uuid:id>/assignment", T.as_view({"post": "assignment"}), name="task-assignment"),
    path("tasks/<uuid:id>/status-changes", T.as_view({"post": "move"}), name="task-status-change"),
    path("notifications", N.as_view({"get": "list"}), name="notification-list"),
    path("notifications/<uuid:id>", N.as_view({"get": "retrieve"}), name="notification-detail"),
    path("notifications/<uuid:id>/acknowledgement", N.as_view({"post": "acknowledgement"}),
         name="notification-acknowledgement"),
    path("notification-preferences", NotificationPreferenceView.as_view(), name="notification-preferences"),
    path("appointments", A.as_view({"get": "list", "post": "create"}), name="appointment-list"),
    path("appointments/<uuid:id>", A.as_view({"get": "retrieve"}), name="appointment-detail"),
    path("appointments/<uuid:id>/rescheduling", A.as_view({"post": "rescheduling"}), name="appointment-rescheduling"),
    path("appointments/<uuid:id>/status-changes", A.as_view({"post": "move"}), name="appointment-status-change"),
    path("calendar-feed", CalendarFeedView.as_view(), name="calendar-feed"),
    path("calendar-feeds/<str:token>", CalendarFeedDocumentView.as_view(), name="calendar-feed-document"),
]
