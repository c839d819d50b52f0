"""Clients: list and search, register (duplicates caught), read, change (If-Match), consents,
timeline and "who can see this and why". Every view starts from clients.access."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from clients import services
from clients.access import (
    acting_desk,
    client_list_for,
    client_visible_to,
    clients_visible_to,
    clients_workable_by,
    may_see_full_bsn,
)
from clients.bsn import blind_index
from clients.models import Client, Consent
from clients.timeline import timeline_for
from clients.why import client_access_reasons
from employers.employers import employers_visible_to
from rwc import access, processing

from ..filters import ClientFilter
from ..idempotency import IdempotentPostMixin
from ..pagination import CountingPageNumberPagination
from ..permissions import WorksWithClients
from ..serializers import clients as s
from .base import UUID_REGEX, get_workable
from .preconditions import ETAG, MISSING, STALE, etag, expected_version, if_match_parameter


def workable_client(view, client_id) -> Client:
    user = view.request.user
    client = get_workable(view, clients_visible_to(user), clients_workable_by(user), noun="client", uuid=client_id)
    processing.note_subject(client.pk)
    return client


def _candidates(request, exc: services.DuplicateClient) -> list[dict]:
    visible = set(
        clients_visible_to(request.user).filter(id__in=[c.client.id for c in exc.candidates]).values_list("id", flat=True)
    )
    items = [
        {"match": c.match, "visible": c.client.id in visible, "desk": c.client.registered_by_desk,
         "client": c.client if c.client.id in visible else None}
        for c in exc.candidates
    ]
    return s.DuplicateCandidateSerializer(items, many=True, context={"request": request}).data


def _camel(data):
    from djangorestframework_camel_case.util import camelize

    return camelize(data)


DUPLICATE_RESPONSE = OpenApiResponse(
    description="Probably or certainly a known client: `candidates` lists them (problem+json).",
)


@extend_schema_view(
    list=extend_schema(summary="Clients you may see", tags=["clients"]),
    retrieve=extend_schema(summary="One client", tags=["clients"], parameters=[ETAG]),
)
class ClientViewSet(IdempotentPostMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    idempotency_exempt_actions = ("search",)
    permission_classes = [WorksWithClients]
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_REGEX
    filterset_class = ClientFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Client.objects.none()
        if self.action == "list":
            return self._list_queryset(as_set=True)
        return (clients_visible_to(self.request.user).select_related("registered_by_desk", "registered_by")
                .prefetch_related("target_groups"))

    def _list_queryset(self, *, as_set: bool):
        return (client_list_for(self.request.user, as_set=as_set).select_related("registered_by_desk")
                .prefetch_related("target_groups").order_by("surname", "given_names", "id"))

    def paginate_queryset(self, queryset):
        """A page whose total is known (kept) is read in the probing form (`client_list_for`)."""
        self.paginator.probe_queryset = lambda: self.filter_queryset(self._list_queryset(as_set=False))
        return super().paginate_queryset(queryset)

    @property
    def paginator(self):
        """The list counts in its page's query (its access filter is the costly part); the rest as usual."""
        if not hasattr(self, "_paginator"):
            self._paginator = (CountingPageNumberPagination if self.action == "list" else self.pagination_class)()
        return self._paginator

    def get_serializer_class(self):
        return s.ClientListSerializer if self.action == "list" else s.ClientSerializer

    def filter_queryset(self, queryset):
        """The list filters belong to the list; a detail, timeline or access view ignores them."""
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_object(self):
        """A detail, timeline or access view reads its client through `client_visible_to` (compiled
        once per access profile), with what `get_queryset` would join."""
        if self.action not in ("retrieve", "timeline", "access_reasons"):
            return super().get_object()
        client = client_visible_to(self.request.user, self.kwargs[self.lookup_url_kwarg],
                                   related=("registered_by_desk", "registered_by"), prefetch=("target_groups",))
        if client is None:
            raise Http404
        self.check_object_permissions(self.request, client)
        return client

    def retrieve(self, request, *args, **kwargs):
        client = self.get_object()
        return Response(s.ClientSerializer(client, context=self.get_serializer_context()).data,
                        headers=etag(client))

    @extend_schema(
        summary="Register a client (409 with candidates when the region probably knows them)",
        tags=["clients"], request=s.ClientCreateSerializer,
        responses={201: s.ClientSerializer, 409: DUPLICATE_RESPONSE},
    )
    def create(self, request):
        payload = s.ClientCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        desk = acting_desk(request.user, data.pop("desk", None))
        override = data.pop("override_duplicates", False)
        reason = data.pop("override_reason", None)
        try:
            client = services.client_register(actor=request.user, desk=desk, data=data,
                                              override_reason=reason if override else None)
        except services.DuplicateClient as exc:
            exc.extra = {"candidates": _camel(_candidates(request, exc))}
            raise
        client = self.get_queryset().get(pk=client.pk)
        body = s.ClientSerializer(client, context=self.get_serializer_context()).data
        location = request.build_absolute_uri(f"/api/v1/clients/{client.uuid}")
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": location, **etag(client)})

    @extend_schema(
        summary="Change a client (send If-Match)", tags=["clients"], request=s.ClientInputSerializer,
        parameters=[if_match_parameter("client"), ETAG],
        responses={200: s.ClientSerializer, 409: DUPLICATE_RESPONSE,
                   412: STALE, 428: MISSING},
    )
    def partial_update(self, request, *args, **kwargs):
        client = self._workable_client(kwargs["id"])
        payload = s.ClientInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        expected = expected_version(request, client, "client")
        try:
            client = services.client_update(actor=request.user, client=client, data=dict(payload.validated_data),
                                            expected_version=expected)
        except services.DuplicateClient as exc:
            exc.extra = {"candidates": _camel(_candidates(request, exc))}
            raise
        client = self.get_queryset().get(pk=client.pk)
        return Response(s.ClientSerializer(client, context=self.get_serializer_context()).data,
                        headers=etag(client))

    def _workable_client(self, client_id) -> Client:
        return workable_client(self, client_id)

    @extend_schema(
        summary="Find clients by BSN (staff of a desk with a legal basis only)", tags=["clients"],
        request=s.ClientBsnSearchSerializer, responses={200: s.ClientSearchResultSerializer},
        description="POST, so the BSN never appears in a URL or an access log.",
    )
    @action(detail=False, methods=["post"], url_path="_search", url_name="search")
    def search(self, request):
        if not may_see_full_bsn(request.user):
            self.permission_denied(request, message=_("Your desk has no legal basis to search by BSN."))
        payload = s.ClientBsnSearchSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        found = clients_visible_to(request.user).filter(bsn_index=blind_index(payload.validated_data["bsn"]))
        found = found.select_related("registered_by_desk").prefetch_related("target_groups").order_by("id")[:20]
        return Response({"results": s.ClientListSerializer(found, many=True).data})

    @extend_schema(summary="Everything that happened to the client, oldest first", tags=["clients"],
                   responses=s.ClientEventSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"])
    def timeline(self, request, id=None):
        client = self.get_object()
        page = self.paginate_queryset(timeline_for(client, request.user))
        return self.get_paginated_response(s.ClientEventSerializer(page, many=True).data)

    @extend_schema(summary="Who can see this client, and why", tags=["clients"], responses=s.ClientAccessSerializer)
    @action(detail=True, methods=["get"], url_path="access", url_name="access")
    def access_reasons(self, request, id=None):
        client = self.get_object()
        processing.note_subject(client.pk)
        reasons = client_access_reasons(client)
        return Response(s.ClientAccessSerializer({"client": client.uuid, "reasons": reasons}).data)


@extend_schema_view(
    list=extend_schema(summary="Consents and legal bases recorded for the client", tags=["consents"]),
    retrieve=extend_schema(summary="One consent or legal basis", tags=["consents"]),
)
class ClientConsentViewSet(IdempotentPostMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [WorksWithClients]
    serializer_class = s.ConsentSerializer
    lookup_field = "uuid"
    lookup_url_kwarg = "consent_id"
    lookup_value_regex = UUID_REGEX

    def client(self) -> Client:
        return get_object_or_404(clients_visible_to(self.request.user), uuid=self.kwargs["id"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Consent.objects.none()
        return (
            Consent.objects.filter(client=self.client())
            .select_related("recorded_by", "recorded_by_desk", "withdrawn_by")
            .prefetch_related("desks", "partner_organisations", "employers")
            .order_by("-given_at", "id")
        )

    @extend_schema(summary="Record a consent or legal basis", tags=["consents"], request=s.ConsentInputSerializer,
                   responses={201: s.ConsentSerializer})
    def create(self, request, id=None):
        client = self._workable_client()
        payload = s.ConsentInputSerializer(
            data=request.data, visible_desks=access.desks_visible_to(request.user),
            visible_partners=access.partner_organisations_visible_to(request.user),
            visible_employers=employers_visible_to(request.user),
        )
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        desk = acting_desk(request.user, data.pop("desk", None))
        consent = services.consent_record(actor=request.user, desk=desk, client=client, data=data)
        consent = self.get_queryset().get(pk=consent.pk)
        location = request.build_absolute_uri(f"/api/v1/clients/{client.uuid}/consents/{consent.uuid}")
        return Response(self.get_serializer(consent).data, status=status.HTTP_201_CREATED, headers={"Location": location})

    @extend_schema(summary="Withdraw a consent: what rested on it stops at once", tags=["consents"],
                   request=s.ConsentWithdrawalSerializer,
                   responses={200: s.ConsentSerializer, 409: OpenApiResponse(description="Already withdrawn.")})
    def withdrawal(self, request, id=None, consent_id=None):
        client = self._workable_client()
        consent = get_object_or_404(Consent.objects.filter(client=client), uuid=consent_id)
        payload = s.ConsentWithdrawalSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        desk = acting_desk(request.user, payload.validated_data.get("desk"))
        services.consent_withdraw(actor=request.user, consent=consent, desk=desk,
                                  reason=payload.validated_data.get("reason", ""))
        return Response(self.get_serializer(self.get_queryset().get(pk=consent.pk)).data)

    def _workable_client(self) -> Client:
        return workable_client(self, self.kwargs["id"])


