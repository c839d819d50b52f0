"""Referrals: closed-loop hand-overs of one client from a desk or partner to a desk or partner."""
import uuid

from django.db import models
from django.db.models import Q

from cases.models import Case
from clients.models import Client, ClientDeskGrant, Consent
from rwc.models import Desk, PartnerOrganisation, PartnerSystem, User

from .choices import ReferralStatus, Urgency


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

    @property
    def sender(self):
        return self.from_desk or self.from_partner

    @property
    def receiver(self):
        return self.to_desk or self.to_partner


class ReferralStatusChange(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=ReferralStatus.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by_system = models.ForeignKey(PartnerSystem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]
