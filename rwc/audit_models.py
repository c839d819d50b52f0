"""The processing log (verwerkingenlogboek): one record per processing of personal data.

Shaped after the Dutch standard Logboek Dataverwerkingen: every operation has a W3C trace id and
span id (and the caller's span as parent when it sent a `traceparent`), a name, a start and end,
a status, who did it on behalf of which desk or organisation, and the purpose (the processing
activity). The clients it touched are rows of `ProcessingSubject`, one per data subject.

Both tables are append-only: database triggers (installed by the migration, on PostgreSQL and
SQLite alike) refuse UPDATE, DELETE and TRUNCATE, whoever asks. Django does not manage them
(`managed = False`): the migration creates them, and Django's flush, which truncates every table
it manages, leaves them alone.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    API = "api", _("API")
    ADMIN = "admin", _("Django admin")
    WEB = "web", _("Web client")
    COMMAND = "command", _("Management command")


class ActorKind(models.TextChoices):
    STAFF = "staff", _("Staff member")
    PARTNER_SYSTEM = "partner_system", _("Partner system")
    SYSTEM = "system", _("The system itself (a command)")


class ProcessingOperation(models.Model):
    trace_id = models.CharField(max_length=32)
    span_id = models.CharField(max_length=16, unique=True)
    parent_span_id = models.CharField(max_length=16, blank=True)
    operation = models.CharField(max_length=200, help_text='What was done, e.g. "GET client-detail".')
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status_code = models.PositiveSmallIntegerField(null=True)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    actor_kind = models.CharField(max_length=20, choices=ActorKind.choices)
    user_uuid = models.UUIDField(null=True, help_text="The staff member (no foreign key: the log outlives users).")
    username = models.CharField(max_length=150, blank=True)
    partner_system = models.CharField(max_length=200, blank=True, help_text="The OAuth client id of a partner system.")
    organisation_id = models.BigIntegerField(null=True, help_text="The partner organisation acted for.")
    desk_ids = models.JSONField(default=list, help_text="The desks the staff member acted for.")
    region_ids = models.JSONField(default=list, help_text="The regions of the caller's region roles.")
    roles = models.JSONField(default=list)
    purpose = models.CharField(max_length=300)
    purpose_given = models.BooleanField(default=False, help_text="Given by the caller (Processing-Purpose), not derived.")
    subject_count = models.PositiveIntegerField(default=0)

    class Meta:
        managed = False
        db_table = "rwc_processing_operation"
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["started_at"], name="processing_op_started"),
            models.Index(fields=["user_uuid", "started_at"], name="processing_op_user"),
            models.Index(fields=["trace_id"], name="processing_op_trace"),
        ]


class ProcessingSubject(models.Model):
    """A client whose data an operation processed; the operation's time is repeated for the index."""

    operation = models.ForeignKey(ProcessingOperation, on_delete=models.DO_NOTHING, related_name="subjects")
    client_id = models.BigIntegerField()
    client_uuid = models.UUIDField()
    region_id = models.BigIntegerField()
    started_at = models.DateTimeField()

    class Meta:
        managed = False
        db_table = "rwc_processing_subject"
        indexes = [
            models.Index(fields=["client_uuid", "started_at"], name="processing_subject_client"),
            models.Index(fields=["region_id", "started_at"], name="processing_subject_region"),
            models.Index(fields=["operation"], name="processing_subject_op"),
        ]
