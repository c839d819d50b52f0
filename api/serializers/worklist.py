"""Tasks, notifications, notification preferences, appointments and the calendar feed."""
from django.utils import timezone
from rest_framework import serializers

from rwc.models import Desk, User
from worklist.choices import (
    AppointmentKind,
    AppointmentStatus,
    DigestFrequency,
    NotificationKind,
    SubjectKind,
    TaskPriority,
    TaskStatus,
)
from worklist.models import Appointment, Notification, NotificationPreference, Task

from .base import NotesDataSubject, StrictInputMixin, UserRefSerializer
from .organisation import DeskRefSerializer

ACTIVE_USERS = User.objects.filter(is_active=True)


class SubjectSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SubjectKind.choices, read_only=True)
    id = serializers.UUIDField(read_only=True, help_text="Read it at its own endpoint, if you may.")


class TaskSerializer(NotesDataSubject, serializers.ModelSerializer):
    """A task shows what it is about by kind and id only: the record itself is read at its own
    endpoint, under its own access rules."""

    subject_attr = "client_id"
    id = serializers.UUIDField(source="uuid", read_only=True)
    desk = DeskRefSerializer(read_only=True)
    assignee = UserRefSerializer(read_only=True, allow_null=True)
    subject = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    created_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Task
        fields = ["id", "desk", "assignee", "subject", "title", "due_on", "priority", "status", "status_changed_at",
                  "overdue", "origin", "created_at", "created_by", "version"]

    @staticmethod
    def _subject_record(task):
        return getattr(task, {"client": "client", "case": "case", "referral": "referral",
                              "employer": "employer"}[task.subject_kind])

    def get_subject(self, task) -> SubjectSerializer:
        return {"kind": task.subject_kind, "id": str(self._subject_record(task).uuid)}

    def get_overdue(self, task) -> bool:
        return task.status == TaskStatus.OPEN and task.due_on < timezone.localdate()


class TaskCreateSerializer(StrictInputMixin, serializers.Serializer):
    subject_kind = serializers.ChoiceField(choices=SubjectKind.choices)
    subject = serializers.UUIDField(help_text="The id of the client, case, referral or employer.")
    title = serializers.CharField(max_length=200, help_text="What is to be done, in a few words.")
    due_on = serializers.DateField(help_text="Today or later.")
    priority = serializers.ChoiceField(choices=TaskPriority.choices, required=False)
    assignee = serializers.SlugRelatedField(slug_field="uuid", queryset=ACTIVE_USERS, required=False, allow_null=True,
                                            help_text="A counsellor of the desk; none: the desk's pool.")
    desk = serializers.SlugRelatedField(slug_field="uuid", queryset=Desk.objects.all(), required=False,
                                        help_text="The desk you act for, when you work at several.")


class TaskAssignmentSerializer(StrictInputMixin, serializers.Serializer):
    assignee = serializers.SlugRelatedField(slug_field="uuid", queryset=ACTIVE_USERS, allow_null=True,
                                            help_text="A counsellor of the desk; null: back to the desk's pool.")


class TaskMoveSerializer(StrictInputMixin, serializers.Serializer):
    status = serializers.ChoiceField(choices=[(TaskStatus.DONE, TaskStatus.DONE.label),
                                              (TaskStatus.CANCELLED, TaskStatus.CANCELLED.label)])


class TaskCountsSerializer(serializers.Serializer):
    open = serializers.IntegerField()
    done = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    overdue = serializers.IntegerField()


class NotificationSerializer(serializers.ModelSerializer):
    """No personal data: what happened (in the reader's language) and the ids to follow."""

    id = serializers.UUIDField(source="uuid", read_only=True)
    kind = serializers.ChoiceField(choices=NotificationKind.choices, read_only=True)
    text = serializers.CharField(source="get_kind_display", read_only=True)
    referral = serializers.UUIDField(source="referral.uuid", read_only=True, allow_null=True, default=None)
    task = serializers.UUIDField(source="task.uuid", read_only=True, allow_null=True, default=None)
    case = serializers.UUIDField(source="case.uuid", read_only=True, allow_null=True, default=None)
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "text", "referral", "task", "case", "created_at", "read", "read_at"]

    def get_read(self, notification) -> bool:
        return notification.read_at is not None


class NotificationPreferenceSerializer(StrictInputMixin, serializers.ModelSerializer):
    digest = serializers.ChoiceField(choices=DigestFrequency.choices, required=False,
                                     help_text="E-mail: at once, once a day, or never.")
    language = serializers.ChoiceField(choices=[("nl", "Nederlands"), ("en", "English")], required=False,
                                       help_text="The language of the e-mail.")

    class Meta:
        model = NotificationPreference
        fields = ["digest", "language"]


class AppointmentSerializer(NotesDataSubject, serializers.ModelSerializer):
    subject_attr = "client_id"
    id = serializers.UUIDField(source="uuid", read_only=True)
    client = serializers.UUIDField(source="client.uuid", read_only=True)
    case = serializers.UUIDField(source="case.uuid", read_only=True, allow_null=True, default=None)
    desk = DeskRefSerializer(read_only=True)
    counsellor = UserRefSerializer(read_only=True)

    class Meta:
        model = Appointment
        fields = ["id", "client", "case", "desk", "counsellor", "kind", "place", "starts_at", "ends_at", "status",
                  "status_changed_at", "times_rescheduled", "overlap_reason", "version"]


class _Overlap(serializers.Serializer):
    force = serializers.BooleanField(required=False, default=False,
                                     help_text="Plan it over another appointment of the counsellor (needs reason).")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


class AppointmentCreateSerializer(StrictInputMixin, _Overlap):
    client = serializers.UUIDField(help_text="A client your desk may see.")
    case = serializers.UUIDField(required=False, allow_null=True, help_text="The client's case at the desk.")
    counsellor = serializers.SlugRelatedField(slug_field="uuid", queryset=ACTIVE_USERS, required=False,
                                              help_text="Default: you.")
    desk = serializers.SlugRelatedField(slug_field="uuid", queryset=Desk.objects.all(), required=False,
                                        help_text="The desk you act for, when you work at several.")
    kind = serializers.ChoiceField(choices=AppointmentKind.choices)
    place = serializers.CharField(required=False, allow_blank=True, max_length=200)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class AppointmentRescheduleSerializer(StrictInputMixin, _Overlap):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class AppointmentMoveSerializer(StrictInputMixin, serializers.Serializer):
    status = serializers.ChoiceField(choices=[(s, s.label) for s in AppointmentStatus if s != AppointmentStatus.PLANNED])


class CalendarFeedSerializer(serializers.Serializer):
    url = serializers.URLField(read_only=True, help_text="Your secret feed address; shown once. Keep it to yourself.")
