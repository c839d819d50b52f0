"""Matching events: list and create, participating employers, registrations (any desk, for a
client it works with), attendance and matches (WSP). Access in employers.matching_events."""
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from clients.access import acting_desk, clients_workable_by
from employers import matching_events as rules
from employers.employers import employers_visible_to
from employers.models import MatchingEvent, MatchingEventMatch, MatchingEventRegistration
from rwc.models import Desk

from ..filters.employers import MatchingEventFilter
from ..idempotency import IdempotentPostMixin
from ..permissions import EmployerServices, WorksWithClients, WspOnly
from ..serializers import employers as s
from .base import UUID_REGEX, get_workable
from .employers import _lookup

CONFLICT = OpenApiResponse(description="Conflicts with the current state; nothing was changed (problem+json).")
EVENT_RELATED = ("organising_desk",)


@extend_schema_view(
    list=extend_schema(summary="Matching events of your region, newest first", tags=["matching events"]),
    retrieve=extend_schema(summary="One matching event", tags=["matching events"]),
)
class MatchingEventViewSet(IdempotentPostMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [EmployerServices]
    serializer_class = s.MatchingEventSerializer
    filterset_class = MatchingEventFilter
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_REGEX

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MatchingEvent.objects.none()
        return (rules.events_visible_to(self.request.user).select_related(*EVENT_RELATED)
                .prefetch_related("employers").order_by("-date", "-id"))

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _fresh(self, event, **kwargs):
        return Response(self.get_serializer(self.get_queryset().get(pk=event.pk)).data, **kwargs)

    @extend_schema(summary="Plan a matching event (WSP staff)", tags=["matching events"],
                   request=s.MatchingEventInputSerializer, responses={201: s.MatchingEventSerializer})
    def create(self, request):
        payload = s.MatchingEventInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        from employers.employers import wsp_desks_of

        desk = wsp_desks_of(request.user)[0]
        visible = employers_visible_to(request.user)
        data["employers"] = [_lookup(visible, e, "employers") for e in data.get("employers", [])]
        event = rules.event_create(actor=request.user, desk=desk, data=data)
        response = self._fresh(event, status=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"/api/v1/matching-events/{event.uuid}")
        return response

    @extend_schema(summary="Add a participating employer (WSP staff)", tags=["matching events"],
                   request=s.ParticipatingEmployerInputSerializer,
                   responses={200: s.MatchingEventSerializer, 409: OpenApiResponse(
                       description="The employer already takes part (`already_participating`).")})
    def add_employer(self, request, id=None):
        event = workable_event(self, id)
        payload = s.ParticipatingEmployerInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        employer = _lookup(employers_visible_to(request.user), payload.validated_data["employer"], "employer")
        rules.event_add_employer(actor=request.user, event=event, employer=employer)
        return self._fresh(event)


def workable_event(view, event_id) -> MatchingEvent:
    user = view.request.user
    return get_workable(view, rules.events_visible_to(user), rules.events_workable_by(user), noun="matching event",
                        uuid=event_id)


class EventChildViewSet(IdempotentPostMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [EmployerServices]

    def event(self) -> MatchingEvent:
        return get_object_or_404(rules.events_visible_to(self.request.user), uuid=self.kwargs["id"])


@extend_schema_view(list=extend_schema(summary="Job seekers registered for the event (those you may see)",
                                       tags=["matching events"]))
class RegistrationViewSet(EventChildViewSet):
    serializer_class = s.RegistrationSerializer

    def get_permissions(self):
        if self.action == "create":
            return [WorksWithClients()]
        if self.action == "attendance":
            return [WspOnly()]
        return super().get_permissions()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MatchingEventRegistration.objects.none()
        return (rules.registrations_visible_to(self.request.user, self.event())
                .select_related("client", "registered_by_desk").order_by("registered_at", "id"))

    @extend_schema(summary="Register a client your desk works with", tags=["matching events"],
                   request=s.RegistrationInputSerializer,
                   responses={201: s.RegistrationSerializer, 409: OpenApiResponse(
                       description="No consent covers sharing with the organising WSP desk (`no_consent`), or "
                                   "the client is already registered (`already_registered`); problem+json.")})
    def create(self, request, id=None):
        event = self.event()
        payload = s.RegistrationInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        desk = data.get("desk")
        desk = acting_desk(request.user, _lookup(Desk.objects.all(), desk, "desk") if desk else None)
        client = _lookup(clients_workable_by(request.user), data["client"], "client")
        registration = rules.registration_add(actor=request.user, desk=desk, event=event, client=client)
        registration = MatchingEventRegistration.objects.select_related("client", "registered_by_desk").get(
            pk=registration.pk)
        return Response(s.RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Record whether the job seeker came (WSP staff)", tags=["matching events"],
                   request=s.AttendanceInputSerializer, responses={200: s.RegistrationSerializer, 409: CONFLICT})
    def attendance(self, request, id=None, registration_id=None):
        event = workable_event(self, id)
        registration = get_object_or_404(rules.registrations_visible_to(request.user, event), uuid=registration_id)
        payload = s.AttendanceInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        registration = rules.attendance_record(actor=request.user, registration=registration,
                                               attended=payload.validated_data["attended"])
        registration = MatchingEventRegistration.objects.select_related("client", "registered_by_desk").get(
            pk=registration.pk)
        return Response(s.RegistrationSerializer(registration).data)


MATCH_RELATED = ("registration__client", "employer", "recorded_by")


@extend_schema_view(list=extend_schema(summary="What came of the event: conversations, follow-up invitations, hires "
                                               "(of job seekers you may see)", tags=["matching events"]))
class MatchViewSet(EventChildViewSet):
    serializer_class = s.MatchSerializer

    def get_permissions(self):
        return [WspOnly()] if self.action == "create" else super().get_permissions()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MatchingEventMatch.objects.none()
        return (rules.matches_visible_to(self.request.user, self.event()).select_related(*MATCH_RELATED)
                .order_by("recorded_at", "id"))

    @extend_schema(summary="Record a match of an attendee with a participating employer (WSP staff)",
                   tags=["matching events"], request=s.MatchInputSerializer,
                   responses={201: s.MatchSerializer, 409: OpenApiResponse(
                       description="The event has not taken place (`event_not_held`), the job seeker did not "
                                   "attend (`not_attended`), or the match is recorded already (`already_recorded`).")})
    def create(self, request, id=None):
        event = workable_event(self, id)
        payload = s.MatchInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        registration = _lookup(rules.registrations_visible_to(request.user, event), data["registration"],
                               "registration")
        employer = _lookup(employers_visible_to(request.user), data["employer"], "employer")
        match = rules.match_record(actor=request.user, event=event, registration=registration, employer=employer,
                                   kind=data["kind"], note=data.get("note", ""))
        match = MatchingEventMatch.objects.select_related(*MATCH_RELATED).get(pk=match.pk)
        return Response(s.MatchSerializer(match).data, status=status.HTTP_201_CREATED)
