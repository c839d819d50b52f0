"""Transitions, outcomes and follow-ups (included from api/urls.py, under /api/v1/)."""
from django.urls import path

from .views.outcomes import CaseOutcomeViewSet, ClientTransitionViewSet, FollowUpViewSet, TransitionViewSet

urlpatterns = [
    path(
        "clients/<uuid:id>/transitions", ClientTransitionViewSet.as_view({"get": "list", "post": "create"}),
        name="client-transition-list",
    ),
    path("transitions", TransitionViewSet.as_view({"get": "list"}), name="transition-list"),
    path("cases/<uuid:id>/outcomes", CaseOutcomeViewSet.as_view({"get": "list", "post": "create"}),
         name="case-outcome-list"),
    path(
        "cases/<uuid:id>/outcomes/<uuid:outcome_id>/follow-up", CaseOutcomeViewSet.as_view({"post": "follow_up"}),
        name="case-outcome-follow-up",
    ),
    path("follow-ups", FollowUpViewSet.as_view({"get": "list"}), name="follow-up-list"),
]
