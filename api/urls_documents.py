"""Documents (included from api/urls.py, under /api/v1/): under each kind of record, and by id."""
from django.urls import path

from .views.documents import (
    CaseDocumentViewSet,
    CertificateViewSet,
    ClientDocumentViewSet,
    ConsentDocumentViewSet,
    DocumentContentViewSet,
    DocumentViewSet,
    EmployerDocumentViewSet,
    OutcomeDocumentViewSet,
    ReferralDocumentViewSet,
    VacancyDocumentViewSet,
)

LIST = {"get": "list", "post": "create"}

urlpatterns = [
    path("clients/<uuid:id>/documents", ClientDocumentViewSet.as_view(LIST), name="client-document-list"),
    path("clients/<uuid:id>/consents/<uuid:consent_id>/documents", ConsentDocumentViewSet.as_view(LIST),
         name="client-consent-document-list"),
    path("cases/<uuid:id>/documents", CaseDocumentViewSet.as_view(LIST), name="case-document-list"),
    path("cases/<uuid:id>/outcomes/<uuid:outcome_id>/documents", OutcomeDocumentViewSet.as_view(LIST),
         name="case-outcome-document-list"),
    path("referrals/<uuid:id>/documents", ReferralDocumentViewSet.as_view(LIST), name="referral-document-list"),
    path("employers/<uuid:id>/documents", EmployerDocumentViewSet.as_view(LIST), name="employer-document-list"),
    path("vacancies/<uuid:id>/documents", VacancyDocumentViewSet.as_view(LIST), name="vacancy-document-list"),
    path("cases/<uuid:id>/outcomes/<uuid:outcome_id>/certificate", CertificateViewSet.as_view({"post": "create"}),
         name="case-outcome-certificate"),
    path("documents/<uuid:id>", DocumentViewSet.as_view({"get": "retrieve"}), name="document-detail"),
    path("documents/<uuid:id>/versions", DocumentViewSet.as_view({"post": "new_version"}), name="document-versions"),
    path("documents/<uuid:id>/versions/<uuid:version_id>/content", DocumentContentViewSet.as_view({"get": "retrieve"}),
         name="document-version-content"),
    path("documents/<uuid:id>/signature-request", DocumentViewSet.as_view({"post": "signature_request"}),
         name="document-signature-request"),
    path("documents/<uuid:id>/signature", DocumentViewSet.as_view({"post": "signature"}), name="document-signature"),
    path("documents/<uuid:id>/deletion", DocumentViewSet.as_view({"post": "deletion"}), name="document-deletion"),
]

