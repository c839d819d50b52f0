"""The client record, its consents and legal bases, desk grants and timeline events."""
import uuid

from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from guardian.managers import GroupObjectPermissionManager
from guardian.models import GroupObjectPermissionBase

from rwc import history
from rwc.access import active_grant_filter
from rwc.models import Desk, GrantFields, PartnerOrganisation, Region, User

from . import bsn as bsn_codec
from .choices import Benefit, DataCategory, EducationLevel, Evidence, Gender, LegalBasis, Sector, TargetGroup


class Client(models.Model):
    """A person the work centre serves, in one region, registered by one desk."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="clients")
    registered_by_desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="registered_clients")
    registered_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)  # the ETag: bumped by every update

    given_names = models.CharField(max_length=100)
    name_prefix = models.CharField(max_length=20, blank=True)  # tussenvoegsel: "van der"
    surname = models.CharField(max_length=100)
    name_search = models.CharField(max_length=240, editable=False)  # folded, for search/duplicates
    birth_date = models.DateField()
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)

    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)  # E.164
    postcode = models.CharField(max_length=7, blank=True)  # "1234 AB"
    house_number = models.PositiveIntegerField(null=True, blank=True)
    house_number_addition = models.CharField(max_length=6, blank=True)
    city = models.CharField(max_length=80, blank=True)
    municipality = models.CharField(max_length=80, blank=True)
    # CBS gemeentecode of the municipality of residence (clients.municipalities): what reports group by
    municipality_code = models.CharField(max_length=6, blank=True)
    preferred_language = models.CharField(max_length=8, blank=True)  # ISO 639-1

    education_level = models.CharField(max_length=20, choices=EducationLevel.choices, blank=True)
    has_startkwalificatie = models.BooleanField(null=True, blank=True)
    benefit = models.CharField(max_length=10, choices=Benefit.choices, blank=True)

    bsn_ciphertext = models.TextField(blank=True, editable=False)
    bsn_index = models.CharField(max_length=64, null=True, blank=True, editable=False)

    anonymised_at = models.DateTimeField(
        null=True, blank=True, editable=False,
        help_text="When the retention period passed and the personal data was removed (clients.retention).",
    )
    duplicate_override_reason = models.CharField(max_length=500, blank=True)
    duplicate_override_candidates = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["surname", "given_names", "id"]
        indexes = [
            models.Index(fields=["region", "birth_date"], name="client_region_birth"),
            # the lists' order: a page of a region (privacy officer) or of everyone is read off the
            # index instead of sorting the table
            models.Index(fields=["region", "surname", "given_names", "id"], name="client_region_name_order"),
            models.Index(fields=["surname", "given_names", "id"], name="client_name_order"),
            models.Index(fields=["registered_by_desk", "surname"], name="client_desk_surname"),
            # a desk's clients as ids alone, read off the index (the visible set of a big desk)
            models.Index(fields=["registered_by_desk", "id"], name="client_desk_id"),
            models.Index(fields=["postcode"], name="client_postcode"),
            models.Index(fields=["education_level"], name="client_education"),
            models.Index(fields=["bsn_index"], name="client_bsn_index"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "bsn_index"], condition=Q(bsn_index__isnull=False), name="client_one_bsn_per_region"
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.name_prefix, self.surname) if p)

    @property
    def bsn(self) -> str | None:
        return bsn_codec.decrypt(self.bsn_ciphertext) if self.bsn_ciphertext else None

    @property
    def has_bsn(self) -> bool:
        return bool(self.bsn_ciphertext)


class ClientTargetGroup(models.Model):
    """One target-group marker of a client (a row each, so the filter is an indexed join)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="target_groups")
    code = models.CharField(max_length=40, choices=TargetGroup.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "code"], name="client_target_group_once")]
        indexes = [models.Index(fields=["code", "client"], name="target_group_code")]


