"""For one client: who can see this record, and why (ADR: the system can always answer this)."""
from rwc.access import AccessProfile, profile_for
from rwc.models import RegionRole, RegionRoleKind

from .access import active_client_grants
from .models import Client, ClientDeskGrant

# Other packages add their reasons (cases: "holds a case"), each a function client -> list[dict].
ACCESS_REASON_SOURCES: list = []


def client_access_reasons(client: Client) -> list[dict]:
    """The registering desk (and desks it was merged into), every grant (also ended ones, marked
    inactive: revoked, expired, or resting on a consent no longer in force, as `active_client_grants`
    judges) and the region's privacy officers. A constant number of queries."""
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
    in_force = set(active_client_grants().filter(content_object=client).values_list("id", flat=True))
    for grant in grants.order_by("granted_at", "id"):
        reasons.append({
            "kind": "grant", "desk": grant.group.desk, "reason": grant.reason, "granted_by": grant.granted_by,
            "granted_at": grant.granted_at, "expires_at": grant.expires_at, "revoked_at": grant.revoked_at,
            "consent": grant.consent,
            "active": grant.id in in_force,
        })
    if RegionRole.objects.filter(region_id=client.region_id, role=RegionRoleKind.PRIVACY_OFFICER,
                                 ended_at__isnull=True).exists():
        reasons.append({"kind": "privacy_officer", "desk": None, "reason": "privacy officer of the region (read only)",
                        "active": True})
    return reasons


def client_access_reasons_for(principal, client: Client) -> list[dict]:
    """The reasons that let this principal see the client: non-empty exactly when the client is in
    `clients_visible_to(principal)` (tests/clients/test_why.py checks it over the demo data)."""
    return reasons_applying_to(profile_for(principal), client, client_access_reasons(client))


def reasons_applying_to(profile: AccessProfile, client: Client, reasons: list[dict]) -> list[dict]:
    """Of a client's reasons, those in force for this caller: at one of its desks (or a desk merged
    into one), or the privacy officer's of the client's region."""
    if profile.is_partner:
        return []
    officer_regions = profile.regions_with_role(RegionRoleKind.PRIVACY_OFFICER)
    return [r for r in reasons if r["active"] and (
        client.region_id in officer_regions if r["kind"] == "privacy_officer"
        else r["desk"] is not None and r["desk"].id in profile.desk_ids)]


