"""Documents kept with a record, and their versions.

A `Document` belongs to exactly one parent record (`parent_kind` names which; a check constraint
holds one foreign key set, the one `parent_kind` names). For a parent that concerns a person (a
client, or a case, referral, outcome or consent of one) `client` names the person too: the access
request, retention and the processing log find a person's documents through it.

Every upload is a new `DocumentVersion`; the old ones stay readable. A version's file lies in the
`documents` storage under a random key (`storage_key`); its original name is only metadata, and
sanitised. A document may await a signature (`signature_due_on`) until it is recorded signed
(`signed_at`, `signed_by`); the worklist's reminders make a task of it. Deleting is a soft delete with a reason (`deleted_at`); retention purges the record,
its versions and their files (`documents.services.document_purge`).
"""
import uuid

from django.db import models
from django.db.models import Q

from cases.models import Case, Outcome
from clients.models import Client, Consent
from employers.models import Employer, Vacancy
from referrals.models import Referral
from rwc import history
from rwc.models import Desk, Region, User

from .choices import DocumentKind, ParentKind, RetentionClass

# The parent's foreign key per kind (the client kind uses `client` itself).
PARENT_FIELDS = {
    ParentKind.CLIENT: "client",
    ParentKind.CASE: "case",
    ParentKind.REFERRAL: "referral",
    ParentKind.OUTCOME: "outcome",
    ParentKind.CONSENT: "consent",
    ParentKind.EMPLOYER: "employer",
    ParentKind.VACANCY: "vacancy",
}
_OTHER_PARENTS = ("case", "referral", "outcome", "consent", "employer", "vacancy")


def _one_parent() -> Q:
    """The kind names the one parent set; a person's records name the client too."""
    condition = None
    for kind, name in PARENT_FIELDS.items():
        q = Q(parent_kind=kind)
        for other in _OTHER_PARENTS:
            q &= Q(**{f"{other}__isnull": other != name})
        q &= Q(client__isnull=kind in (ParentKind.EMPLOYER, ParentKind.VACANCY))
        condition = q if condition is None else condition | q
    return condition


class Document(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    parent_kind = models.CharField(max_length=10, choices=ParentKind.choices)
    # PROTECT everywhere: a record never disappears by a cascade with its files left in storage.
    client = models.ForeignKey(Client, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    outcome = models.ForeignKey(Outcome, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    consent = models.ForeignKey(Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    vacancy = models.ForeignKey(Vacancy, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="+",
                             help_text="The desk that keeps it (its team leads read a confidential document).")

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    author = models.CharField(max_length=200, blank=True, help_text="Who wrote or issued it.")
    document_date = models.DateField()
    confidential = models.BooleanField(default=False,
                                       help_text="Only the one who added it and the desk's team leads read it.")
    retention_class = models.CharField(max_length=12, choices=RetentionClass.choices,
                                       default=RetentionClass.WITH_RECORD)
    generated = models.BooleanField(default=False, help_text="Made by the service (a certificate draft).")

    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version_count = models.PositiveIntegerField(default=0)

    signature_due_on = models.DateField(null=True, blank=True,
                                        help_text="Awaits a signature by this day (none: needs no signature).")
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    deletion_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-document_date", "-id"]
        constraints = [models.CheckConstraint(condition=_one_parent(), name="document_one_parent")]
        indexes = [
            models.Index(fields=["client", "deleted_at"], name="document_client"),
            models.Index(fields=["case", "deleted_at"], name="document_case"),
            models.Index(fields=["referral", "deleted_at"], name="document_referral"),
            models.Index(fields=["outcome", "deleted_at"], name="document_outcome"),
            models.Index(fields=["consent", "deleted_at"], name="document_consent"),
            models.Index(fields=["employer", "deleted_at"], name="document_employer"),
            models.Index(fields=["vacancy", "deleted_at"], name="document_vacancy"),
            models.Index(fields=["deleted_at"], name="document_deleted",
                         condition=Q(deleted_at__isnull=False)),
            models.Index(fields=["signature_due_on"], name="document_awaiting_signature",
                         condition=Q(signature_due_on__isnull=False, signed_at__isnull=True, deleted_at__isnull=True)),
            models.Index(fields=["retention_class", "document_date"], name="document_retention",
                         condition=~Q(retention_class=RetentionClass.WITH_RECORD)),
        ]

    def __str__(self):
        return self.title

    @property
    def parent(self):
        return getattr(self, PARENT_FIELDS[self.parent_kind])


class DocumentVersion(models.Model):
    """One upload of a document: the file's key in storage and what was sniffed from its bytes."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    storage_key = models.CharField(max_length=200, unique=True)
    file_name = models.CharField(max_length=200, help_text="The original name, sanitised (metadata only).")
    content_type = models.CharField(max_length=120, help_text="Sniffed from the bytes, never from the name.")
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_by_desk = models.ForeignKey(Desk, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_once")]


history.track(Document, DocumentVersion)
