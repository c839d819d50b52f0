"""Demo referrals in every state, sent between the desks of each region (and to its partners),
through the same services as the API, each resting on a consent recorded for it."""
import random

from django.db import transaction

from cases.models import Programme
from clients.services import consent_record
from demo.clients import demo_clients
from demo.organisation import demo_memberships, demo_partner_organisations, demo_regions
from referrals.choices import ReferralStatus, Side
from referrals.models import Referral
from referrals.services import referral_move, referral_send
from rwc.models import Desk

STATES = [ReferralStatus.REQUESTED, ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN,
          ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED, ReferralStatus.FAILED, ReferralStatus.EXPIRED]
PATHS = {
    ReferralStatus.REQUESTED: [],
    ReferralStatus.ACCEPTED: [(Side.RECEIVER, "accepted", "")],
    ReferralStatus.DECLINED: [(Side.RECEIVER, "declined", "Not eligible for this service")],
    ReferralStatus.WITHDRAWN: [(Side.SENDER, "withdrawn", "")],
    ReferralStatus.IN_PROGRESS: [(Side.RECEIVER, "accepted", ""), (Side.RECEIVER, "in_progress", "")],
    ReferralStatus.COMPLETED: [(Side.RECEIVER, "accepted", ""), (Side.RECEIVER, "in_progress", ""),
                               (Side.RECEIVER, "completed", "Placed in work")],
    ReferralStatus.FAILED: [(Side.RECEIVER, "accepted", ""), (Side.RECEIVER, "failed", "Client stopped coming")],
    ReferralStatus.EXPIRED: [(Side.SYSTEM, "expired", "not answered in time")],
}


def seed_referrals(per_region: int = 16, seed: int = 2026) -> int:
    """Two referrals in each state per demo region (desk to desk, and to a partner), of demo clients only;
    idempotent."""
    added = 0
    general = Programme.objects.get(code="general")
    for region in demo_regions().order_by("id"):
        desk_region = region.id
        clients = demo_clients().filter(region_id=desk_region)
        have = Referral.objects.filter(client__in=clients).count()
        if have >= per_region:
            continue
        rng = random.Random(f"{seed}-{desk_region}" + (f"-{have}" if have else ""))
        desks = list(Desk.objects.filter(region_id=desk_region, is_active=True).order_by("kind"))
        partners = list(demo_partner_organisations(region).filter(is_active=True).order_by("name"))
        staff = {m.desk_id: m.user for m in demo_memberships(desks).order_by("id")}
        desks = [desk for desk in desks if desk.id in staff]
        clients = (clients.filter(registered_by_desk__in=desks).exclude(pk__in=Referral.objects.values("client"))
                   .select_related("registered_by_desk").order_by("id")[:per_region - have])
        with transaction.atomic():
            for index, client in enumerate(clients, start=have):  # each client referred once, the pattern continued
                sender = client.registered_by_desk
                to_partner = index % 2 == 1 and partners
                receiver = rng.choice(partners) if to_partner else rng.choice([d for d in desks if d != sender])
                user = staff[sender.id]
                consent_record(actor=user, desk=sender, client=client, data={
                    "purpose": f"Referral to {receiver.name}", "legal_basis": "consent", "evidence": "signed",
                    "data_categories": ["identity", "contact", "education"],
                    "desks": [] if to_partner else [receiver], "partner_organisations": [receiver] if to_partner else [],
                })
                referral = referral_send(
                    actor=user, client=client, from_desk=sender, to_desk=None if to_partner else receiver,
                    to_partner=receiver if to_partner else None,
                    data={"reason": "Needs another kind of help", "service_requested": "Advice and guidance",
                          "shared_categories": ["identity", "education"], "urgency": rng.choice(["routine", "soon"])},
                )
                for side, status, note in PATHS[STATES[(index // 2) % len(STATES)]]:
                    if to_partner and side == Side.RECEIVER:
                        break  # partners answer through their own system
                    actor = None if side == Side.SYSTEM else (user if side == Side.SENDER else staff[receiver.id])
                    programme = general if status == "accepted" and rng.random() < 0.5 else None
                    referral = referral_move(actor=actor, side=side, referral=referral, to_status=status, note=note,
                                             programme=programme)
                added += 1
    return added
