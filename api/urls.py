"""Version 1 of the API: /api/v1/..., plural hyphenated names, no trailing slashes."""
from django.urls import path
from rest_framework.routers import SimpleRouter

from . import urls_audit, urls_documents, urls_employers, urls_outcomes, urls_services, urls_worklist
from .views.cases import (
    AgreementViewSet, CaseloadView, CaseViewSet, ContactViewSet, ProgrammeViewSet,
)
from .views.clients import ClientConsentViewSet, ClientViewSet
from .views.referrals import ReferralViewSet
from .views.reports import (
    CostReportView,
    PeriodReportView,
    ReportListView,
    ReportView,
    SpendReportView,
    TargetsReportView,
)
from .views.webhooks import WebhookDeliveryViewSet, WebhookEndpointViewSet
from .views.docs import OpenApiJsonView, OpenApiYamlView, RedocView, SwaggerView
from .views.me import MeView
from .views.organisation import DeskViewSet, PartnerOrganisationViewSet, RegionViewSet

router = SimpleRouter(trailing_slash=False)
router.register("regions", RegionViewSet, basename="region")
router.register("desks", DeskViewSet, basename="desk")
router.register("partner-organisations", PartnerOrganisationViewSet, basename="partner-organisation")
router.register("clients", ClientViewSet, basename="client")
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("cases", CaseViewSet, basename="case")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("webhooks", WebhookEndpointViewSet, basename="webhook")
router.register("webhook-deliveries", WebhookDeliveryViewSet, basename="webhook-delivery")

consents = ClientConsentViewSet

urlpatterns = [
    path("openapi.json", OpenApiJsonView.as_view(), name="openapi-json"),
    path("openapi.yaml", OpenApiYamlView.as_view(), name="openapi-yaml"),
    path("docs", SwaggerView.as_view(), name="docs"),
    path("redoc", RedocView.as_view(), name="redoc"),
    path("me", MeView.as_view(), name="me"),
    path("caseload", CaseloadView.as_view(), name="caseload"),
    path("reports", ReportListView.as_view(), name="report-list"),
    path("period-report", PeriodReportView.as_view(), name="period-report"),
    path("reports/spend", SpendReportView.as_view(), name="report-spend"),
    path("reports/cost", CostReportView.as_view(), name="report-cost"),
    path("reports/targets", TargetsReportView.as_view(), name="report-targets"),
    path("reports/<slug:key>", ReportView.as_view(), name="report-detail"),
    *router.urls,
    path("clients/<uuid:id>/consents", consents.as_view({"get": "list", "post": "create"}), name="client-consent-list"),
    path(
        "clients/<uuid:id>/consents/<uuid:consent_id>",
        consents.as_view({"get": "retrieve"}),
        name="client-consent-detail",
    ),
    path(
        "clients/<uuid:id>/consents/<uuid:consent_id>/withdrawal",
        consents.as_view({"post": "withdrawal"}),
        name="client-consent-withdrawal",
    ),
    path("cases/<uuid:id>/contacts", ContactViewSet.as_view({"get": "list", "post": "create"}), name="case-contact-list"),
    path(
        "cases/<uuid:id>/agreements", AgreementViewSet.as_view({"get": "list", "post": "create"}),
        name="case-agreement-list",
    ),
    path(
        "cases/<uuid:id>/agreements/<uuid:agreement_id>/completion",
        AgreementViewSet.as_view({"post": "completion"}),
        name="case-agreement-completion",
    ),
    *urls_outcomes.urlpatterns,
    *urls_employers.urlpatterns,
    *urls_services.urlpatterns,
    *urls_audit.urlpatterns,
    *urls_documents.urlpatterns,
    *urls_worklist.urlpatterns,
]
