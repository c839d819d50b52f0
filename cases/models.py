"""Cases (trajectories) with their status history, contact log and plan; labour-market
transitions; and outcomes (placements with their follow-up, credentials)."""
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from clients.choices import Sector
from clients.models import Client
from rwc import history
from rwc.models import Desk, DeskKind, Region, User
from rwc.states import StatusChange

from .choices import (
    CaseStatus,
    Channel,
    ClosingReason,
    ContactKind,
    ContractType,
    EmployerInstrument,
    LearningRoute,
    OutcomeKind,
    Position,
    Source,
)

MAX_FOLLOW_UP_MONTHS = 60


class Programme(models.Model):
    """Reference data managed in the admin: a programme a case runs under, for some desk kinds."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    desk_kinds = models.JSONField(default=list, help_text=f"Desk kinds that run it: {', '.join(DeskKind.values)}.")
    follow_up_months = models.PositiveSmallIntegerField(default=6, help_text="Placement follow-up after (months).")
    later_follow_up_months = models.JSONField(  # a list of whole months (JSON: SQLite has no arrays)
        default=list, blank=True,
        help_text="Later placement follow-ups after (months), ascending, each after the first, at most 60: e.g. 12,24.",
    )
    reopen_days = models.PositiveSmallIntegerField(default=90, help_text="A closed case can be reopened within (days).")
    retention_months = models.PositiveSmallIntegerField(
        null=True, blank=True,
        help_text="Keep a client's data this long after their last case closed, when the law for this programme "
                  "differs from the region's default (RETENTION_MONTHS).",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        """The follow-up schedule: the first point (`follow_up_months`, 1..60), then the later ones,
        strictly ascending, each after the first, at most 60."""
        first, later = self.follow_up_months, self.later_follow_up_months
        if first is not None and not 1 <= first <= MAX_FOLLOW_UP_MONTHS:
            raise ValidationError({"follow_up_months": "Between 1 and 60 months."})
        if not isinstance(later, list) or not all(type(m) is int for m in later):
            raise ValidationError({"later_follow_up_months": "A list of whole months."})
        if any(not 1 <= m <= MAX_FOLLOW_UP_MONTHS for m in later) or any(b <= a for a, b in zip(later, later[1:])) or (
                later and first is not None and later[0] <= first):
            raise ValidationError({"later_follow_up_months": "Ascending, each after the first follow-up, at most 60."})

    @property
    def follow_up_schedule(self) -> list[int]:
        """Every follow-up point of a placement, in months: the first (on the outcome) and the later ones."""
        return [self.follow_up_months, *self.later_follow_up_months]


class TargetMeasure(models.TextChoices):
    """What a programme's target counts, each an indicator of the reports (its total for the year)."""

    TRAJECTORIES = "trajectories", "Trajectories started (cases opened under the programme)"
    PEOPLE = "people", "People helped (distinct clients with a case of the programme open)"
    PLACEMENTS = "placements", "Placements in work"


class ProgrammeTarget(models.Model):
    """A programme's target for a year (Hoofdzaak Werk / IPS: 100 trajectories a year): for one region,
    or, without a region, for every region that has no target of its own for it. Reference data in
    the admin: a functional administrator sets those of their regions, a superuser also the default."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField()
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               help_text="Empty: the default for every region without a target of its own.")
    measure = models.CharField(max_length=20, choices=TargetMeasure.choices, default=TargetMeasure.TRAJECTORIES)
    target = models.PositiveIntegerField()

    class Meta:
        ordering = ["year", "programme__name", "measure"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year", "region", "measure"], name="target_one_per_region",
                                    condition=Q(region__isnull=False)),
            models.UniqueConstraint(fields=["programme", "year", "measure"], name="target_one_default",
                                    condition=Q(region__isnull=True)),
        ]

    def __str__(self):
        return f"{self.programme} {self.year}: {self.target} {self.measure}"

    def clean(self):
        if self.year is not None and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": "A year from 2000 to 2100."})
        if self.target is not None and self.target < 1:
            raise ValidationError({"target": "At least 1."})


class Case(models.Model):
    """One trajectory of one client at one desk, under a programme, owned by a counsellor."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="cases")
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="cases")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cases")
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="owned_cases")
    status = models.CharField(max_length=12, choices=CaseStatus.choices, default=CaseStatus.REGISTERED)
    opened_at = models.DateTimeField()
    status_changed_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_reason = models.CharField(max_length=24, choices=ClosingReason.choices, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)
    # A case opened on the strength of a grant (an accepted referral) lasts only as long as that
    # grant: when it ends (consent withdrawn or expired) the desk no longer sees the case or client.
    access_grant = models.ForeignKey("clients.ClientDeskGrant", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="cases")

    class Meta:
        ordering = ["-opened_at", "id"]
        indexes = [
            models.Index(fields=["desk", "status"], name="case_desk_status"),
            models.Index(fields=["owner", "status"], name="case_owner_status"),
            models.Index(fields=["client", "desk"], name="case_client_desk"),
            # a desk's clients through its cases, read off the index (the visible set of a big desk)
            models.Index(fields=["desk", "client", "access_grant"], name="case_desk_client_grant"),
            # a region's cases read off the index: the reports join their records to cases by desk
            models.Index(fields=["desk", "id"], name="case_desk_id"),
            models.Index(fields=["programme", "status"], name="case_programme_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "desk", "programme"], condition=~Q(status=CaseStatus.CLOSED),
                name="case_one_open_per_client_desk_programme",
            ),
        ]

    def __str__(self):
        return f"{self.programme} at {self.desk} ({self.get_status_display()})"


