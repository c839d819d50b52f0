"""Services, training and funding: what the work centre did for a person, what it cost, who paid;
and the questions answered at the front door without registering anyone.

Reference data per region, managed in the admin (services.admin): the service catalogue
(`ServiceOffering`: which desk kinds and programmes may deliver a service type), external training
providers (`TrainingProvider`, with their KvK number) and funding sources (`FundingSource`: a fund,
scheme or programme budget with its period and budget ceiling). Records of the desks, through the
API: a service delivered on a case (`DeliveredService`) with its funding (`ServiceFunding`), and a
front-door question (`FrontDoorQuestion`)."""
import uuid

from django.db import models
from django.db.models import Q

from cases.models import Case, Programme
from clients.models import Client
from rwc import history
from rwc.models import Desk, PartnerOrganisation, Region, User, kvk_validator

from .choices import FundingKind, ProviderKind, QuestionChannel, QuestionTopic, ServiceStatus, ServiceType


class ServiceOffering(models.Model):
    """A service type the region offers, and which desk kinds and programmes may deliver it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="service_offerings")
    service_type = models.CharField(max_length=30, choices=ServiceType.choices)
    description = models.CharField(max_length=300, blank=True)
    desk_kinds = models.JSONField(default=list, help_text="Desk kinds that may deliver it: leerwerkloket, rmt, wsp, "
                                                          "youth.")
    programmes = models.ManyToManyField(Programme, blank=True, related_name="+",
                                        help_text="Programmes under which it may be delivered (none: any).")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["region", "service_type"]
        constraints = [models.UniqueConstraint(fields=["region", "service_type"], name="service_offering_once")]

    def __str__(self):
        return f"{self.get_service_type_display()} ({self.region})"


class TrainingProvider(models.Model):
    """An external training provider (a school, a course provider) the region's desks buy training from."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="training_providers")
    name = models.CharField(max_length=200)
    kvk_number = models.CharField(max_length=8, validators=[kvk_validator])
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["region", "kvk_number"], name="training_provider_kvk_once")]

    def __str__(self):
        return f"{self.name} (KvK {self.kvk_number})"


class FundingSource(models.Model):
    """A fund, scheme or programme budget that pays for services in a region, over a period, up to a ceiling."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="funding_sources")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=FundingKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    budget_ceiling = models.DecimalField(max_digits=12, decimal_places=2, help_text="Euros.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["region", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="funding_source_code_once"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="funding_period_order"),
            models.CheckConstraint(condition=Q(budget_ceiling__gte=0), name="funding_ceiling_not_negative"),
        ]

    def __str__(self):
        return f"{self.name} ({self.period_start:%Y-%m-%d} - {self.period_end:%Y-%m-%d})"


class DeliveredService(models.Model):
    """A service delivered on a case: who provided it, when, how long, what it cost and who approved it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="services")
    service_type = models.CharField(max_length=30, choices=ServiceType.choices)
    provider_kind = models.CharField(max_length=20, choices=ProviderKind.choices)
    partner_organisation = models.ForeignKey(PartnerOrganisation, null=True, blank=True, on_delete=models.PROTECT,
                                             related_name="+")
    training_provider = models.ForeignKey(TrainingProvider, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="services")
    planned_start = models.DateField()
    planned_end = models.DateField(null=True, blank=True)
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=ServiceStatus.choices, default=ServiceStatus.PLANNED)
    status_changed_at = models.DateTimeField()
    stop_reason = models.CharField(max_length=500, blank=True)
    hours = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    course_name = models.CharField(max_length=200, blank=True)
    course_level = models.CharField(max_length=40, blank=True)
    qualification_code = models.CharField(max_length=20, blank=True, help_text="Crebo or other qualification code.")
    certificate_obtained = models.BooleanField(null=True, blank=True)  # null: not (yet) known
    note = models.CharField(max_length=1000, blank=True)
    cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    invoice_reference = models.CharField(max_length=60, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # the team lead's latest refusal of the funding (cleared by a later approval)
    refused_at = models.DateTimeField(null=True, blank=True)
    refused_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    refusal_reason = models.CharField(max_length=500, blank=True, default="")
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["planned_start", "id"]
        constraints = [
            # the same invoice is booked once (case and spacing aside: the service stores it cleaned)
            models.UniqueConstraint(fields=["invoice_reference"], condition=~Q(invoice_reference=""),
                                    name="service_invoice_once"),
            models.CheckConstraint(condition=Q(cost__isnull=True) | Q(cost__gte=0), name="service_cost_not_negative"),
        ]
        indexes = [
            models.Index(fields=["case", "planned_start"], name="service_case_start"),
            models.Index(fields=["case", "status"], name="service_case_status"),
            models.Index(fields=["case", "service_type"], name="service_case_type"),
            models.Index(fields=["service_type", "status"], name="service_type_status"),
        ]

    @property
    def subject_client_id(self):
        return self.case.client_id


class ServiceFunding(models.Model):
    """The part of a service's cost one funding source pays."""

    service = models.ForeignKey(DeliveredService, on_delete=models.CASCADE, related_name="funding")
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="allocations")
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["service", "source"], name="service_funding_once_per_source"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="service_funding_positive"),
        ]
        indexes = [models.Index(fields=["source", "service"], name="service_funding_source")]


class FrontDoorQuestion(models.Model):
    """A question answered at the front door without a client record: anonymous, or under a pseudonym
    the person gives; linked to the client once the person comes back and is registered."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="front_door_questions")
    asked_at = models.DateTimeField()
    channel = models.CharField(max_length=10, choices=QuestionChannel.choices)
    topic = models.CharField(max_length=12, choices=QuestionTopic.choices)
    pseudonym = models.CharField(max_length=80, blank=True)  # blank: anonymous
    summary = models.CharField(max_length=2000, blank=True)
    referred_to_partner = models.ForeignKey(PartnerOrganisation, null=True, blank=True, on_delete=models.PROTECT,
                                            related_name="+")
    referred_to_desk = models.ForeignKey(Desk, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    follow_up_needed = models.BooleanField(default=False)
    follow_up_on = models.DateField(null=True, blank=True)
    client = models.ForeignKey(Client, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="front_door_questions")
    converted_at = models.DateTimeField(null=True, blank=True)
    converted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-asked_at", "id"]
        indexes = [
            models.Index(fields=["desk", "asked_at"], name="question_desk_asked"),
            models.Index(fields=["desk", "channel"], name="question_desk_channel"),
            models.Index(fields=["desk", "topic"], name="question_desk_topic"),
            models.Index(fields=["desk", "follow_up_needed"], name="question_desk_follow_up"),
            models.Index(fields=["region", "asked_at"], name="question_region_asked"),
            models.Index(fields=["client"], name="question_client"),
        ]

    @property
    def subject_client_id(self):
        return self.client_id


history.track(DeliveredService, ServiceFunding, FrontDoorQuestion)
# A budget's ceiling and period decide which approvals pass: who changed them, and when.
history.track(FundingSource)