def consent_not_ended(prefix: str = "", today=None) -> Q:
    """Not withdrawn and not past its valid-until (`prefix` reaches a consent from another record)."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}withdrawn_at__isnull": True}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": today}))


class ConsentQuerySet(models.QuerySet):
    def in_force(self, at=None):
        """Consents and legal bases that are given, not withdrawn and not past their valid-until
        (`Consent.is_in_force` for one row)."""
        at = at or timezone.now()
        return self.filter(consent_not_ended(today=timezone.localdate(at)), given_at__lte=at)

    def covering(self, *, desk=None, partner=None, employer=None, categories=()):
        """Those that name this desk, partner organisation and employer (each when given) and cover
        sharing every one of `categories`."""
        qs = self
        if desk is not None:
            qs = qs.filter(desks=desk)
        if partner is not None:
            qs = qs.filter(partner_organisations=partner)
        if employer is not None:
            qs = qs.filter(employers=employer)
        if connection.vendor == "postgresql":
            return qs.filter(data_categories__contains=list(categories))
        for category in categories:  # SQLite has no JSON containment: the values are a closed list, quoted
            qs = qs.filter(data_categories__icontains=f'"{category}"')
        return qs


class Consent(models.Model):
    """Consent, or another legal basis, for processing a client's data for a purpose with parties."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=255)
    legal_basis = models.CharField(max_length=20, choices=LegalBasis.choices)
    desks = models.ManyToManyField(Desk, blank=True, related_name="+")
    partner_organisations = models.ManyToManyField(PartnerOrganisation, blank=True, related_name="+")
    # Employers the data may be shared with (through the WSP desk named in `desks`): candidate proposals.
    employers = models.ManyToManyField("employers.Employer", blank=True, related_name="+")
    data_categories = models.JSONField(default=list)  # DataCategory values
    given_at = models.DateTimeField()
    evidence = models.CharField(max_length=10, choices=Evidence.choices, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by_desk = models.ForeignKey(Desk, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    withdrawal_reason = models.CharField(max_length=500, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at", "id"]
        indexes = [models.Index(fields=["client", "withdrawn_at"], name="consent_client_active")]

    def __str__(self):
        return f"{self.get_legal_basis_display()}: {self.purpose}"

    def is_in_force(self, at=None) -> bool:
        at = at or timezone.now()
        return (
            self.withdrawn_at is None
            and self.given_at <= at
            and (self.valid_until is None or self.valid_until >= timezone.localdate(at))
        )


class ClientDeskGrantQuerySet(models.QuerySet):
    def active(self):
        """Grants in force: not revoked, not expired, and the consent they rest on (if any) not ended."""
        return self.filter(active_grant_filter()).filter(Q(consent__isnull=True) | consent_not_ended("consent__"))


class ClientDeskGrant(GrantFields, GroupObjectPermissionBase):
    """guardian's direct foreign-key grant of one client to a desk, optionally resting on a consent.

    Withdrawing that consent revokes the grant (clients.services.consent_withdraw).
    """

    content_object = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="desk_grants")
    consent = models.ForeignKey(Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="grants")

    objects = GroupObjectPermissionManager.from_queryset(ClientDeskGrantQuerySet)()

    class Meta(GroupObjectPermissionBase.Meta):
        abstract = False
        indexes = [models.Index(fields=["group", "content_object"], name="client_grant_desk")]


class ClientEvent(models.Model):
    """One line of the client's timeline. Later packages add their own kinds (cases, referrals)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=40)
    summary = models.CharField(max_length=500)  # never personal details beyond field names
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_desk = models.ForeignKey(Desk, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    subject_id = models.UUIDField(null=True, blank=True)  # the consent, case, ... it is about
    # Only staff of this desk may see the event (confidential notes of later issues); null: all who see the client.
    restricted_to_desk = models.ForeignKey(Desk, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["client", "occurred_at"], name="client_event_time")]


DATA_CATEGORY_VALUES = set(DataCategory.values)


class JobWish(models.Model):
    """What work a job seeker looks for: hours per week (a range) and sectors (JobWishSector rows)."""

    client = models.OneToOneField("clients.Client", on_delete=models.CASCADE, related_name="job_wish")
    min_hours = models.DecimalField(max_digits=4, decimal_places=1)
    max_hours = models.DecimalField(max_digits=4, decimal_places=1)
    available_from = models.DateField(null=True, blank=True)
    updated_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["min_hours", "max_hours"], name="job_wish_hours")]


class JobWishSector(models.Model):
    """A sector a job seeker wants to work in (a row each, so matching is an indexed join)."""

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="wished_sectors")
    sector = models.CharField(max_length=20, choices=Sector.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "sector"], name="job_wish_sector_once")]
        indexes = [models.Index(fields=["sector", "client"], name="job_wish_sector")]


# Change history (rwc.history): triggers copy every write of these into a <Model>Change table.
history.track(Client, exclude=["bsn_ciphertext", "bsn_index"])
history.track(ClientTargetGroup, Consent, ClientDeskGrant, JobWish, JobWishSector)
