"""Employer services (included from api/urls.py, under /api/v1/): employers, vacancies and their
candidates, matching events, job seekers' work wishes, employer instruments of a placement."""
from django.urls import path

from .views.employers import (
    EmployerContactViewSet,
    EmployerViewSet,
    JobWishView,
    ProposalViewSet,
    ShortlistViewSet,
    VacancyViewSet,
)
from .views.instruments import InstrumentViewSet
from .views.matching_events import MatchingEventViewSet, MatchViewSet, RegistrationViewSet

E, V, M = EmployerViewSet, VacancyViewSet, MatchingEventViewSet

urlpatterns = [
    path("employers", E.as_view({"get": "list", "post": "create"}), name="employer-list"),
    path("employers/<uuid:id>", E.as_view({"get": "retrieve", "patch": "partial_update"}), name="employer-detail"),
    path("employers/<uuid:id>/contacts", EmployerContactViewSet.as_view({"get": "list", "post": "create"}),
         name="employer-contact-list"),
    path("vacancies", V.as_view({"get": "list", "post": "create"}), name="vacancy-list"),
    path("vacancies/<uuid:id>", V.as_view({"get": "retrieve", "patch": "partial_update"}), name="vacancy-detail"),
    path("vacancies/<uuid:id>/status-changes", V.as_view({"post": "move"}), name="vacancy-status-change"),
    path("vacancies/<uuid:id>/shortlist", ShortlistViewSet.as_view({"get": "list"}), name="vacancy-shortlist-list"),
    path("vacancies/<uuid:id>/proposals", ProposalViewSet.as_view({"get": "list", "post": "create"}),
         name="vacancy-proposal-list"),
    path("vacancies/<uuid:id>/proposals/<uuid:proposal_id>/status-changes", ProposalViewSet.as_view({"post": "move"}),
         name="vacancy-proposal-status-change"),
    path("clients/<uuid:id>/job-wish", JobWishView.as_view(), name="client-job-wish"),
    path("matching-events", M.as_view({"get": "list", "post": "create"}), name="matching-event-list"),
    path("matching-events/<uuid:id>", M.as_view({"get": "retrieve"}), name="matching-event-detail"),
    path("matching-events/<uuid:id>/employers", M.as_view({"post": "add_employer"}),
         name="matching-event-employers"),
    path("matching-events/<uuid:id>/registrations", RegistrationViewSet.as_view({"get": "list", "post": "create"}),
         name="matching-event-registration-list"),
    path("matching-events/<uuid:id>/registrations/<uuid:registration_id>/attendance",
         RegistrationViewSet.as_view({"post": "attendance"}), name="matching-event-attendance"),
    path("matching-events/<uuid:id>/matches", MatchViewSet.as_view({"get": "list", "post": "create"}),
         name="matching-event-match-list"),
    path("cases/<uuid:id>/outcomes/<uuid:outcome_id>/instruments",
         InstrumentViewSet.as_view({"get": "list", "post": "create"}), name="case-outcome-instrument-list"),
    path("cases/<uuid:id>/outcomes/<uuid:outcome_id>/instruments/<uuid:instrument_id>/extension",
         InstrumentViewSet.as_view({"post": "extension"}), name="case-outcome-instrument-extension"),
]
