"""A partner system sends a referral in for a person it identifies itself.

The person is matched with the duplicate rules of the clients package, within the receiving
desk's region: a BSN match is the same person, certainly, and the referral goes to that record.
Without one, a new record is registered at the receiving desk; when the region holds probable
matches (birth date and a similar name) the new record carries the override note naming them,
so the counsellor who takes the referral checks it. The partner is never told whether, or whom,
the work centre already knew: its answer is the same either way.

The consent or legal basis the partner holds is recorded with the client, covering the receiving
desk, and the referral rests on it; what it does not cover is a Conflict as for any referral.
"""
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from clients import normalise
from clients.duplicates import find_duplicates
from clients.models import Client
from clients.rules import clean_client_data
from clients.services import DuplicateClient, client_register, consent_record
from rwc.errors import InvalidFields
from rwc.models import Desk

from .models import Referral
from .services import referral_send


def _prefixed(exc: InvalidFields, prefix: str) -> InvalidFields:
    return InvalidFields([(f"{prefix}.{name}", code, reason) for name, code, reason in exc.errors])


def _check_receiver(principal, to_desk: Desk | None):
    if to_desk is None:
        raise InvalidFields([("to_desk", "required", _("A partner system refers to a desk of the work centre."))])
    if to_desk.region_id != principal.organisation.region_id:
        raise InvalidFields([("to_desk", "other_region", _("The desk works in another region than your organisation."))])


def identify_or_register(principal, *, to_desk: Desk, person: dict) -> Client:
    """The region's record of this person (certain by BSN), else a new one at the receiving desk."""
    try:
        person = clean_client_data(person)
    except InvalidFields as exc:
        raise _prefixed(exc, "person") from None
    bsn = person.get("bsn") or None
    if bsn and not to_desk.has_bsn_legal_basis:
        raise InvalidFields([("person.bsn", "no_legal_basis",
                              _("The receiving desk has no legal basis for the BSN; identify by name and birth date."))])
    name = " ".join(p for p in (person.get("given_names"), person.get("name_prefix"), person.get("surname")) if p)
    candidates = find_duplicates(region_id=to_desk.region_id, name_search=normalise.fold(name),
                                 birth_date=person["birth_date"], bsn=bsn)
    for candidate in candidates:
        if candidate.match == "certain":
            return candidate.client
    note = None
    if candidates:
        note = (f"Sent in by {principal.organisation.name} without a BSN match; the region holds "
                f"{len(candidates)} probable match(es): check whether this is the same person.")
    try:
        return client_register(actor=principal, desk=to_desk, data=person, override_reason=note)
    except InvalidFields as exc:
        raise _prefixed(exc, "person") from None
    except DuplicateClient as exc:  # a concurrent registration of the same BSN won the race
        if exc.overridable or not exc.candidates:
            raise
        return exc.candidates[0].client


@transaction.atomic
def referral_intake(principal, *, to_desk: Desk | None, person: dict, basis: dict, data: dict) -> Referral:
    """Identify or register the client, record the partner's basis, send the referral: all or nothing."""
    _check_receiver(principal, to_desk)
    client = identify_or_register(principal, to_desk=to_desk, person=person)
    try:
        consent = consent_record(actor=principal, desk=None, client=client,
                                 data={**basis, "desks": [to_desk], "partner_organisations": []})
    except InvalidFields as exc:
        raise _prefixed(exc, "basis") from None
    return referral_send(actor=principal, client=client, data=data, from_partner=principal.organisation,
                         to_desk=to_desk, consent=consent)
