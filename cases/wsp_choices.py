"""The closed lists of the employer services: vacancies, candidate proposals, matching events."""
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
