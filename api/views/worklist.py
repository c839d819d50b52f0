"""The worklist: tasks, notifications and their e-mail preference, appointments, the calendar feed.
Thin: access and rules in worklist.todo, worklist.notifications, worklist.appointments and
worklist.calendar."""
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.access import cases_visible_to
from clients.access import acting_desk, clients_visible_to
from worklist import appointments as appointment_rules
from worklist import calendar, notifications, todo
from worklist.digest import preference_of
from worklist.models import Notification, NotificationPreference

from ..filters.worklist import AppointmentFilter, NotificationFilter, TaskFilter
from ..idempotency import IdempotentPostMixin
from ..pagination import PageNumberPagination
from ..permissions import HasWorklist
from ..serializers import worklist as s
from .base import UUID_REGEX

CONFLICT = OpenApiResponse(description="Conflicts with a rule or the current state; nothing was changed "
                                       "(problem+json with `code`).")


class CountingPage(PageNumberPagination):
    """A page with `counts` beside it: per status and overdue over the whole filtered list (tasks), or
    the unread (notifications); one aggregate query."""

    counts_schema: dict = {}

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["counts"] = self.counts
        return response

    def get_paginated_response_schema(self, schema):
        wrapped = super().get_paginated_response_schema(schema)
        wrapped["properties"]["counts"] = {"type": "object", "properties": {
            name: {"type": "integer", "minimum": 0} for name in self.counts_schema}, "required": list(self.counts_schema)}
        wrapped.setdefault("required", [])
        wrapped["required"] = [*wrapped["required"], "counts"]
        return wrapped


class TaskPage(CountingPage):
    counts_schema = {"open": 0, "done": 0, "cancelled": 0, "overdue": 0}


class NotificationPage(CountingPage):
    counts_schema = {"unread": 0}


def _desk(request, desk):
    return acting_desk(request.user, desk)


