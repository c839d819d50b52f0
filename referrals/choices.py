"""The closed lists of referrals (statuses after HL7 FHIR Task's closed-loop referral states)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn by the sender")
    EXPIRED = "expired", _("Expired (not answered in time)")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    FAILED = "failed", _("Failed")


FINAL_STATUSES = (ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN, ReferralStatus.EXPIRED,
                  ReferralStatus.COMPLETED, ReferralStatus.FAILED)


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    SOON = "soon", _("Soon")
    URGENT = "urgent", _("Urgent")


class Side(models.TextChoices):
    SENDER = "sender", _("Sender")
    RECEIVER = "receiver", _("Receiver")
    SYSTEM = "system", _("System (expiry)")
