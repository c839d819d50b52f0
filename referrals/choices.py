"""The closed lists of referrals (statuses after HL7 FHIR Task's closed-loop referral states)."""
from django.db import models


class ReferralStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn by the sender"
    EXPIRED = "expired", "Expired (not answered in time)"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"


FINAL_STATUSES = (ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN, ReferralStatus.EXPIRED,
                  ReferralStatus.COMPLETED, ReferralStatus.FAILED)


class Urgency(models.TextChoices):
    ROUTINE = "routine", "Routine"
    SOON = "soon", "Soon"
    URGENT = "urgent", "Urgent"


class Side(models.TextChoices):
    SENDER = "sender", "Sender"
    RECEIVER = "receiver", "Receiver"
    SYSTEM = "system", "System (expiry)"
