"""The closed lists of the employer services: the employer record, its contact log, vacancies,
candidate proposals, matching events."""
from django.db import models


class VacancyStatus(models.TextChoices):
    OPEN = "open", "Open"
    FILLED = "filled", "Filled"
    CLOSED = "closed", "Closed"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed to the employer"
    INVITED = "invited", "Invited by the employer"
    HIRED = "hired", "Hired"
    REJECTED = "rejected", "Rejected"


class MatchKind(models.TextChoices):
    CONVERSATION = "conversation", "A conversation at the event"
    FOLLOW_UP_INVITATION = "follow_up_invitation", "Invited for a follow-up"
    HIRE = "hire", "Hired"


class SizeClass(models.TextChoices):
    """Headcount classes as the KvK and CBS count them."""

    MICRO = "micro", "1-9 employees"
    SMALL = "small", "10-49 employees"
    MEDIUM = "medium", "50-249 employees"
    LARGE = "large", "250 employees or more"


class EmployerContactKind(models.TextChoices):
    VISIT = "visit", "Company visit"
    CALL = "call", "Phone call"
    EMAIL = "email", "E-mail"
    MEETING = "meeting", "Meeting (video or at the WSP)"
    AGREEMENT = "agreement", "Agreement made"
