"""Sending a referral and moving it along its lifecycle. Accepting grants the receiving desk access
to the client (resting on the referral's consent, so withdrawing that consent ends it) and can
open a case there, in the same transaction."""
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Programme
from cases.services import case_open
from clients import normalise
from clients.choices import DataCategory
from clients.models import Client, Consent
from clients.services import client_grant_to_desk, consent_covering, record_event
from rwc.errors import Conflict, InvalidFields, NotAllowed, one_of
from rwc.models import Desk, PartnerOrganisation, PartnerSystem, User
from rwc.versions import bump_version

from . import lifecycle
from .choices import ReferralStatus, Side, Urgency
from .events import emit_status_change
from .models import Referral, ReferralStatusChange


def _who(actor) -> tuple[User | None, PartnerSystem | None]:
    """The user or the partner system (behind its principal) that acts."""
    system = actor if isinstance(actor, PartnerSystem) else getattr(actor, "partner_system", None)
    return (actor if isinstance(actor, User) else None), system


def _name(party) -> str:
    return party.name if party is not None else "?"


@transaction.atomic
def referral_send(*, actor, client: Client, data: dict, from_desk: Desk | None = None,
                  from_partner: PartnerOrganisation | None = None, to_desk: Desk | None = None,
                  to_partner: PartnerOrganisation | None = None, consent: Consent | None = None) -> Referral:
    """Send a referral; without a consent or legal basis in force that covers the receiver and the
    shared data categories it is a Conflict naming what is missing."""
    errors = []
    if (from_desk is None) == (from_partner is None):
        errors.append(("from", "required", _("A referral has exactly one sender: a desk or a partner.")))
    if (to_desk is None) == (to_partner is None):
        errors.append(("to_desk", "required", _("Name exactly one receiver: a desk or a partner organisation.")))
    receiver = to_desk or to_partner
    if receiver is not None:
        if receiver == (from_desk or from_partner):
            errors.append(("to_desk" if to_desk else "to_partner", "same_as_sender", _("A referral goes to another desk or partner than the one sending it.")))
        elif not receiver.is_active:
            errors.append(("to_desk" if to_desk else "to_partner", "inactive", _("The receiver is no longer active.")))
        elif receiver.region_id != client.region_id:
            errors.append(("to_desk" if to_desk else "to_partner", "other_region",
                           _("The receiver works in another region than the client.")))
    reason, service = normalise.text(data.get("reason")), normalise.text(data.get("service_requested"))
    if not reason:
        errors.append(("reason", "blank", _("Say why you refer the client.")))
    if not service:
        errors.append(("service_requested", "blank", _("Say what service you ask for.")))
    categories = sorted(set(data.get("shared_categories") or [DataCategory.IDENTITY]))
    if any(c not in DataCategory.values for c in categories):
        errors.append(("shared_categories", "invalid_choice", _("Unknown data category; use one of: %(allowed)s.")
                                                              % {"allowed": one_of(DataCategory)}))
    meeting = data.get("planned_meeting_at")
    if data.get("warm_handover") and meeting is None:
        errors.append(("planned_meeting_at", "required", _("A warm hand-over names the planned meeting.")))
    if meeting is not None and meeting < timezone.now():
        errors.append(("planned_meeting_at", "in_past", _("The planned meeting lies in the past.")))
    if data.get("urgency", Urgency.ROUTINE) not in Urgency.values:
        errors.append(("urgency", "invalid_choice", _("Unknown urgency; use one of: %(allowed)s.")
                                                    % {"allowed": one_of(Urgency)}))
    if errors:
        raise InvalidFields(errors)
    basis = _basis(client, consent, to_desk=to_desk, to_partner=to_partner, categories=categories)
    now = timezone.now()
    user, system = _who(actor)
    referral = Referral.objects.create(
        client=client, from_desk=from_desk, from_partner=from_partner, to_desk=to_desk, to_partner=to_partner,
        reason=reason, service_requested=service, urgency=data.get("urgency", Urgency.ROUTINE),
        message=(data.get("message") or "").strip(), warm_handover=bool(data.get("warm_handover")),
        planned_meeting_at=meeting, shared_categories=categories, consent=basis, sent_at=now, sent_by=user,
        sent_by_system=system, answer_due_at=now + timedelta(days=receiver.referral_response_days),
        partner_reference=normalise.text(data.get("partner_reference"))[:100] if from_partner else "",
    )
    ReferralStatusChange.objects.create(referral=referral, to_status=referral.status, at=now, by=user,
                                        by_system=system, note="sent")
    emit_status_change(referral, None, at=now)
    record_event(client, "referral_sent", _("Referred by %(sender)s to %(receiver)s: %(service)s")
                 % {"sender": _name(referral.sender), "receiver": _name(receiver), "service": service},
                 actor=user, desk=from_desk, subject_id=referral.uuid)
    return referral


