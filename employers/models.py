"""The WerkgeversServicepunt (WSP) and its work with employers: the employers it serves, its contact
log with them, vacancies and the candidates proposed for them, matching events.

Moved here from clients and cases with their rows: each model keeps its old table (`db_table`), and
so does its change history (`<Model>Change`, see the bottom)."""
import uuid

from django.db import models

from clients.choices import EducationLevel, Sector
from clients.models import Client, Consent
from rwc import history
from rwc.models import Desk, Region, User
from rwc.states import StatusChange

from .choices import EmployerContactKind, MatchKind, ProposalStatus, SizeClass, VacancyStatus


class Employer(models.Model):
    """An organisation the region's WSP serves, identified by its KvK number within the region.

    Each region keeps its own relation with an employer (a national chain may be served by several
    regions), so the KvK number is unique per region, not nationally.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="employers")
    managing_desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="managed_employers")
    kvk_number = models.CharField(max_length=8)
    trade_name = models.CharField(max_length=200)
    name_search = models.CharField(max_length=200, editable=False)  # folded, for search
    sector = models.CharField(max_length=20, choices=Sector.choices)
    size_class = models.CharField(max_length=10, choices=SizeClass.choices)
    # [{"name", "postcode", "city"}]: establishments where people can work
    locations = models.JSONField(default=list, blank=True)
    # [{"name", "role", "email", "phone"}]: the people the WSP deals with
    contact_persons = models.JSONField(default=list, blank=True)
    sbb_recognised = models.BooleanField(default=False, help_text="SBB recognises it as a learning company.")
    registered_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)  # the ETag

    class Meta:
        db_table = "clients_employer"  # the table it had before the move
        ordering = ["trade_name", "id"]
        constraints = [models.UniqueConstraint(fields=["region", "kvk_number"], name="employer_kvk_once_per_region")]
        indexes = [
            models.Index(fields=["region", "sector"], name="employer_region_sector"),
            models.Index(fields=["region", "size_class"], name="employer_region_size"),
            models.Index(fields=["region", "sbb_recognised"], name="employer_region_sbb"),
            models.Index(fields=["managing_desk"], name="employer_managing_desk"),
            models.Index(fields=["kvk_number"], name="employer_kvk"),
        ]

    def __str__(self):
        return f"{self.trade_name} (KvK {self.kvk_number})"


class EmployerContact(models.Model):
    """One moment in the WSP's contact log with an employer: a visit, a call, an agreement."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    at = models.DateTimeField()
    kind = models.CharField(max_length=10, choices=EmployerContactKind.choices)
    summary = models.TextField(max_length=5000)
    contact_person = models.CharField(max_length=120, blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by_desk = models.ForeignKey(Desk, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "clients_employercontact"  # the table it had before the move
        ordering = ["-at", "id"]
        indexes = [models.Index(fields=["employer", "at"], name="employer_contact_at")]


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
        db_table = "cases_vacancy"  # the table it had before the move
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
        db_table = "cases_proposal"  # the table it had before the move
        ordering = ["proposed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["vacancy", "client"], name="proposal_once_per_vacancy")]
        indexes = [
            models.Index(fields=["vacancy", "status"], name="proposal_vacancy_status"),
            models.Index(fields=["client"], name="proposal_client"),
        ]


class ProposalStatusChange(StatusChange):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=ProposalStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=ProposalStatus.choices)
    note = models.CharField(max_length=500, blank=True)

    class Meta(StatusChange.Meta):
        db_table = "cases_proposalstatuschange"  # the table it had before the move


class MatchingEvent(models.Model):
    """A banenmarkt run by the WSP: a care job fair, a fair for people who speak little Dutch, ..."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="matching_events")
    organising_desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    date = models.DateField()
    place = models.CharField(max_length=200)
    sectors = models.JSONField(default=list)  # Sector values
    employers = models.ManyToManyField(Employer, blank=True, related_name="matching_events",
                                       db_table="cases_matchingevent_employers")
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "cases_matchingevent"  # the table it had before the move
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
        db_table = "cases_matchingeventregistration"  # the table it had before the move
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
        db_table = "cases_matchingeventmatch"  # the table it had before the move
        ordering = ["recorded_at", "id"]
        constraints = [models.UniqueConstraint(fields=["registration", "employer", "kind"], name="event_match_once")]
        indexes = [models.Index(fields=["event", "kind"], name="event_match_kind")]


# Change history (rwc.history): the <Model>Change tables keep the names they had in clients and cases.
history.track(Employer, EmployerContact, moved_from="clients")
history.track(Vacancy, Proposal, moved_from="cases")
