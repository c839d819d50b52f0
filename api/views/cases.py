"""Cases: open, read, move along the lifecycle, reassign; the contact log and the plan; the
caller's caseload; programmes. Every view starts from cases.access."""
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from cases import services
from cases.access import case_visible_to, cases_visible_to, cases_workable_by, contacts_visible_to
from cases.caseload import caseload_for
from cases.models import Agreement, Case, Programme
from clients.access import acting_desk
from rwc import processing
from rwc.errors import InvalidFields
from rwc.models import Desk

from ..filters import CaseFilter
from ..idempotency import IdempotentPostMixin
from ..permissions import WorksWithClients
from ..serializers import cases as s
from .base import UUID_REGEX, VisibleReadOnlyViewSet, get_workable
from .preconditions import ETAG, STALE, etag, expected_version, if_match_parameter

CONFLICT = OpenApiResponse(description="Not allowed in the case's current state (problem+json).")
# Optional on a case: a move is checked against the current state under a row lock anyway, so a
# caller who leaves it out gets a 409 for a move the state no longer allows, never a lost update.
IF_MATCH = if_match_parameter("case", required=False)


def workable_case(view, case_id) -> Case:
    user = view.request.user
    case = get_workable(view, cases_visible_to(user).select_related("client", "desk", "programme"),
                        cases_workable_by(user), noun="case", uuid=case_id)
    processing.note_subject(case.client_id)
    return case


@extend_schema_view(
    list=extend_schema(summary="Programmes cases run under", tags=["cases"]),
    retrieve=extend_schema(summary="One programme", tags=["cases"]),
)
class ProgrammeViewSet(VisibleReadOnlyViewSet):
    serializer_class = s.ProgrammeSerializer
    permission_classes = [WorksWithClients]

    @staticmethod
    def visible_to(principal):
        return Programme.objects.order_by("name", "id")


@extend_schema_view(
    list=extend_schema(summary="Cases of your desks", tags=["cases"]),
    retrieve=extend_schema(summary="One case", tags=["cases"], parameters=[ETAG]),
)
class CaseViewSet(IdempotentPostMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [WorksWithClients]
    serializer_class = s.CaseSerializer
    filterset_class = CaseFilter
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_REGEX

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Case.objects.none()
        return (cases_visible_to(self.request.user).select_related("client", "desk", "programme", "owner")
                .order_by("-opened_at", "id"))

    def _fresh(self, case, **kwargs) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=case.pk)).data, headers=etag(case), **kwargs)

    def get_object(self):
        """A detail reads its case through `case_visible_to` (compiled once per access profile)."""
        if self.action != "retrieve":
            return super().get_object()
        case = case_visible_to(self.request.user, self.kwargs[self.lookup_url_kwarg],
                               related=("client", "desk", "programme", "owner"))
        if case is None:
            raise Http404
        self.check_object_permissions(self.request, case)
        return case

    def retrieve(self, request, *args, **kwargs):
        case = self.get_object()
        return Response(self.get_serializer(case).data, headers=etag(case))

    @extend_schema(summary="Open a case for a client at your desk", tags=["cases"], request=s.CaseCreateSerializer,
                   responses={201: s.CaseSerializer, 409: CONFLICT})
    def create(self, request):
        payload = s.CaseCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        desk = None
        if data.get("desk"):
            desk = Desk.objects.filter(uuid=data["desk"]).first()
            if desk is None:
                raise InvalidFields([("desk", "does_not_exist", _("No such desk."))])
        desk = acting_desk(request.user, desk)
        case = services.case_open_for(actor=request.user, client_uuid=data["client"], desk=desk,
                                      programme=data["programme"], owner=data.get("owner"))
        response = self._fresh(case, status=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"/api/v1/cases/{case.uuid}")
        return response

    @extend_schema(summary="Move the case: intake, active, paused, closed (with a reason), reopened",
                   tags=["cases"], request=s.CaseMoveSerializer, parameters=[IF_MATCH, ETAG],
                   responses={200: s.CaseSerializer, 409: CONFLICT, 412: STALE})
    @action(detail=True, methods=["post"], url_path="status-changes", url_name="status-change")
    def move(self, request, id=None):
        case = workable_case(self, id)
        payload = s.CaseMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        case = services.case_move(actor=request.user, case=case, to_status=data["status"],
                                  closing_reason=data.get("closing_reason", ""), reason=data.get("reason", ""),
                                  expected_version=expected_version(request, case, "case", required=False))
        return self._fresh(case)

    @extend_schema(summary="The case's status history: who moved it when and why", tags=["cases"],
                   responses=s.CaseStatusChangeSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], url_path="history", url_name="history")
    def history(self, request, id=None):
        case = self.get_object()
        page = self.paginate_queryset(case.status_changes.select_related("by").order_by("at", "id"))
        return self.get_paginated_response(s.CaseStatusChangeSerializer(page, many=True).data)

    @extend_schema(summary="Hand the case to another counsellor of the desk (team leads)", tags=["cases"],
                   request=s.CaseAssignmentSerializer, parameters=[IF_MATCH, ETAG],
                   responses={200: s.CaseSerializer, 409: CONFLICT, 412: STALE})
    @action(detail=True, methods=["post"], url_path="assignment", url_name="assignment")
    def assignment(self, request, id=None):
        case = workable_case(self, id)
        if not services.is_team_lead_of(request.user, case.desk):
            self.permission_denied(request, message=_("Only a team lead of the desk reassigns cases."))
        payload = s.CaseAssignmentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        case = services.case_reassign(actor=request.user, case=case, owner=payload.validated_data["owner"],
                                      expected_version=expected_version(request, case, "case", required=False))
        return self._fresh(case)


