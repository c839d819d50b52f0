"""The closed lists of the employer services: the employer record, its contact log, vacancies,
candidate proposals, matching events."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class VacancyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed to the employer")
    INVITED = "invited", _("Invited by the employer")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Rejected")


class MatchKind(models.TextChoices):
    CONVERSATION = "conversation", _("A conversation at the event")
    FOLLOW_UP_INVITATION = "follow_up_invitation", _("Invited for a follow-up")
    HIRE = "hire", _("Hired")


class SizeClass(models.TextChoices):
    """Headcount classes as the KvK and CBS count them."""

    MICRO = "micro", _("1-9 employees")
    SMALL = "small", _("10-49 employees")
    MEDIUM = "medium", _("50-249 employees")
    LARGE = "large", _("250 employees or more")


class EmployerContactKind(models.TextChoices):
    VISIT = "visit", _("Company visit")
    CALL = "call", _("Phone call")
    EMAIL = "email", _("E-mail")
    MEETING = "meeting", _("Meeting (video or at the WSP)")
    AGREEMENT = "agreement", _("Agreement made")