def _basis(client, consent, *, to_desk, to_partner, categories) -> Consent:
    """The consent or legal basis the referral rests on: the one named, if it covers, else any that does."""
    if consent is not None:
        if consent.client_id != client.id:
            raise InvalidFields([("consent", "other_client", _("This consent is not the client's."))])
        covered = consent.is_in_force() and (
            (to_desk is None or consent.desks.filter(pk=to_desk.pk).exists())
            and (to_partner is None or consent.partner_organisations.filter(pk=to_partner.pk).exists())
            and set(categories) <= set(consent.data_categories)
        )
        if covered:
            return consent
    else:
        found = consent_covering(client, desk=to_desk, partner=to_partner, categories=categories)
        if found is not None:
            return found
    raise Conflict(
        _("No consent or legal basis in force covers sharing this with the receiver."), code="no_consent",
        extra={"missing": {"receiver": _name(to_desk or to_partner), "dataCategories": categories}},
    )


@transaction.atomic
def referral_move(*, actor, side: str, referral: Referral, to_status: str, note: str = "",
                  programme: Programme | None = None) -> Referral:
    """Move a referral along the table; `side` is where the caller stands (see access.side_of)."""
    locked = Referral.objects.select_for_update(of=("self",)).select_related("client", "to_desk", "from_desk", "to_partner",
                                                                 "from_partner", "consent").get(pk=referral.pk)
    who_may = lifecycle.MOVES.check(locked.status, to_status)
    if who_may != side:
        message = (_("Only the sender may make a referral %(to_status)s.") if who_may == lifecycle.Side.SENDER
                   else _("Only the receiver may make a referral %(to_status)s."))
        raise NotAllowed(message % {"to_status": to_status}, code="wrong_side")
    note = normalise.text(note)[:500]
    field = lifecycle.NEEDS_REASON.get(to_status)
    if field and not note:
        raise InvalidFields([("note", "required", _("Say why (%(field)s).")
                                                  % {"field": lifecycle.NEEDS_REASON_WORDS[field]})])
    if programme is not None and to_status != ReferralStatus.ACCEPTED:
        raise InvalidFields([("programme", "not_allowed", _("A case is opened only when accepting."))])
    now = timezone.now()
    user, system = _who(actor)
    if to_status == ReferralStatus.ACCEPTED:
        _accept(locked, user, programme)
    if to_status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
        locked.answered_at = now
    if field:
        setattr(locked, field, note)
    previous = locked.status
    locked.status = to_status
    bump_version(locked)
    ReferralStatusChange.objects.create(referral=locked, from_status=previous, to_status=to_status, at=now, by=user,
                                        by_system=system, note=note)
    emit_status_change(locked, previous, at=now)
    record_event(locked.client, "referral_status_changed",
                 _("Referral to %(receiver)s: %(previous)s -> %(to_status)s")
                 % {"receiver": _name(locked.receiver), "previous": previous, "to_status": to_status}, actor=user,
                 desk=locked.to_desk if side == Side.RECEIVER else locked.from_desk, subject_id=locked.uuid)
    return locked


def _accept(referral: Referral, user, programme):
    if referral.consent is not None and not referral.consent.is_in_force():
        raise Conflict(_("The consent this referral rests on is no longer in force."), code="consent_withdrawn")
    if referral.to_desk is None:
        if programme is not None:
            raise InvalidFields([("programme", "not_allowed", _("Only a desk opens a case here."))])
        return
    referral.grant = client_grant_to_desk(
        actor=user, client=referral.client, desk=referral.to_desk, consent=referral.consent,
        reason=_("Accepted referral from %(sender)s") % {"sender": _name(referral.sender)},
    )
    if programme is not None:
        referral.case = case_open(actor=user, client=referral.client, desk=referral.to_desk, programme=programme,
                                  access_grant=referral.grant)


def referrals_expire(now=None) -> int:
    """Requested referrals past their answer time become expired (run by `manage.py expire_referrals`)."""
    now = now or timezone.now()
    expired = 0
    for referral in Referral.objects.overdue(now).order_by("id"):
        referral_move(actor=None, side=Side.SYSTEM, referral=referral, to_status=ReferralStatus.EXPIRED,
                      note="not answered in time")
        expired += 1
    return expired
