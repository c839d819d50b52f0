"""Services delivered on a case (with training details, cost, funding and approval), the service
catalogue, training providers, funding sources, and front-door questions. Thin: access in
services.delivery, services.catalogue and services.questions; rules in the domain services."""
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from cases.access import cases_visible_to
from clients.access import clients_visible_to
from clients.services import DuplicateClient
from rwc import processing
from rwc.access import profile_for
from rwc.errors import InvalidFields
from rwc.models import Desk, PartnerOrganisation
from services import catalogue, delivery, funding, questions
from services.models import DeliveredService, FrontDoorQuestion, FundingSource, ServiceOffering, TrainingProvider

from ..filters.services import DeliveredServiceFilter, QuestionFilter
from ..idempotency import IdempotentPostMixin
from ..permissions import DeskStaff, ReadsFunding, WorksWithClients
from ..serializers import services as s
from ..serializers.clients import ClientCreateSerializer
from .base import UUID_REGEX
from .cases import workable_case
from .clients import _camel, _candidates
from .preconditions import ETAG, MISSING, STALE, etag, expected_version, if_match_parameter

CONFLICT = OpenApiResponse(description="Conflicts with the current state; nothing was changed (problem+json).")
SERVICE_RELATED = ("case", "partner_organisation", "training_provider", "approved_by", "recorded_by")


def _lookup(queryset, value, field):
    if value is None:
        return None
    found = queryset.filter(uuid=value).first()
    if found is None:
        raise InvalidFields([(field, "does_not_exist", _("No such record that you may use."))])
    return found


# --- reference data ------------------------------------------------------------------------------


@extend_schema_view(list=extend_schema(summary="The service catalogue of your regions: which desks and programmes "
                                               "deliver each service type", tags=["services"]))
class ServiceOfferingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [DeskStaff]
    serializer_class = s.ServiceOfferingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ServiceOffering.objects.none()
        return (catalogue.offerings_visible_to(self.request.user).select_related("region")
                .prefetch_related("programmes").order_by("region_id", "service_type", "id"))


@extend_schema_view(list=extend_schema(summary="External training providers of your regions", tags=["services"]))
class TrainingProviderViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [DeskStaff]
    serializer_class = s.TrainingProviderSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TrainingProvider.objects.none()
        return catalogue.training_providers_visible_to(self.request.user).select_related("region").order_by("name", "id")


@extend_schema_view(
    list=extend_schema(summary="Funding sources of your regions, with what approved services spent of each budget",
                       tags=["services"]),
    retrieve=extend_schema(summary="One funding source and its spending", tags=["services"]),
)
class FundingSourceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [ReadsFunding]
    serializer_class = s.FundingSourceSerializer
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_REGEX

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FundingSource.objects.none()
        return (catalogue.with_spending(catalogue.funding_sources_visible_to(self.request.user))
                .select_related("region").order_by("name", "id"))


# --- services on a case --------------------------------------------------------------------------


def _resolve(request, case, data: dict) -> dict:
    """Public ids in the body to records; an unknown provider is a 400 naming the field, an unknown
    funding source is left for the domain to name (with its place in the list)."""
    region_id = case.desk.region_id
    if "partner_organisation" in data:
        data["partner_organisation"] = _lookup(PartnerOrganisation.objects.filter(region_id=region_id),
                                               data["partner_organisation"], "partner_organisation")
    if "training_provider" in data:
        data["training_provider"] = _lookup(catalogue.training_providers_visible_to(request.user)
                                            .filter(region_id=region_id), data["training_provider"],
                                            "training_provider")
    if "funding" in data:
        ids = [item["source"] for item in data["funding"]]
        sources = {f.uuid: f for f in FundingSource.objects.filter(uuid__in=ids, region_id=region_id)}
        data["funding"] = [{"source": sources.get(item["source"]), "amount": item["amount"]} for item in data["funding"]]
    return data


