"""Accountability routes: the processing log, change histories, the client's access request."""
from django.urls import path

from .views.audit import (
    CaseHistoryView,
    ClientDataExportView,
    ClientHistoryView,
    EmployerHistoryView,
    ProcessingLogView,
    VacancyHistoryView,
)

urlpatterns = [
    path("processing-log", ProcessingLogView.as_view(), name="processing-log"),
    path("clients/<uuid:id>/changes", ClientHistoryView.as_view(), name="client-changes"),
    path("clients/<uuid:id>/data-export", ClientDataExportView.as_view(), name="client-data-export"),
    path("cases/<uuid:id>/changes", CaseHistoryView.as_view(), name="case-changes"),
    path("employers/<uuid:id>/changes", EmployerHistoryView.as_view(), name="employer-changes"),
    path("vacancies/<uuid:id>/changes", VacancyHistoryView.as_view(), name="vacancy-changes"),
]
