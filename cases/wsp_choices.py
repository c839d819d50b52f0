"""The closed lists of the employer services: vacancies, candidate proposals, matching events."""
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