@extend_schema_view(list=extend_schema(summary="Services delivered on the case, by planned start", tags=["services"]))
class CaseServiceViewSet(IdempotentPostMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [WorksWithClients]
    serializer_class = s.DeliveredServiceSerializer
    filterset_class = DeliveredServiceFilter

    def case(self):
        case = get_object_or_404(cases_visible_to(self.request.user).select_related("desk"), uuid=self.kwargs["id"])
        processing.note_subject(case.client_id)
        return case

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DeliveredService.objects.none()
        return (delivery.services_of(self.case()).select_related(*SERVICE_RELATED)
                .prefetch_related("funding__source").order_by("planned_start", "id"))

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _service(self, workable: bool) -> DeliveredService:
        case = workable_case(self, self.kwargs["id"]) if workable else self.case()
        return get_object_or_404(delivery.services_of(case).select_related("case__desk", "case__programme"),
                                 uuid=self.kwargs["service_id"])

    def _fresh(self, service, **kwargs):
        service = (DeliveredService.objects.select_related(*SERVICE_RELATED).prefetch_related("funding__source")
                   .get(pk=service.pk))
        return Response(s.DeliveredServiceSerializer(service).data, headers=etag(service), **kwargs)

    @extend_schema(summary="Plan a service on the case (status planned), with its cost and funding when known",
                   tags=["services"], request=s.ServiceInputSerializer,
                   responses={201: s.DeliveredServiceSerializer, 409: OpenApiResponse(
                       description="The case is closed (`case_closed`) or the invoice is booked already "
                                   "(`duplicate_invoice`); problem+json.")})
    def create(self, request, id=None):
        case = workable_case(self, id)
        case = type(case).objects.select_related("desk", "programme").get(pk=case.pk)
        payload = s.ServiceInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        service = delivery.service_record(actor=request.user, case=case,
                                          data=_resolve(request, case, dict(payload.validated_data)))
        response = self._fresh(service, status=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"/api/v1/cases/{case.uuid}/services/{service.uuid}")
        return response

    @extend_schema(summary="One service delivered on the case", tags=["services"], parameters=[ETAG],
                   responses=s.DeliveredServiceSerializer)
    def retrieve(self, request, id=None, service_id=None):
        return self._fresh(self._service(workable=False))

    @extend_schema(summary="Change a service: dates, hours, course details, certificate, cost, invoice, funding "
                           "(send If-Match)", tags=["services"], request=s.ServiceUpdateSerializer,
                   parameters=[if_match_parameter("service"), ETAG],
                   responses={200: s.DeliveredServiceSerializer, 412: STALE, 428: MISSING, 409: OpenApiResponse(
                       description="The funding is approved already (`already_approved`), the invoice is booked on "
                                   "another service (`duplicate_invoice`), or a certificate before completion "
                                   "(`not_completed`); problem+json.")})
    def partial_update(self, request, id=None, service_id=None):
        service = self._service(workable=True)
        payload = s.ServiceUpdateSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = _resolve(request, service.case, dict(payload.validated_data))
        service = delivery.service_update(actor=request.user, service=service, data=data,
                                          expected_version=expected_version(request, service, "service"))
        return self._fresh(service)

    @extend_schema(summary="Start, complete (with or without a certificate) or stop a service early",
                   tags=["services"], request=s.ServiceMoveSerializer,
                   parameters=[if_match_parameter("service", required=False)],
                   responses={200: s.DeliveredServiceSerializer, 412: STALE, 409: OpenApiResponse(
                       description="Not allowed from the current status (`illegal_move`); problem+json.")})
    def move(self, request, id=None, service_id=None):
        service = self._service(workable=True)
        payload = s.ServiceMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        service = delivery.service_move(
            actor=request.user, service=service, to_status=data["status"], on=data.get("date"),
            reason=data.get("reason", ""), certificate_obtained=data.get("certificate_obtained"),
            expected_version=expected_version(request, service, "service", required=False))
        return self._fresh(service)

    @extend_schema(summary="Approve the service's cost and funding (a team lead of the case's desk), within budget",
                   tags=["services"], request=s.ApprovalSerializer,
                   parameters=[if_match_parameter("service", required=False)],
                   responses={200: s.DeliveredServiceSerializer, 403: OpenApiResponse(
                       description="You are not a team lead of the case's desk."), 412: STALE,
                       409: OpenApiResponse(
                       description="Approved already (`already_approved`), cost or funding missing (`not_funded`), "
                                   "or beyond a budget's remainder (`budget_exceeded`, naming the budget in `budget` "
                                   "and `budgetName`, with `remaining`); problem+json.")})
    def approval(self, request, id=None, service_id=None):
        service = self._service(workable=True)
        s.ApprovalSerializer(data=request.data).is_valid(raise_exception=True)
        service = funding.service_approve(actor=request.user, service=service,
                                          expected_version=expected_version(request, service, "service",
                                                                            required=False))
        return self._fresh(service)


    @extend_schema(summary="Refuse the service's funding, saying why (a team lead of the case's desk)",
                   tags=["services"], request=s.RefusalSerializer,
                   parameters=[if_match_parameter("service", required=False)],
                   responses={200: s.DeliveredServiceSerializer, 403: OpenApiResponse(
                       description="You are not a team lead of the case's desk."), 412: STALE,
                       409: OpenApiResponse(description="Approved already (`already_approved`); problem+json.")})
    def refusal(self, request, id=None, service_id=None):
        service = self._service(workable=True)
        funding.check_may_refuse(request.user, service)
        payload = s.RefusalSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        service = funding.service_refuse(actor=request.user, service=service, reason=payload.validated_data["reason"],
                                         expected_version=expected_version(request, service, "service",
                                                                           required=False))
        return self._fresh(service)


# --- front-door questions ------------------------------------------------------------------------


def _acting_desk(request, desk_id) -> Desk:
    profile = profile_for(request.user)
    desks = list(Desk.objects.filter(id__in=profile.member_desk_ids, is_active=True).order_by("id"))
    if desk_id is None:
        if len(desks) != 1:
            raise InvalidFields([("desk", "required", _("You work at several desks: name the desk you act for."))])
        return desks[0]
    desk = next((d for d in desks if d.uuid == desk_id), None)
    if desk is None:
        raise InvalidFields([("desk", "not_your_desk", _("You do not work at this desk."))])
    return desk


@extend_schema_view(
    list=extend_schema(summary="Questions answered at the front door of your desks, newest first",
                       tags=["front-door"]),
    retrieve=extend_schema(summary="One front-door question", tags=["front-door"], parameters=[ETAG]),
)
class FrontDoorQuestionViewSet(IdempotentPostMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                               viewsets.GenericViewSet):
    permission_classes = [WorksWithClients]
    serializer_class = s.QuestionSerializer
    filterset_class = QuestionFilter
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_REGEX

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FrontDoorQuestion.objects.none()
        return (questions.questions_visible_to(self.request.user)
                .select_related("desk", "referred_to_partner", "referred_to_desk", "client", "recorded_by")
                .order_by("-asked_at", "-id"))

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _fresh(self, question, **kwargs):
        question = self.get_queryset().get(pk=question.pk)
        return Response(s.QuestionSerializer(question).data, headers=etag(question), **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._fresh(self.get_object())

    @extend_schema(summary="Log a question answered at the front door, anonymous or under a pseudonym",
                   tags=["front-door"], request=s.QuestionInputSerializer, responses={201: s.QuestionSerializer})
    def create(self, request):
        payload = s.QuestionInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        desk = _acting_desk(request, data.pop("desk", None))
        data["referred_to_partner"] = _lookup(PartnerOrganisation.objects.filter(region_id=desk.region_id),
                                              data.get("referred_to_partner"), "referred_to_partner")
        data["referred_to_desk"] = _lookup(Desk.objects.filter(region_id=desk.region_id),
                                           data.get("referred_to_desk"), "referred_to_desk")
        question = questions.question_record(actor=request.user, desk=desk, data=data)
        response = self._fresh(question, status=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"/api/v1/front-door-questions/{question.uuid}")
        return response

    @extend_schema(summary="Change a front-door question: what was logged, the referral onwards, the follow-up "
                           "(send If-Match)", tags=["front-door"], request=s.QuestionUpdateSerializer,
                   parameters=[if_match_parameter("question"), ETAG],
                   responses={200: s.QuestionSerializer, 412: STALE, 428: MISSING})
    def partial_update(self, request, id=None):
        user = request.user
        question = get_object_or_404(questions.questions_visible_to(user), uuid=id)
        if not questions.questions_workable_by(user).filter(pk=question.pk).exists():
            self.permission_denied(request, message=_("You may read the question but not change it."))
        payload = s.QuestionUpdateSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        if "referred_to_partner" in data:
            data["referred_to_partner"] = _lookup(PartnerOrganisation.objects.filter(region_id=question.region_id),
                                                  data["referred_to_partner"], "referred_to_partner")
        if "referred_to_desk" in data:
            data["referred_to_desk"] = _lookup(Desk.objects.filter(region_id=question.region_id),
                                               data["referred_to_desk"], "referred_to_desk")
        question = questions.question_update(actor=user, question=question, data=data,
                                             expected_version=expected_version(request, question, "question"))
        return self._fresh(question)

    @extend_schema(summary="Link the question to the client the person was registered as", tags=["front-door"],
                   request=s.QuestionConversionSerializer,
                   parameters=[if_match_parameter("question", required=False)],
                   responses={200: s.QuestionSerializer, 412: STALE, 409: OpenApiResponse(
                       description="Linked already (`already_converted`); problem+json.")})
    def conversion(self, request, id=None):
        user = request.user
        question = get_object_or_404(questions.questions_visible_to(user), uuid=id)
        if not questions.questions_workable_by(user).filter(pk=question.pk).exists():
            self.permission_denied(request, message=_("You may read the question but not change it."))
        payload = s.QuestionConversionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        client = _lookup(clients_visible_to(user), payload.validated_data["client"], "client")
        question = questions.question_convert(
            actor=user, question=question, client=client,
            expected_version=expected_version(request, question, "question", required=False))
        return self._fresh(question)

    @extend_schema(summary="Register the person who asked as a client and link the question to them",
                   tags=["front-door"], request=ClientCreateSerializer,
                   parameters=[if_match_parameter("question", required=False)],
                   responses={201: s.QuestionSerializer, 412: STALE, 409: OpenApiResponse(
                       description="Linked already (`already_converted`), or the region probably knows the person "
                                   "(duplicate, with candidates to link to instead); problem+json.")})
    def registration(self, request, id=None):
        user = request.user
        question = get_object_or_404(questions.questions_visible_to(user), uuid=id)
        if not questions.questions_workable_by(user).filter(pk=question.pk).exists():
            self.permission_denied(request, message=_("You may read the question but not change it."))
        payload = ClientCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        desk = data.pop("desk", None)
        if desk is not None and desk.pk != question.desk_id:
            raise InvalidFields([("desk", "not_the_questions_desk",
                                  _("The person is registered at the desk that answered the question."))])
        override = data.pop("override_duplicates", False)
        reason = data.pop("override_reason", None)
        try:
            question, client = questions.question_register(
                actor=user, question=question, data=data, override_reason=reason if override else None,
                expected_version=expected_version(request, question, "question", required=False))
        except DuplicateClient as exc:
            exc.extra = {"candidates": _camel(_candidates(request, exc))}
            raise
        response = self._fresh(question, status=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"/api/v1/clients/{client.uuid}")
        return response
