"""Organisation records: who works where, and which partners exist.

Every public record has a random `uuid` that the API uses; the bigint primary key never leaves
the server.
"""
import uuid

from django.contrib.auth.models import AbstractUser, Group
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase
from oauth2_provider.models import Application


class PublicIdModel(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class User(AbstractUser):
    """A staff member. Partner systems are OAuth2 applications, not users."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Province(models.TextChoices):
    """The twelve provinces (their usual two-letter codes); a labour-market region lies in one."""

    GRONINGEN = "GR", "Groningen"
    FRIESLAND = "FR", "Fryslân"
    DRENTHE = "DR", "Drenthe"
    OVERIJSSEL = "OV", "Overijssel"
    FLEVOLAND = "FL", "Flevoland"
    GELDERLAND = "GE", "Gelderland"
    UTRECHT = "UT", "Utrecht"
    NOORD_HOLLAND = "NH", "Noord-Holland"
    ZUID_HOLLAND = "ZH", "Zuid-Holland"
    ZEELAND = "ZE", "Zeeland"
    NOORD_BRABANT = "NB", "Noord-Brabant"
    LIMBURG = "LI", "Limburg"


class Region(PublicIdModel):
    """An arbeidsmarktregio (35 in the Netherlands), e.g. Midden-Utrecht."""

    name = models.CharField(max_length=100, unique=True)
    code = models.SlugField(max_length=50, unique=True)
    province = models.CharField(max_length=2, choices=Province.choices, blank=True,
                                help_text="The province it lies in (a province manager reads its figures).")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class DeskKind(models.TextChoices):
    LEERWERKLOKET = "leerwerkloket", _("Leerwerkloket")
    RMT = "rmt", _("Regionaal Mobiliteitsteam")
    WSP = "wsp", _("WerkgeversServicepunt")
    YOUTH = "youth", _("Youth desk (Jongerenloket / RAJ)")


class Desk(PublicIdModel):
    """A front-office team of one region.

    A desk is never deleted: it is deactivated, or merged into another desk (`merged_into`), so
    history keeps pointing at the desk that did the work while the successor's staff take over
    what it could see.
    """

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="desks")
    kind = models.CharField(max_length=20, choices=DeskKind.choices)
    name = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_desks"
    )
    has_bsn_legal_basis = models.BooleanField(
        default=False, help_text="The desk has a legal basis to process citizen service numbers."
    )
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="desk", editable=False)
    referral_response_days = models.PositiveSmallIntegerField(
        default=10, help_text="A referral to this desk expires when not answered within this many days."
    )

    class Meta:
        ordering = ["region__name", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="desk_unique_name_per_region")]
        indexes = [models.Index(fields=["region", "kind"])]

    def __str__(self):
        return f"{self.name} ({self.region})"


class PartnerKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    UWV = "uwv", _("UWV")
    SCHOOL = "school", _("School")
    RMC = "rmc", _("RMC (school attendance)")
    CARE_PROVIDER = "care_provider", _("Care provider")
    SECTOR_SERVICE_POINT = "sector_service_point", _("Sector service point")
    SBB = "sbb", _("SBB")
    OTHER = "other", _("Other")


kvk_validator = RegexValidator(r"^\d{8}$", "A KvK number has exactly 8 digits.")


class PartnerOrganisation(PublicIdModel):
    """An organisation outside the work centre that sends or receives referrals.

    It has a home region; desks of other regions see it only through a grant (a partnership with a
    reason and optional expiry).
    """

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="partner_organisations")
    kind = models.CharField(max_length=30, choices=PartnerKind.choices)
    name = models.CharField(max_length=200)
    kvk_number = models.CharField(max_length=8, blank=True, validators=[kvk_validator])
    is_active = models.BooleanField(default=True)
    referral_response_days = models.PositiveSmallIntegerField(
        default=10, help_text="A referral to this organisation expires when not answered within this many days."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="partner_unique_name_per_region")
        ]
        indexes = [models.Index(fields=["region", "kind"])]

    def __str__(self):
        return self.name


class DeskRole(models.TextChoices):
    COUNSELLOR = "counsellor", _("Counsellor")
    TEAM_LEAD = "team_lead", _("Team lead")


class RegionRoleKind(models.TextChoices):
    MANAGER = "manager", _("Region manager")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functional administrator")


class StaffMembership(PublicIdModel):
    """A user works at a desk in a role. Ending a membership keeps it as history."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=DeskRole.choices)
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["desk__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "desk"],
                condition=models.Q(ended_at__isnull=True),
                name="membership_one_open_per_user_desk",
            )
        ]
        indexes = [models.Index(fields=["desk", "role"])]

    def __str__(self):
        return f"{self.user} - {self.desk} ({self.get_role_display()})"


