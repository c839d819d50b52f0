"""For one client: who can see this record, and why (ADR: the system can always answer this)."""
from django.utils import timezone

from rwc.models import RegionRole, RegionRoleKind

from .models import Client, ClientDeskGrant

# Other packages add their reasons (cases: "holds a case"), each a function client -> list[dict].
ACCESS_REASON_SOURCES: list = []


def client_access_reasons(client: Client) -> list[dict]:
    """The registering desk (and desks it was merged into), every grant (also ended ones, marked
    inactive) and the region's privacy officers. A constant number of queries."""
    now = timezone.now()
    reasons = [{"kind": "registered", "desk": client.registered_by_desk, "reason": "registered the client", "active": True}]
    successor = client.registered_by_desk.merged_into
    seen = {client.registered_by_desk_id}
    while successor is not None and successor.id not in seen:  # merge chains are short
        seen.add(successor.id)
        reasons.append({"kind": "merged_desk", "desk": successor, "reason": "the registering desk was merged into it",
                        "active": True})
        successor = successor.merged_into
    for source in ACCESS_REASON_SOURCES:
        reasons.extend(source(client))
    grants = ClientDeskGrant.objects.filter(content_object=client).select_related("group__desk", "granted_by", "consent")
    for grant in grants.order_by("granted_at", "id"):
        reasons.append({
            "kind": "grant", "desk": grant.group.desk, "reason": grant.reason, "granted_by": grant.granted_by,
            "granted_at": grant.granted_at, "expires_at": grant.expires_at, "revoked_at": grant.revoked_at,
            "consent": grant.consent,
            "active": grant.revoked_at is None and (grant.expires_at is None or grant.expires_at > now),
        })
    if RegionRole.objects.filter(region_id=client.region_id, role=RegionRoleKind.PRIVACY_OFFICER,
                                 ended_at__isnull=True).exists():
        reasons.append({"kind": "privacy_officer", "desk": None, "reason": "privacy officer of the region (read only)",
                        "active": True})
    return reasons


