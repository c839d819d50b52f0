"""The WSP's work with employers: vacancies and the candidates proposed for them, matching events,
and employer instruments used in a placement. Imported by cases.models (the app's model registry)."""
import uuid

from django.db import models

from clients.choices import EducationLevel
from clients.employer_choices import Sector
from clients.models import Client, Consent, Employer
from rwc.models import Desk, Region, User

from .choices import EmployerInstrument
from .wsp_choices import MatchKind, ProposalStatus, VacancyStatus


class Vacancy(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="vacancies")
    title = models.CharField(max_length=200)
    occupation = models.CharField(max_length=120)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    education_level = models.CharField(max_length=20, choices=EducationLevel.choices, blank=True,
                                       help_text="The minimum level asked; blank: none asked.")
    city = models.CharField(max_length=80)
    postcode = models.CharField(max_length=7, blank=True)
    places = models.PositiveSmallIntegerField()
    description = models.TextField(max_length=5000, blank=True)
    status = models.CharField(max_length=8, choices=VacancyStatus.choices, default=VacancyStatus.OPEN)
    status_changed_at = models.DateTimeField()
    posted_at = models.DateTimeField()
    posted_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    posted_by_desk = models.ForeignKey(Desk, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-posted_at", "id"]
        indexes = [
            models.Index(fields=["employer", "status"], name="vacancy_employer_status"),
            models.Index(fields=["status", "sector"], name="vacancy_status_sector"),
            models.Index(fields=["sector", "posted_at"], name="vacancy_sector_posted"),
        ]

    def __str__(self):
        return f"{self.title} at {self.employer.trade_name}"


class Proposal(models.Model):
    """A client proposed as a candidate for a vacancy, resting on the consent that covers it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="proposals")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="proposals")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="proposals")
    status = models.CharField(max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED)
    note = models.CharField(max_length=500, blank=True)
    proposed_at = models.DateTimeField()
    proposed_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_by_desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="+")
    status_changed_at = models.DateTimeField()
    placement = models.OneToOneField("cases.Outcome", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="proposal")

    class Meta:
        ordering = ["proposed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["vacancy", "client"], name="proposal_once_per_vacancy")]
        indexes = [
            models.Index(fields=["vacancy", "status"], name="proposal_vacancy_status"),
            models.Index(fields=["client"], name="proposal_client"),
        ]


class ProposalStatusChange(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=ProposalStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=ProposalStatus.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]


class MatchingEvent(models.Model):
    """A banenmarkt run by the WSP: a care job fair, a fair for people who speak little Dutch, ..."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="matching_events")
    organising_desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    date = models.DateField()
    place = models.CharField(max_length=200)
    sectors = models.JSONField(default=list)  # Sector values
    employers = models.ManyToManyField(Employer, blank=True, related_name="matching_events")
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["region", "date"], name="matching_event_region_date")]


class MatchingEventRegistration(models.Model):
    """A job seeker registered for a matching event, and whether they came."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(MatchingEvent, on_delete=models.CASCADE, related_name="registrations")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="event_registrations")
    registered_at = models.DateTimeField(auto_now_add=True)
    registered_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    registered_by_desk = models.ForeignKey(Desk, null=True, on_delete=models.SET_NULL, related_name="+")
    attended = models.BooleanField(null=True, blank=True)  # null: not yet recorded

    class Meta:
        ordering = ["registered_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "client"], name="event_registration_once")]
        indexes = [models.Index(fields=["event", "attended"], name="event_registration_attended")]


class MatchingEventMatch(models.Model):
    """What came of an event for one attendee and one participating employer."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(MatchingEvent, on_delete=models.CASCADE, related_name="matches")
    registration = models.ForeignKey(MatchingEventRegistration, on_delete=models.CASCADE, related_name="matches")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="event_matches")
    kind = models.CharField(max_length=24, choices=MatchKind.choices)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [models.UniqueConstraint(fields=["registration", "employer", "kind"], name="event_match_once")]
        indexes = [models.Index(fields=["event", "kind"], name="event_match_kind")]


class InstrumentUse(models.Model):
    """An employer instrument (loonkostensubsidie, proefplaatsing, ...) used in a placement."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    placement = models.ForeignKey("cases.Outcome", on_delete=models.PROTECT, related_name="instrument_uses")
    instrument = models.CharField(max_length=20, choices=EmployerInstrument.choices)
    start_on = models.DateField()
    end_on = models.DateField()
    first_end_on = models.DateField(help_text="The end as first agreed, before any extension.")
    extended_at = models.DateTimeField(null=True, blank=True)
    intended_contract_months = models.PositiveSmallIntegerField(null=True, blank=True)
    wage_value_percentage = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_on", "id"]
        indexes = [models.Index(fields=["placement", "instrument"], name="instrument_use_placement")]