class RegionRole(PublicIdModel):
    """A region-level role: manager, privacy officer or functional administrator."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="region_roles")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="staff_roles")
    role = models.CharField(max_length=20, choices=RegionRoleKind.choices)
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region", "role"],
                condition=models.Q(ended_at__isnull=True),
                name="region_role_one_open",
            )
        ]

    def __str__(self):
        return f"{self.user} - {self.get_role_display()} {self.region}"


class ProvinceRole(PublicIdModel):
    """A province-level role: the province's manager reads the outcome reports (figures, never names)
    across the regions that lie in it (`Region.province`). Given and ended by a superuser."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="province_roles")
    province = models.CharField(max_length=2, choices=Province.choices)
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "province"], condition=models.Q(ended_at__isnull=True),
                                               name="province_role_one_open")]

    def __str__(self):
        return f"{self.user} - {self.get_province_display()}"


class PartnerSystem(PublicIdModel):
    """An OAuth2 client (client credentials) acting for exactly one partner organisation."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="partner_system")
    organisation = models.ForeignKey(PartnerOrganisation, on_delete=models.PROTECT, related_name="systems")
    scopes = models.CharField(
        max_length=255, default="referrals:read", help_text="Space-separated OAuth2 scopes it may ask for."
    )

    def __str__(self):
        return f"{self.application.name} ({self.organisation})"

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()


class GrantFields(models.Model):
    """What every access grant records besides the guardian triple: why, by whom, until when."""

    reason = models.CharField(max_length=255)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class PartnerOrganisationDeskGrant(GrantFields, GroupObjectPermissionBase):
    """Guardian's direct foreign-key grant of a partner organisation to a desk (through its group)."""

    content_object = models.ForeignKey(PartnerOrganisation, on_delete=models.CASCADE, related_name="desk_grants")

    class Meta(GroupObjectPermissionBase.Meta):
        abstract = False


class IdempotencyRecord(models.Model):
    """The first answer to a POST sent with an `Idempotency-Key`, replayed to retries of it.

    Keyed per caller (a staff user or a partner system), so two callers never see each other's
    answers; the request fingerprint tells a retry from a different request reusing the key.
    Written in the transaction of the POST itself: either the record and its answer exist, or neither.
    """

    owner = models.CharField(max_length=80)  # "user:<id>" or "system:<id>"
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # sha256 of method, path and body
    status_code = models.PositiveSmallIntegerField(null=True)  # null while the first request runs
    response_sealed = models.TextField(blank=True)  # the answer's JSON, encrypted (rwc.crypto)
    location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="idempotency_once_per_owner")]
        indexes = [models.Index(fields=["created_at"], name="idempotency_age")]


from . import history  # noqa: E402
from .audit_models import ProcessingOperation, ProcessingSubject  # noqa: E402,F401  (registers them)

# Change history (rwc.history): triggers copy every write of these into a <Model>Change table.
history.track(PartnerOrganisationDeskGrant)
# Roles, memberships and partner-system bindings: who gave or ended which role, when, through which
# channel (the admin's context names the acting administrator); see also the rwc.security log.
history.track(StaffMembership, RegionRole, ProvinceRole, PartnerSystem)
