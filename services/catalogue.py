"""The region's reference data for services: the service catalogue, training providers and funding
sources (managed in the admin), who reads them, and whether a case may receive a service type.

Reading: staff of a desk of the region (they record services) read all three; the region's
manager reads the funding sources (a funder's figures, no personal data). Partner systems none.
A budget's spending is what the approved services charge to it (`spent_by_source`)."""
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from rwc.access import profile_for
from rwc.errors import RuleViolation
from rwc.models import Desk, RegionRoleKind

from .models import FundingSource, ServiceFunding, ServiceOffering, TrainingProvider

ZERO = Decimal("0.00")


def _desk_regions(principal) -> frozenset[int]:
    profile = profile_for(principal)
    return frozenset() if profile.is_partner else profile.desk_region_ids


def offerings_visible_to(principal):
    return ServiceOffering.objects.filter(region_id__in=_desk_regions(principal))


def training_providers_visible_to(principal):
    return TrainingProvider.objects.filter(region_id__in=_desk_regions(principal))


def funding_sources_visible_to(principal):
    profile = profile_for(principal)
    if profile.is_partner:
        return FundingSource.objects.none()
    regions = profile.desk_region_ids | profile.regions_with_role(RegionRoleKind.MANAGER)
    return FundingSource.objects.filter(region_id__in=regions)


def with_spending(sources):
    """Annotate `spent`: the amounts of approved services charged to each source (one subquery-free join)."""
    return sources.annotate(spent=Coalesce(Sum("allocations__amount", filter=Q(allocations__service__approved_at__isnull=False)),
                                           ZERO))


def spent_on(source: FundingSource) -> Decimal:
    return ServiceFunding.objects.filter(source=source, service__approved_at__isnull=False).aggregate(
        total=Coalesce(Sum("amount"), ZERO))["total"]


def offering_for(case: Case, service_type: str) -> ServiceOffering:
    """The region's offering of this service type, if the case's desk and programme may deliver it;
    else a RuleViolation naming `service_type` with the rule broken."""
    desk: Desk = case.desk
    offering = (ServiceOffering.objects.filter(region_id=desk.region_id, service_type=service_type, is_active=True)
                .prefetch_related("programmes").first())
    if offering is None:
        raise RuleViolation(_("The region does not offer this service type."), field="service_type",
                            code="not_offered")
    if desk.kind not in offering.desk_kinds:
        raise RuleViolation(_("A %(desk_kind)s desk does not deliver this service type.")
                            % {"desk_kind": desk.get_kind_display()}, field="service_type",
                            code="not_allowed_for_desk")
    programmes = list(offering.programmes.all())
    if programmes and case.programme_id not in {p.pk for p in programmes}:
        raise RuleViolation(_("This service type is not delivered under the case's programme %(programme)s.")
                            % {"programme": case.programme.name}, field="service_type",
                            code="not_allowed_for_programme")
    return offering


def offered_types_for(case: Case) -> list[str]:
    """The service types `offering_for` lets this case receive (the choices a form offers), in one query."""
    desk: Desk = case.desk
    offerings = (ServiceOffering.objects.filter(region_id=desk.region_id, is_active=True)
                 .prefetch_related("programmes").order_by("service_type"))
    return [o.service_type for o in offerings
            if desk.kind in o.desk_kinds
            and (not o.programmes.all() or case.programme_id in {p.pk for p in o.programmes.all()})]
