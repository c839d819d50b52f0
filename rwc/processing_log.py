"""Reading the processing log: for the region's privacy officer, by client, by user and by period.

A privacy officer sees the operations that touched a client of their region(s), and of those
operations only the clients of their region(s).
"""
from django.db.models import Exists, OuterRef, Prefetch

from .access import profile_for
from .audit_models import ProcessingOperation, ProcessingSubject
from .models import Desk, PartnerOrganisation, RegionRoleKind


def privacy_regions(principal) -> frozenset[int]:
    return profile_for(principal).regions_with_role(RegionRoleKind.PRIVACY_OFFICER)


def operations_visible_to(principal, *, client_uuid=None):
    """The operations the principal may audit, newest first, each with its subjects in reach."""
    regions = privacy_regions(principal)
    if not regions:
        return ProcessingOperation.objects.none()
    subjects = ProcessingSubject.objects.filter(operation=OuterRef("pk"), region_id__in=regions)
    if client_uuid is not None:
        subjects = subjects.filter(client_uuid=client_uuid)
    in_reach = ProcessingSubject.objects.filter(region_id__in=regions).order_by("id")
    return (ProcessingOperation.objects.filter(Exists(subjects))
            .prefetch_related(Prefetch("subjects", queryset=in_reach, to_attr="subjects_in_reach"))
            .order_by("-started_at", "-id"))


def with_parties(operations: list[ProcessingOperation]) -> list[ProcessingOperation]:
    """Resolve the desks and organisations the operations were done for, in two queries for a page."""
    desk_ids = {d for op in operations for d in op.desk_ids}
    org_ids = {op.organisation_id for op in operations if op.organisation_id}
    desks = {d.pk: d for d in Desk.objects.filter(pk__in=desk_ids)} if desk_ids else {}
    orgs = {o.pk: o for o in PartnerOrganisation.objects.filter(pk__in=org_ids)} if org_ids else {}
    for op in operations:
        op.desks = [desks[d] for d in op.desk_ids if d in desks]
        op.organisation = orgs.get(op.organisation_id)
    return operations


def accesses_of_client(client) -> list[ProcessingOperation]:
    """Every logged processing of this client's data, oldest first (for the client's access request)."""
    ops = (ProcessingOperation.objects
           .filter(Exists(ProcessingSubject.objects.filter(operation=OuterRef("pk"), client_uuid=client.uuid)))
           .order_by("started_at", "id"))
    return with_parties(list(ops))
