"""The benchmark's yardsticks (only with BENCHMARK_YARDSTICKS, never in production): plain DRF
views doing the same job as a scenario, so each scenario is measured against what DRF itself costs
for it on the same machine in the same run.

Same rows, page size and count semantics (an exact `count`), the same bearer authentication; no
access filter, no processing log, no change-history context, no throttling, no problem+json or
camelCase layer. They live outside /api/ (the processing-log middleware leaves them alone) and
outside the OpenAPI document.
"""
from django.db.models import Count, Q
from django.urls import path
from drf_spectacular.utils import extend_schema_view, extend_schema
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api.authentication import BearerAuthentication
from cases.models import Outcome, OutcomeKind
from clients import normalise
from clients.models import Client

PREFIX = "_yardstick/"


class _Plain:
    """Plain DRF: the project's bearer authentication, nothing else of the project's request handling."""

    authentication_classes = [BearerAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = []
    renderer_classes = [JSONRenderer]
    filter_backends = []


class DeskSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    name = serializers.CharField()


class ClientSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    registered_by_desk = DeskSerializer(read_only=True)

    class Meta:
        model = Client
        fields = ["id", "given_names", "name_prefix", "surname", "birth_date", "postcode", "city", "education_level",
                  "registered_by_desk", "registered_at", "gender", "email", "phone", "house_number",
                  "house_number_addition", "municipality", "preferred_language", "has_startkwalificatie", "benefit",
                  "updated_at", "version"]


class ClientListSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    registered_by_desk = DeskSerializer(read_only=True)

    class Meta:
        model = Client
        fields = ["id", "given_names", "name_prefix", "surname", "birth_date", "postcode", "city", "education_level",
                  "registered_by_desk", "registered_at"]


class Pages(PageNumberPagination):
    page_size = 25  # Django's Paginator: an exact COUNT(*), then the page
    page_size_query_param = "pageSize"
    max_page_size = 100


@extend_schema_view(get=extend_schema(exclude=True))  # never in the OpenAPI document
class ClientDetail(_Plain, generics.RetrieveAPIView):
    """GET /_yardstick/clients/<uuid>: one client with its desk, by id."""

    serializer_class = ClientSerializer
    queryset = Client.objects.select_related("registered_by_desk")
    lookup_field = "uuid"


@extend_schema_view(get=extend_schema(exclude=True))  # never in the OpenAPI document
class DeskClients(_Plain, generics.ListAPIView):
    """GET /_yardstick/desks/<uuid>/clients[?name=...]: the desk's clients in name order, 25 a page,
    with an exact count; `name` searches the folded name as the project's list does."""

    serializer_class = ClientListSerializer
    pagination_class = Pages

    def get_queryset(self):
        qs = (Client.objects.filter(registered_by_desk__uuid=self.kwargs["desk"]).select_related("registered_by_desk")
              .order_by("surname", "given_names", "id"))
        for word in normalise.fold(self.request.query_params.get("name", "")).split():
            qs = qs.filter(name_search__contains=word)
        return qs


@extend_schema_view(get=extend_schema(exclude=True))  # never in the OpenAPI document
class RegionPlacements(_Plain, APIView):
    """GET /_yardstick/regions/<uuid>/placements?period=YYYY: the placements report's aggregate
    (placements dated in the year at the region's desks, and how many still in work)."""

    def get(self, request, region):
        year = int(request.query_params["period"])
        figures = (Outcome.objects.filter(kind=OutcomeKind.PLACEMENT, date__year=year, case__desk__region__uuid=region)
                   .aggregate(placed=Count("id"), still_in_work=Count("id", filter=Q(still_in_work=True))))
        return Response(figures)


urlpatterns = [
    path(f"{PREFIX}clients/<uuid:uuid>", ClientDetail.as_view(), name="yardstick-client"),
    path(f"{PREFIX}desks/<uuid:desk>/clients", DeskClients.as_view(), name="yardstick-desk-clients"),
    path(f"{PREFIX}regions/<uuid:region>/placements", RegionPlacements.as_view(), name="yardstick-placements"),
]
