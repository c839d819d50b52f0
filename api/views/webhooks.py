"""Partner systems register webhook endpoints and read their delivery log (scope webhooks:manage)."""
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from referrals.models import DeliveryAttempt, WebhookDelivery, WebhookEndpoint
from referrals.webhooks import delivery_redeliver, endpoint_deactivate, endpoint_register

from ..filters import WebhookDeliveryFilter
from ..idempotency import IdempotentPostMixin
from ..permissions import ManagesWebhooks
from ..serializers import webhooks as s
from .base import UUID_REGEX


class _OwnOrganisationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A partner system's own organisation's records, by UUID."""

    permission_classes = [ManagesWebhooks]
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_REGEX
    partner_scopes = ["webhooks:manage"]


@extend_schema_view(
    list=extend_schema(summary="Your organisation's webhook endpoints", tags=["webhooks"]),
    retrieve=extend_schema(summary="One webhook endpoint", tags=["webhooks"]),
)
class WebhookEndpointViewSet(IdempotentPostMixin, _OwnOrganisationViewSet):
    serializer_class = s.WebhookEndpointSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WebhookEndpoint.objects.none()
        return WebhookEndpoint.objects.filter(organisation=self.request.user.organisation,
                                              deactivated_at__isnull=True).order_by("created_at", "id")

    @extend_schema(summary="Register an endpoint: every status change of a referral your organisation sent or "
                           "received is delivered there, signed", tags=["webhooks"],
                   request=s.WebhookEndpointInputSerializer,
                   responses={201: s.WebhookEndpointCreatedSerializer,
                              409: OpenApiResponse(description="Already registered, or too many endpoints.")})
    def create(self, request):
        payload = s.WebhookEndpointInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        endpoint = endpoint_register(request.user, **payload.validated_data)
        headers = {"Location": request.build_absolute_uri(f"/api/v1/webhooks/{endpoint.uuid}")}
        return Response(s.WebhookEndpointCreatedSerializer(endpoint).data, status=status.HTTP_201_CREATED,
                        headers=headers)

    @extend_schema(summary="Remove an endpoint (pending deliveries to it stop; the log stays)", tags=["webhooks"],
                   responses={204: None})
    def destroy(self, request, id=None):
        endpoint_deactivate(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="The delivery log: every event sent to your endpoints and each attempt",
                       tags=["webhooks"]),
    retrieve=extend_schema(summary="One delivery with its attempts", tags=["webhooks"]),
)
class WebhookDeliveryViewSet(IdempotentPostMixin, _OwnOrganisationViewSet):
    serializer_class = s.WebhookDeliverySerializer
    filterset_class = WebhookDeliveryFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WebhookDelivery.objects.none()
        return (WebhookDelivery.objects.filter(endpoint__organisation=self.request.user.organisation)
                .select_related("event", "endpoint")
                .prefetch_related(Prefetch("attempt_log", queryset=DeliveryAttempt.objects.order_by("at", "id")))
                .order_by("-event__occurred_at", "-id"))

    @extend_schema(summary="Send a delivered or failed event to its endpoint again", tags=["webhooks"],
                   request=None,
                   responses={202: s.WebhookDeliverySerializer,
                              409: OpenApiResponse(description="Still pending, or its endpoint was removed "
                                                               "(problem+json).")})
    @action(detail=True, methods=["post"], url_path="redelivery", url_name="redelivery")
    def redelivery(self, request, id=None):
        delivery = delivery_redeliver(self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=delivery.pk)).data,
                        status=status.HTTP_202_ACCEPTED)
