"""Referrals: closed-loop hand-overs of one client from a desk or partner to a desk or partner."""
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from clients.models import Client, ClientDeskGrant, Consent
from rwc import history
from rwc.access import profile_for
from rwc.models import Desk, PartnerOrganisation, PartnerSystem, User
from rwc.states import StatusChange

from .choices import ReferralStatus, Urgency
from .webhook_urls import WebhookUrlRefused, clean_webhook_url


def _overdue(now=None) -> Q:
    return Q(status=ReferralStatus.REQUESTED, answer_due_at__lt=now or timezone.now())


class ReferralQuerySet(models.QuerySet):
    """The boxes and the overdue filter of the referral list (and of anything else that asks)."""

    def overdue(self, now=None):
        """Requested and past the receiver's answer time (the index `referral_due`)."""
        return self.filter(_overdue(now))

    def not_overdue(self, now=None):
        return self.exclude(_overdue(now))

    def inbox(self, principal):
        """Received by the principal's desks, or (a partner system) by its organisation."""
        profile = profile_for(principal)
        if profile.is_partner:
            return self.filter(to_partner_id=profile.partner_organisation_id)
        return self.filter(to_desk_id__in=profile.desk_ids)

    def outbox(self, principal):
        """Sent by the principal's desks, or (a partner system) by its organisation."""
        profile = profile_for(principal)
        if profile.is_partner:
            return self.filter(from_partner_id=profile.partner_organisation_id)
        return self.filter(from_desk_id__in=profile.desk_ids)


class Referral(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="referrals")
    from_desk = models.ForeignKey(Desk, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals_sent")
    from_partner = models.ForeignKey(PartnerOrganisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="referrals_sent")
    to_desk = models.ForeignKey(Desk, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals_received")
    to_partner = models.ForeignKey(PartnerOrganisation, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="referrals_received")
    reason = models.CharField(max_length=500)
    service_requested = models.CharField(max_length=200)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    message = models.TextField(max_length=5000, blank=True)
    warm_handover = models.BooleanField(default=False)
    planned_meeting_at = models.DateTimeField(null=True, blank=True)
    shared_categories = models.JSONField(default=list)  # clients.choices.DataCategory values the sender shares
    consent = models.ForeignKey(Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals")

    status = models.CharField(max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.REQUESTED)
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sent_by_system = models.ForeignKey(PartnerSystem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answer_due_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=500, blank=True)
    outcome_summary = models.CharField(max_length=500, blank=True)  # the feedback the sender sees
    failure_reason = models.CharField(max_length=500, blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals")
    grant = models.ForeignKey(ClientDeskGrant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)
    partner_reference = models.CharField(max_length=100, blank=True)  # the sending partner's own case number

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "id"]
        indexes = [
            models.Index(fields=["to_desk", "status"], name="referral_inbox"),
            models.Index(fields=["from_desk", "status"], name="referral_outbox"),
            models.Index(fields=["to_partner", "status"], name="referral_partner_inbox"),
            models.Index(fields=["from_partner", "status"], name="referral_partner_outbox"),
            models.Index(fields=["status", "answer_due_at"], name="referral_due"),
            models.Index(fields=["client"], name="referral_client"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(from_desk__isnull=False) & Q(from_partner__isnull=True))
                | (Q(from_desk__isnull=True) & Q(from_partner__isnull=False)),
                name="referral_one_sender",
            ),
            models.CheckConstraint(
                condition=(Q(to_desk__isnull=False) & Q(to_partner__isnull=True))
                | (Q(to_desk__isnull=True) & Q(to_partner__isnull=False)),
                name="referral_one_receiver",
            ),
        ]

    def __str__(self):
        return f"Referral {self.uuid} ({self.status})"

    def is_overdue(self, now=None) -> bool:
        """`Referral.objects.overdue` for one row."""
        return self.status == ReferralStatus.REQUESTED and self.answer_due_at < (now or timezone.now())

    @property
    def sender(self):
        return self.from_desk or self.from_partner

    @property
    def receiver(self):
        return self.to_desk or self.to_partner


class ReferralStatusChange(StatusChange):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=ReferralStatus.choices)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")  # or a system:
    by_system = models.ForeignKey(PartnerSystem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=500, blank=True)


class WebhookEndpoint(models.Model):
    """Where a partner organisation wants to hear about its referrals (sent or received)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(PartnerOrganisation, on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    secret = models.CharField(max_length=80, editable=False)  # "whsec_" + base64; signs every delivery
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_system = models.ForeignKey(PartnerSystem, null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+")
    deactivated_at = models.DateTimeField(null=True, blank=True)
    # The circuit breaker (referrals.delivery): failed attempts in a row; while open_until lies ahead
    # nothing is sent there, once it has passed one delivery probes (half-open); a success closes it.
    failure_streak = models.PositiveIntegerField(default=0)
    circuit_open_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["organisation", "deactivated_at"], name="webhook_org_active")]

    def __str__(self):
        return f"{self.organisation}: {self.url}"

    def clean(self):
        """A form (the admin) checks the address by the same rules as the API (referrals.webhook_urls)."""
        try:
            self.url = clean_webhook_url(self.url)
        except WebhookUrlRefused as exc:
            raise ValidationError({"url": ValidationError(exc.detail, code=exc.code)}) from None


class OutboxEvent(models.Model):
    """A referral event for one partner organisation, written in the transaction of the change itself."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(PartnerOrganisation, on_delete=models.CASCADE, related_name="outbox_events")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="outbox_events")
    type = models.CharField(max_length=40)
    payload = models.JSONField()
    occurred_at = models.DateTimeField()
    trace_id = models.CharField(max_length=32, blank=True)  # of the request that made the change: `traceparent`

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["organisation", "occurred_at"], name="outbox_org_time")]


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending (waiting for its next attempt)")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed (gave up after the last retry)")


class WebhookDelivery(models.Model):
    """One event on its way to one endpoint: retried with back-off until a 2xx or the last attempt."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)
    # referrals.delivery: when the relay put it on the queue (cleared once a worker takes it), until
    # when the worker that took it holds it, and `attempts` at the last redelivery request (the
    # retries start over from there).
    queued_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    retry_base = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-next_attempt_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "endpoint"], name="delivery_once_per_endpoint")]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["endpoint", "status"], name="delivery_endpoint_status"),
        ]


class DeliveryAttempt(models.Model):
    """The delivery log: every attempt, what the receiver answered, how long it took."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)  # null: no outcome was recorded
    # Written before the request is sent, completed after: an attempt whose worker died meanwhile
    # stays in the log with finished_at null (its answer was lost).
    finished_at = models.DateTimeField(null=True, blank=True)
    traceparent = models.CharField(max_length=55, blank=True)

    class Meta:
        ordering = ["at", "id"]

# Change history (rwc.history): triggers copy every write of these into a <Model>Change table.
history.track(Referral)
