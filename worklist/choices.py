from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class TaskPriority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")


class SubjectKind(models.TextChoices):
    CLIENT = "client", _("Client")
    CASE = "case", _("Case")
    REFERRAL = "referral", _("Referral")
    EMPLOYER = "employer", _("Employer")


class TaskOrigin(models.TextChoices):
    """Who made the task: a person, or the engine from an event or a derived reminder."""

    PERSON = "person", _("A person")
    REFERRAL_ARRIVED = "referral_arrived", _("A referral arrived at the desk")
    FOLLOW_UP_DUE = "follow_up_due", _("A placement follow-up is coming due")
    AGREEMENT_OVERDUE = "agreement_overdue", _("An agreement is overdue")
    REFERRAL_UNANSWERED = "referral_unanswered", _("A referral waits for an answer past its deadline")
    CONSENT_EXPIRING = "consent_expiring", _("A consent a referral rests on is about to expire")
    SIGNATURE_DUE = "signature_due", _("A document awaits a signature")


class NotificationKind(models.TextChoices):
    REFERRAL_ARRIVED = "referral_arrived", _("A referral arrived at your desk")
    REFERRAL_ACCEPTED = "referral_accepted", _("Your referral was accepted")
    REFERRAL_DECLINED = "referral_declined", _("Your referral was declined")
    REFERRAL_COMPLETED = "referral_completed", _("Your referral was completed")
    TASK_ASSIGNED = "task_assigned", _("A task was assigned to you")
    CASE_REASSIGNED = "case_reassigned", _("A case was handed to you")


class DigestFrequency(models.TextChoices):
    NEVER = "never", _("No e-mail")
    IMMEDIATE = "immediate", _("At once")
    DAILY = "daily", _("Once a day")


class AppointmentKind(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    VIDEO = "video", _("By video")


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("The client did not come")
    CANCELLED = "cancelled", _("Cancelled")