class CaseChildViewSet(IdempotentPostMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Contacts and agreements of one case: read where the case is visible, write where workable."""

    permission_classes = [WorksWithClients]

    def case(self) -> Case:
        case = get_object_or_404(cases_visible_to(self.request.user).select_related("client", "desk"),
                                 uuid=self.kwargs["id"])
        processing.note_subject(case.client_id)  # what is listed under a case is its client's data
        return case


@extend_schema_view(list=extend_schema(summary="The case's contact log, newest first", tags=["cases"]))
class ContactViewSet(CaseChildViewSet):
    serializer_class = s.ContactSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Case.objects.none()
        return contacts_visible_to(self.request.user, self.case()).select_related("recorded_by").order_by("-at", "-id")

    @extend_schema(summary="Log a contact moment", tags=["cases"], request=s.ContactInputSerializer,
                   responses={201: s.ContactSerializer, 409: CONFLICT})
    def create(self, request, id=None):
        case = workable_case(self, id)
        payload = s.ContactInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        contact = services.contact_record(actor=request.user, case=case, data=payload.validated_data)
        return Response(s.ContactSerializer(contact).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="The agreements of the client's plan", tags=["cases"]))
class AgreementViewSet(CaseChildViewSet):
    serializer_class = s.AgreementSerializer
    lookup_field = "uuid"
    lookup_url_kwarg = "agreement_id"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Agreement.objects.none()
        return Agreement.objects.filter(case=self.case()).order_by("due_on", "id")

    @extend_schema(summary="Add an agreement to the plan", tags=["cases"], request=s.AgreementInputSerializer,
                   responses={201: s.AgreementSerializer, 409: CONFLICT})
    def create(self, request, id=None):
        case = workable_case(self, id)
        payload = s.AgreementInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        agreement = services.agreement_add(actor=request.user, case=case, data=payload.validated_data)
        return Response(s.AgreementSerializer(agreement).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Mark an agreement done", tags=["cases"], request=s.AgreementCompletionSerializer,
                   responses={200: s.AgreementSerializer, 409: CONFLICT})
    def completion(self, request, id=None, agreement_id=None):
        case = workable_case(self, id)
        agreement = get_object_or_404(Agreement.objects.filter(case=case), uuid=agreement_id)
        payload = s.AgreementCompletionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        agreement = services.agreement_done(actor=request.user, agreement=agreement,
                                            done_on=payload.validated_data.get("done_on"))
        return Response(s.AgreementSerializer(agreement).data)


class CaseloadView(APIView):
    permission_classes = [WorksWithClients]

    @extend_schema(summary="Your open cases, counts per status and what needs attention", tags=["cases"],
                   responses=s.CaseloadSerializer)
    def get(self, request):
        return Response(s.CaseloadSerializer(caseload_for(request.user)).data)
