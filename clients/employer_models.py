"""Employers the WerkgeversServicepunt (WSP) serves, its contact log with them, and the work wishes
of job seekers that matching rests on. Imported by clients.models (the app's model registry)."""
import uuid

from django.db import models

from rwc.models import Desk, Region, User

from .employer_choices import EmployerContactKind, Sector, SizeClass


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
        ordering = ["-at", "id"]
        indexes = [models.Index(fields=["employer", "at"], name="employer_contact_at")]


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
