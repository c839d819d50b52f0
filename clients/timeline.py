"""The client's timeline: everything that happened to them, oldest first, as far as the caller may see."""
from django.db.models import Q

from rwc.access import profile_for
from rwc.models import RegionRoleKind

from .models import Client, ClientEvent


def timeline_for(client: Client, principal):
    """Events of a client the caller already may see. Events of a desk's own work (its cases,
    contacts, plan, outcomes) only for that desk (and desks merged into it) and the region's
    privacy officer, who audits; a desk with just a grant sees the client's own events."""
    profile = profile_for(principal)
    officer = client.region_id in profile.regions_with_role(RegionRoleKind.PRIVACY_OFFICER)
    events = ClientEvent.objects.filter(client=client)
    if not officer:
        events = events.filter(Q(restricted_to_desk__isnull=True) | Q(restricted_to_desk_id__in=profile.desk_ids))
    return (
        events
        .select_related("actor", "actor_desk")
        .order_by("occurred_at", "id")
    )