class CaseStatusChange(StatusChange):
    """Every move of a case: who, when and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=CaseStatus.choices)
    reason = models.CharField(max_length=500, blank=True)


class ContactMoment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    at = models.DateTimeField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    kind = models.CharField(max_length=14, choices=ContactKind.choices)
    summary = models.TextField(max_length=5000)
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    follow_up_on = models.DateField(null=True, blank=True, help_text="When to get back to the client.")
    confidential = models.BooleanField(default=False, help_text="Only the case owner and the desk's team leads read it.")
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="contact_case_at")]


class AgreementQuerySet(models.QuerySet):
    def overdue(self, today=None):
        """Not done and past their due date (`Agreement.is_overdue` for one row)."""
        return self.filter(done_on__isnull=True, due_on__lt=today or timezone.localdate())


class Agreement(models.Model):
    """An agreement in the client's plan: what, who does it, by when, and whether it is done."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agreements")
    what = models.CharField(max_length=500)
    who = models.CharField(max_length=120)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["case", "done_on", "due_on"], name="agreement_case_due")]

    def is_overdue(self, today=None) -> bool:
        return self.done_on is None and self.due_on < (today or timezone.localdate())


class Transition(models.Model):
    """The client's labour-market position changed on a date, from one position to another."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="transitions")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="transitions")
    date = models.DateField()
    from_position = models.CharField(max_length=24, choices=Position.choices)
    to_position = models.CharField(max_length=24, choices=Position.choices)
    # employed / self-employed
    contract_type = models.CharField(max_length=12, choices=ContractType.choices, blank=True)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    employer_name = models.CharField(max_length=200, blank=True)
    sector = models.CharField(max_length=80, choices=Sector.choices, blank=True)  # the fixed list, as employers'
    occupation = models.CharField(max_length=120, blank=True)
    # education
    institution = models.CharField(max_length=200, blank=True)
    education_programme = models.CharField(max_length=200, blank=True)
    education_level = models.CharField(max_length=20, blank=True)
    learning_route = models.CharField(max_length=4, choices=LearningRoute.choices, blank=True)
    # benefit
    benefit = models.CharField(max_length=10, blank=True)
    source = models.CharField(max_length=12, choices=Source.choices)
    verified = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["client", "date"], name="transition_client_date"),
            models.Index(fields=["from_position", "to_position", "date"], name="transition_kind_date"),
            models.Index(fields=["case"], name="transition_case"),
        ]


class OutcomeQuerySet(models.QuerySet):
    def follow_ups_open(self):
        """Placements whose six-month follow-up is not recorded (the partial index `outcome_follow_up`)."""
        return self.filter(kind=OutcomeKind.PLACEMENT, follow_up_recorded_at__isnull=True)

    def follow_ups_due(self, today=None):
        """Open follow-ups whose date has come (today included)."""
        return self.follow_ups_open().filter(follow_up_due_on__lte=today or timezone.localdate())

    def follow_ups_overdue(self, today=None):
        """Open follow-ups whose date has passed."""
        return self.follow_ups_open().filter(follow_up_due_on__lt=today or timezone.localdate())


class Outcome(models.Model):
    """What a case achieved: a placement (with its six-month follow-up) or a credential."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="outcomes")
    kind = models.CharField(max_length=20, choices=OutcomeKind.choices)
    date = models.DateField()
    # placement
    transition = models.OneToOneField(Transition, null=True, blank=True, on_delete=models.PROTECT, related_name="outcome")
    instrument = models.CharField(max_length=20, choices=EmployerInstrument.choices, blank=True)
    follow_up_due_on = models.DateField(null=True, blank=True)
    follow_up_recorded_at = models.DateTimeField(null=True, blank=True)
    follow_up_recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    still_in_work = models.BooleanField(null=True, blank=True)
    # praktijkverklaring / diploma / certificate
    crebo_code = models.CharField(max_length=5, blank=True)
    qualification_title = models.CharField(max_length=200, blank=True)
    work_processes = models.JSONField(default=list, blank=True)
    learning_company = models.CharField(max_length=200, blank=True)
    learning_company_sbb_recognised = models.BooleanField(null=True, blank=True)
    school = models.CharField(max_length=200, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices, blank=True)  # of the qualification
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["case", "kind"], name="outcome_case_kind"),
            # the reports count a kind of outcome in a period per case from the index alone
            models.Index(fields=["kind", "date"], include=["case", "still_in_work", "id"],
                         name="outcome_kind_date_cover"),
            models.Index(fields=["kind", "follow_up_due_on"], name="outcome_follow_up",
                         condition=Q(follow_up_recorded_at__isnull=True)),
        ]

    @property
    def sustained(self) -> bool | None:
        return self.still_in_work if self.kind == OutcomeKind.PLACEMENT else None


class PlacementFollowUp(models.Model):
    """A later follow-up point of a placement (12 or 24 months, as its programme's
    `later_follow_up_months` ask). The first point (6 months by default) stays on the outcome
    (`follow_up_due_on`, `follow_up_recorded_at`, `still_in_work`): each point has one home."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    placement = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="later_follow_ups")
    months = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    still_in_work = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["placement", "months"]
        constraints = [models.UniqueConstraint(fields=["placement", "months"], name="follow_up_one_per_point")]
        indexes = [models.Index(fields=["due_on"], name="later_follow_up_open",
                                condition=Q(recorded_at__isnull=True))]


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


# Change history (rwc.history): triggers copy every write of these into a <Model>Change table.
history.track(Case, ContactMoment, Agreement, Transition, Outcome, InstrumentUse, PlacementFollowUp)
# Reference data a manager's figures rest on: who changed a programme's target, and when.
history.track(ProgrammeTarget)
