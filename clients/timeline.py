"""The client's timeline: everything that happened to them, oldest first, as far as the caller may see."""
from django.db.models import Q

from rwc.access import profile_for

from .models import Client, ClientEvent


def timeline_for(client: Client, principal):
    """Events of a client the caller already may see; desk-restricted events only for that desk."""
    profile = profile_for(principal)
    return (
        ClientEvent.objects.filter(client=client)
        .filter(Q(restricted_to_desk__isnull=True) | Q(restricted_to_desk_id__in=profile.desk_ids))
        .select_related("actor", "actor_desk")
        .order_by("occurred_at", "id")
    )
