"""The counsellors' work: tasks, notifications (with each person's e-mail digest choice),
appointments and the secret calendar feeds."""
import uuid

from django.db import models
from django.db.models import Q

from cases.models import Case
from clients.models import Client
from employers.models import Employer
from referrals.models import Referral
from rwc import history
from rwc.models import Desk, User

from .choices import (
    AppointmentKind,
    AppointmentStatus,
    DigestFrequency,
    NotificationKind,
    SubjectKind,
    TaskOrigin,
    TaskPriority,
    TaskStatus,
)


class Task(models.Model):
    """Something to do, at a desk: for one counsellor (`assignee`) or for anyone there (no assignee).

    It is about one record (`subject_kind`): a client, a case, a referral or an employer. For the
    first three `client` holds the client the record belongs to (the processing log names them)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="tasks")
    assignee = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks")
    subject_kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    client = models.ForeignKey(Client, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks")
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks")
    employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    priority = models.CharField(max_length=6, choices=TaskPriority.choices, default=TaskPriority.NORMAL)
    status = models.CharField(max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    status_changed_at = models.DateTimeField()
    origin = models.CharField(max_length=20, choices=TaskOrigin.choices, default=TaskOrigin.PERSON)
    # a task the engine derived: what it came from, once (`referral:<id>:arrived`, `agreement:<id>:overdue`)
    source_key = models.CharField(max_length=80, null=True, blank=True, unique=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["assignee", "status", "due_on"], name="task_assignee_status_due"),
            models.Index(fields=["desk", "status", "due_on"], name="task_desk_status_due"),
            models.Index(fields=["desk", "assignee", "status"], name="task_desk_pool"),
            models.Index(fields=["client"], name="task_client"),
            models.Index(fields=["case"], name="task_case"),
            models.Index(fields=["referral"], name="task_referral"),
            models.Index(fields=["employer"], name="task_employer"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject_kind=SubjectKind.EMPLOYER, employer__isnull=False, client__isnull=True)
                | Q(subject_kind=SubjectKind.CLIENT, client__isnull=False)
                | Q(subject_kind=SubjectKind.CASE, case__isnull=False, client__isnull=False)
                | Q(subject_kind=SubjectKind.REFERRAL, referral__isnull=False, client__isnull=False),
                name="task_subject_matches_kind",
            ),
        ]

    def __str__(self):
        return f"Task {self.uuid} ({self.status})"


class Notification(models.Model):
    """An in-app notification for one person. It holds references only; its text is chosen by kind
    in the reader's language, and never names a client."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)  # in a digest (or not to be mailed: see digest)
    source_key = models.CharField(max_length=80)  # the event it came from: once per recipient

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "source_key"], name="notification_once")]
        indexes = [
            models.Index(fields=["recipient", "read_at", "created_at"], name="notification_unread"),
            models.Index(fields=["emailed_at", "recipient"], name="notification_to_mail",
                         condition=Q(emailed_at__isnull=True)),
        ]


class NotificationPreference(models.Model):
    """How a person wants their notifications by e-mail: at once, once a day, or not."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="notification_preference")
    digest = models.CharField(max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.DAILY)
    language = models.CharField(max_length=5, default="nl")  # of the e-mail
    last_digest_at = models.DateTimeField(null=True, blank=True)


class ProcessedEvent(models.Model):
    """A referral status change or a case reassignment the engine has turned into work (once)."""

    key = models.CharField(max_length=80, unique=True)
    at = models.DateTimeField(auto_now_add=True)


class Appointment(models.Model):
    """An appointment of a counsellor with a client, perhaps under a case."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="appointments")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="appointments")
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="appointments")
    counsellor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="appointments")
    kind = models.CharField(max_length=10, choices=AppointmentKind.choices)
    place = models.CharField(max_length=200, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=AppointmentStatus.choices, default=AppointmentStatus.PLANNED)
    status_changed_at = models.DateTimeField()
    times_rescheduled = models.PositiveSmallIntegerField(default=0)
    overlap_reason = models.CharField(max_length=300, blank=True)  # why it was planned over another one
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["counsellor", "starts_at"], name="appointment_counsellor_time"),
            models.Index(fields=["desk", "starts_at"], name="appointment_desk_time"),
            models.Index(fields=["client"], name="appointment_client"),
            models.Index(fields=["desk", "status", "starts_at"], name="appointment_desk_status"),
        ]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="appointment_ends_after_start")]


class CalendarFeed(models.Model):
    """A counsellor's secret calendar address: only its SHA-256 is kept; revoking ends it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "revoked_at"], name="calendar_feed_user")]


# Change history (rwc.history): triggers copy every write of these into a <Model>Change table.
history.track(Task, Appointment)