# --- tasks ---------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Your worklist: your tasks, your desks' pools, and for a team lead the desk's "
                               "tasks; with counts per status and overdue", tags=["worklist"]),
    retrieve=extend_schema(summary="One task", tags=["worklist"]),
)
class TaskViewSet(IdempotentPostMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [HasWorklist]
    serializer_class = s.TaskSerializer
    pagination_class = TaskPage
    filterset_class = TaskFilter
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_REGEX

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return todo.Task.objects.none()
        return (todo.tasks_visible_to(self.request.user)
                .select_related("desk", "assignee", "created_by", "client", "case", "referral", "employer")
                .order_by("due_on", "id"))

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def list(self, request, *args, **kwargs):
        tasks = self.filter_queryset(self.get_queryset())
        unfiltered_status = {k: v for k, v in request.query_params.items() if k != "status"}
        counted = TaskFilter(unfiltered_status, queryset=todo.tasks_visible_to(request.user), request=request).qs
        self.paginator.counts = todo.task_counts(counted)
        page = self.paginate_queryset(tasks)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _fresh(self, task, **kwargs):
        return Response(s.TaskSerializer(self.get_queryset().get(pk=task.pk)).data, **kwargs)

    @extend_schema(summary="Make a task for yourself, a counsellor of your desk, or the desk's pool", tags=["worklist"],
                   request=s.TaskCreateSerializer, responses={201: s.TaskSerializer, 409: CONFLICT})
    def create(self, request):
        payload = s.TaskCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        desk = _desk(request, data.pop("desk", None))
        subject = todo.find_subject(request.user, data.pop("subject_kind"), data.pop("subject"))
        assignee = data.pop("assignee", None)
        task = todo.task_create(actor=request.user, desk=desk, subject=subject, data=data, assignee=assignee)
        response = self._fresh(task, status=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"/api/v1/tasks/{task.uuid}")
        return response

    @extend_schema(summary="Give the task to a counsellor of the desk or back to the pool (team leads); pick up an "
                           "unassigned one yourself", tags=["worklist"], request=s.TaskAssignmentSerializer,
                   responses={200: s.TaskSerializer, 409: CONFLICT})
    def assignment(self, request, id=None):
        task = self.get_object()
        payload = s.TaskAssignmentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        task = todo.task_assign(actor=request.user, task=task, assignee=payload.validated_data["assignee"])
        return self._fresh(task)

    @extend_schema(summary="Mark the task done or cancelled", tags=["worklist"], request=s.TaskMoveSerializer,
                   responses={200: s.TaskSerializer, 409: CONFLICT})
    def move(self, request, id=None):
        task = self.get_object()
        payload = s.TaskMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        task = todo.task_move(actor=request.user, task=task, to_status=payload.validated_data["status"])
        return self._fresh(task)


# --- notifications -------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Your notifications, newest first, with the unread count", tags=["worklist"]),
    retrieve=extend_schema(summary="One of your notifications", tags=["worklist"]),
)
class NotificationViewSet(IdempotentPostMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [HasWorklist]
    serializer_class = s.NotificationSerializer
    pagination_class = NotificationPage
    filterset_class = NotificationFilter
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_REGEX

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return (notifications.notifications_visible_to(self.request.user)
                .select_related("referral", "task", "case").order_by("-created_at", "-id"))

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def list(self, request, *args, **kwargs):
        mine = notifications.notifications_visible_to(request.user)
        self.paginator.counts = {"unread": mine.filter(read_at__isnull=True).count()}
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(summary="Mark your notification read (someone else's is a 404)", tags=["worklist"], request=None,
                   responses={200: s.NotificationSerializer})
    def acknowledgement(self, request, id=None):
        notification = notifications.mark_read(self.get_object())
        return Response(s.NotificationSerializer(notification).data)


class NotificationPreferenceView(APIView):
    permission_classes = [HasWorklist]

    @extend_schema(summary="How you get your notifications by e-mail", tags=["worklist"],
                   responses=s.NotificationPreferenceSerializer)
    def get(self, request):
        return Response(s.NotificationPreferenceSerializer(preference_of(request.user.pk)).data)

    @extend_schema(summary="Choose the e-mail digest: at once, daily or never; and its language", tags=["worklist"],
                   request=s.NotificationPreferenceSerializer, responses=s.NotificationPreferenceSerializer)
    def patch(self, request):
        payload = s.NotificationPreferenceSerializer(preference_of(request.user.pk), data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        payload.save()
        return Response(s.NotificationPreferenceSerializer(
            NotificationPreference.objects.get(user=request.user)).data)


# --- appointments --------------------------------------------------------------------------------


def _visible_or_400(queryset, value, field):
    from rwc.errors import InvalidFields

    found = queryset.filter(uuid=value).first() if value is not None else None
    if found is None:
        raise InvalidFields([(field, "does_not_exist", _("No such record that you may use."))])
    return found


@extend_schema_view(
    list=extend_schema(summary="Appointments at your desks, soonest first", tags=["appointments"]),
    retrieve=extend_schema(summary="One appointment", tags=["appointments"]),
)
class AppointmentViewSet(IdempotentPostMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         viewsets.GenericViewSet):
    permission_classes = [HasWorklist]
    serializer_class = s.AppointmentSerializer
    filterset_class = AppointmentFilter
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_REGEX

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return appointment_rules.Appointment.objects.none()
        return (appointment_rules.appointments_visible_to(self.request.user)
                .select_related("client", "case", "desk", "counsellor").order_by("starts_at", "id"))

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _fresh(self, appointment, **kwargs):
        return Response(s.AppointmentSerializer(self.get_queryset().get(pk=appointment.pk)).data, **kwargs)

    @extend_schema(summary="Plan an appointment with a client", tags=["appointments"],
                   request=s.AppointmentCreateSerializer, responses={201: s.AppointmentSerializer, 409: CONFLICT})
    def create(self, request):
        payload = s.AppointmentCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        desk = _desk(request, data.pop("desk", None))
        client = _visible_or_400(clients_visible_to(request.user), data.pop("client"), "client")
        case_id = data.pop("case", None)
        case = _visible_or_400(cases_visible_to(request.user), case_id, "case") if case_id else None
        counsellor = data.pop("counsellor", None) or request.user
        appointment = appointment_rules.appointment_plan(
            actor=request.user, desk=desk, client=client, case=case, counsellor=counsellor, data=data,
            force=data.pop("force", False), reason=data.pop("reason", ""))
        response = self._fresh(appointment, status=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"/api/v1/appointments/{appointment.uuid}")
        return response

    @extend_schema(summary="Move the appointment to another time", tags=["appointments"],
                   request=s.AppointmentRescheduleSerializer, responses={200: s.AppointmentSerializer, 409: CONFLICT})
    def rescheduling(self, request, id=None):
        appointment = self.get_object()
        payload = s.AppointmentRescheduleSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        appointment = appointment_rules.appointment_reschedule(
            actor=request.user, appointment=appointment, starts_at=data["starts_at"], ends_at=data["ends_at"],
            force=data.get("force", False), reason=data.get("reason", ""))
        return self._fresh(appointment)

    @extend_schema(summary="Record that it was held, that the client did not come (no-show), or cancel it",
                   tags=["appointments"], request=s.AppointmentMoveSerializer,
                   responses={200: s.AppointmentSerializer, 409: CONFLICT})
    def move(self, request, id=None):
        appointment = self.get_object()
        payload = s.AppointmentMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        appointment = appointment_rules.appointment_move(actor=request.user, appointment=appointment,
                                                         to_status=payload.validated_data["status"])
        return self._fresh(appointment)


class CalendarFeedView(APIView):
    permission_classes = [HasWorklist]

    @extend_schema(summary="A new secret address of your calendar feed (the old one stops working)",
                   tags=["appointments"], request=None, responses={201: s.CalendarFeedSerializer})
    def post(self, request):
        token = calendar.feed_create(request.user)
        url = request.build_absolute_uri(f"/api/v1/calendar-feeds/{token}")
        return Response({"url": url}, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Revoke your calendar feed's address", tags=["appointments"], request=None,
                   responses={204: None})
    def delete(self, request):
        calendar.feed_revoke(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CalendarFeedDocumentView(APIView):
    """The feed itself, for a calendar application: the secret address is the credential."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(summary="A counsellor's appointments as iCalendar (the secret address from POST /calendar-feed)",
                   tags=["appointments"], responses={(200, "text/calendar"): OpenApiTypes.STR})
    def get(self, request, token=None):
        owner = calendar.feed_owner(token)
        if owner is None:
            raise Http404
        preference = NotificationPreference.objects.filter(user=owner).first()
        body = calendar.feed_for(owner, language=preference.language if preference else "nl")
        return HttpResponse(body, content_type="text/calendar; charset=utf-8",
                            headers={"Cache-Control": "private, no-store"})


