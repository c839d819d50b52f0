"""Who sees which referral, and on which side they stand.

Staff see the referrals their desks sent (outbox) or received (inbox); the region's privacy
officer reads the region's. A partner system reads the referrals its organisation sent, and
those sent to it (as their receiver, which answers them).
What each side sees of a referral (the receiver before accepting: only what it needs to decide;
the sender: status and feedback, never the receiver's notes) is the API's serializers' job.
"""
from django.db.models import Q

from rwc.access import profile_for
from rwc.models import RegionRoleKind

from .choices import Side
from .models import Referral


def referrals_visible_to(principal):
    profile = profile_for(principal)
    if profile.is_partner:
        org = profile.partner_organisation_id
        return Referral.objects.filter(Q(from_partner_id=org) | Q(to_partner_id=org))
    q = None
    if profile.desk_ids:
        q = Q(from_desk_id__in=profile.desk_ids) | Q(to_desk_id__in=profile.desk_ids)
    officer = profile.regions_with_role(RegionRoleKind.PRIVACY_OFFICER)
    if officer:
        q = (q | Q(client__region_id__in=officer)) if q is not None else Q(client__region_id__in=officer)
    return Referral.objects.filter(q) if q is not None else Referral.objects.none()


def side_of(principal, referral: Referral) -> str | None:
    """`sender`, `receiver`, or None (a reader such as the privacy officer)."""
    profile = profile_for(principal)
    if profile.is_partner:
        org = profile.partner_organisation_id
        if referral.from_partner_id == org:
            return Side.SENDER
        return Side.RECEIVER if referral.to_partner_id == org else None
    if referral.to_desk_id in profile.member_desk_ids:
        return Side.RECEIVER
    if referral.from_desk_id in profile.desk_ids:
        return Side.SENDER
    return None
