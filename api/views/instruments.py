"""Employer instruments of a placement: list, record, extend. Read where the case is visible,
write where it is workable; the rules are in cases.instruments."""
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from cases import instruments as rules
from cases.access import cases_visible_to
from cases.models import InstrumentUse, Outcome
from rwc import processing

from ..idempotency import IdempotentPostMixin
from ..permissions import WorksWithClients
from ..serializers import employers as s
from .cases import workable_case


@extend_schema_view(list=extend_schema(summary="Employer instruments used in the placement", tags=["outcomes"]))
class InstrumentViewSet(IdempotentPostMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [WorksWithClients]
    serializer_class = s.InstrumentUseSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return InstrumentUse.objects.none()
        case = get_object_or_404(cases_visible_to(self.request.user), uuid=self.kwargs["id"])
        processing.note_subject(case.client_id)
        placement = get_object_or_404(Outcome.objects.filter(case=case), uuid=self.kwargs["outcome_id"])
        return rules.instruments_of(placement).select_related("placement")

    def _placement(self):
        case = workable_case(self, self.kwargs["id"])
        return get_object_or_404(Outcome.objects.filter(case=case), uuid=self.kwargs["outcome_id"])

    def _fresh(self, use, **kwargs):
        use = InstrumentUse.objects.select_related("placement", "recorded_by").get(pk=use.pk)
        return Response(s.InstrumentUseSerializer(use).data, **kwargs)

    @extend_schema(
        summary="Record an employer instrument used in the placement, under the region's rules", tags=["outcomes"],
        request=s.InstrumentUseInputSerializer,
        responses={201: s.InstrumentUseSerializer, 409: OpenApiResponse(
            description="Not a placement (`not_a_placement`), the client is not eligible (`client_not_eligible`), "
                        "or the same instrument already runs then (`instrument_overlaps`); problem+json.")},
    )
    def create(self, request, id=None, outcome_id=None):
        placement = self._placement()
        payload = s.InstrumentUseInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        use = rules.instrument_record(actor=request.user, placement=placement, data=payload.validated_data)
        return self._fresh(use, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Extend an instrument once (a proefplaatsing to at most six months in all)", tags=["outcomes"],
        request=s.InstrumentExtensionInputSerializer,
        responses={200: s.InstrumentUseSerializer, 409: OpenApiResponse(
            description="Not extendable (`not_extendable`), extended already (`already_extended`), ended "
                        "(`already_ended`), or overlapping (`instrument_overlaps`); problem+json.")},
    )
    def extension(self, request, id=None, outcome_id=None, instrument_id=None):
        placement = self._placement()
        use = get_object_or_404(placement.instrument_uses.all(), uuid=instrument_id)
        payload = s.InstrumentExtensionInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        use = rules.instrument_extend(actor=request.user, use=use, end_on=payload.validated_data["end_on"])
        return self._fresh(use)
