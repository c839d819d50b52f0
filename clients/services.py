"""What can be done to a client record: register, update, consent, grant. Each in one transaction,
each leaving a line on the client's timeline."""

from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rwc.access import grant_to_desk
from rwc.errors import Conflict, InvalidFields, NotFound, one_of
from rwc.models import Desk, PartnerOrganisation, User
from rwc.versions import bump_version, lock_version

from . import bsn as bsn_codec
from . import normalise
from .access import may_see_full_bsn
from .choices import DataCategory, LegalBasis
from .duplicates import Candidate, find_duplicates
from .models import Client, ClientDeskGrant, ClientEvent, ClientTargetGroup, Consent
from .rules import clean_client_data

# Sent inside the withdrawing transaction: later packages end what rested on the consent.
consent_withdrawn = Signal()  # kwargs: consent, actor

CLIENT_FIELDS = {
    "given_names", "name_prefix", "surname", "birth_date", "gender", "email", "phone", "postcode",
    "house_number", "house_number_addition", "city", "municipality", "municipality_code",
    "preferred_language", "education_level", "has_startkwalificatie", "benefit",
}


class DuplicateClient(Conflict):
    """Registering would create a second record of a person the region already knows."""

    code = "duplicate"

    def __init__(self, candidates: list[Candidate], *, overridable: bool):
        detail = (
            "This person is probably already registered in the region; see candidates. Register "
            "anyway with overrideDuplicates and a reason, or ask the holding desk for a referral."
            if overridable
            else "A client with this BSN is already registered in the region; see candidates."
        )
        # every candidate is shown: a visible one by name, birth date and address, any other as known
        # at its desk (that this person is a client there is about them too)
        super().__init__(detail, code="duplicate" if overridable else "duplicate_bsn",
                         subjects=[c.client.id for c in candidates])
        self.candidates = candidates
        self.overridable = overridable


def record_event(client: Client, kind: str, summary: str, *, actor=None, desk=None, subject_id=None, at=None,
                 restricted_to_desk=None) -> ClientEvent:
    return ClientEvent.objects.create(
        client=client, kind=kind, summary=summary[:500], actor=actor if isinstance(actor, User) else None,
        actor_desk=desk, subject_id=subject_id, occurred_at=at or timezone.now(), restricted_to_desk=restricted_to_desk,
    )


def _by_partner(actor) -> str:
    if not getattr(actor, "is_partner", False):
        return ""
    return _(", sent in by %(organisation)s") % {"organisation": actor.organisation.name}


def _check_bsn_allowed(actor, data: dict, desk: Desk | None = None):
    """Staff need a desk with a legal basis; a partner system sending a client in needs the
    receiving desk to have one."""
    if getattr(actor, "is_partner", False):
        allowed = desk is not None and desk.has_bsn_legal_basis
    else:
        allowed = may_see_full_bsn(actor)
    if data.get("bsn") and not allowed:
        raise InvalidFields([("bsn", "no_legal_basis", _("Your desk has no legal basis to process the BSN."))])


def _apply(client: Client, data: dict) -> list[str]:
    """Set the cleaned values; returns the names of the fields that changed."""
    changed = []
    for name in CLIENT_FIELDS & data.keys():
        value = data[name]
        if value is None and name not in ("house_number", "has_startkwalificatie"):
            value = ""
        if getattr(client, name) != value:
            setattr(client, name, value)
            changed.append(name)
    if "bsn" in data:
        new = data["bsn"]
        if new != client.bsn:
            client.bsn_ciphertext = bsn_codec.encrypt(new) if new else ""
            client.bsn_index = bsn_codec.blind_index(new) if new else None
            changed.append("bsn")
    client.name_search = normalise.fold(client.full_name)
    return changed


def _set_target_groups(client: Client, codes: list[str]) -> bool:
    current = set(client.target_groups.values_list("code", flat=True))
    if current == set(codes):
        return False
    client.target_groups.exclude(code__in=codes).delete()
    ClientTargetGroup.objects.bulk_create([ClientTargetGroup(client=client, code=c) for c in set(codes) - current])
    return True


@transaction.atomic
def client_register(*, actor, desk: Desk, data: dict, override_reason: str | None = None) -> Client:
    """Register a client at `desk`, unless the region probably knows them already (DuplicateClient).

    A probable duplicate may be overridden with a reason, which is kept with the record; a BSN
    match cannot, the person is certainly known.
    """
    data = clean_client_data(data)
    _check_bsn_allowed(actor, data, desk)
    override_reason = normalise.text(override_reason) if override_reason is not None else None
    if override_reason is not None and not override_reason:
        raise InvalidFields([("override_reason", "blank", _("Say why this is not the same person."))])
    client = Client(region_id=desk.region_id, registered_by_desk=desk, registered_by=actor if isinstance(actor, User) else None)
    _apply(client, data)
    candidates = find_duplicates(
        region_id=desk.region_id, name_search=client.name_search, birth_date=client.birth_date, bsn=data.get("bsn")
    )
    if candidates:
        certain = any(c.match == "certain" for c in candidates)
        if certain or override_reason is None:
            raise DuplicateClient(candidates, overridable=not certain)
        client.duplicate_override_reason = override_reason
        client.duplicate_override_candidates = [str(c.client.uuid) for c in candidates]
    try:
        with transaction.atomic():
            client.save()
    except IntegrityError:  # a concurrent registration with the same BSN won the race
        raise DuplicateClient(
            find_duplicates(region_id=desk.region_id, name_search=client.name_search, birth_date=client.birth_date,
                            bsn=data.get("bsn")),
            overridable=False,
        ) from None
    _set_target_groups(client, data.get("target_groups", []))
    summary = _("Registered at %(desk)s") % {"desk": desk.name} + _by_partner(actor)
    record_event(client, "client_registered", summary, actor=actor, desk=desk, subject_id=client.uuid)
    if client.duplicate_override_reason:
        record_event(client, "duplicate_override",
                     _("Registered despite %(count)s possible duplicate(s): %(reason)s")
                     % {"count": len(candidates), "reason": client.duplicate_override_reason},
                     actor=actor, desk=desk)
    return client


@transaction.atomic
def client_update(*, actor, client: Client, data: dict, expected_version: int | None) -> Client:
    """Change some fields, if nobody changed the record since the caller read it (If-Match)."""
    data = clean_client_data(data)
    _check_bsn_allowed(actor, data)
    locked = lock_version(Client.objects, client.pk, expected_version,
                          _("The client was changed since you read it; fetch it again and retry."))
    changed = _apply(locked, data)
    if "target_groups" in data and _set_target_groups(locked, data["target_groups"]):
        changed.append("target_groups")
    if not changed:
        return locked
    if "bsn" in changed and data.get("bsn"):
        same_bsn = Client.objects.filter(region_id=locked.region_id, bsn_index=locked.bsn_index).exclude(id=locked.id)
        if same_bsn.exists():
            raise DuplicateClient([Candidate(c, "certain") for c in same_bsn.select_related("registered_by_desk")[:10]],
                                  overridable=False)
    bump_version(locked)
    record_event(locked, "client_updated", _("Changed: %(fields)s") % {"fields": ", ".join(sorted(changed))},
                 actor=actor)
    return locked


# --- consent and legal basis ---------------------------------------------------------------------


def _clean_consent(data: dict, *, region_id: int) -> dict:
    errors = []
    purpose = normalise.text(data.get("purpose"))
    if not purpose:
        errors.append(("purpose", "blank", _("Say what the data is processed for.")))
    categories = list(data.get("data_categories") or [])
    if not categories:
        errors.append(("data_categories", "required", _("Name at least one data category.")))
    elif any(c not in DataCategory.values for c in categories):
        errors.append(("data_categories", "invalid_choice", _("Unknown data category; use one of: %(allowed)s.")
                                                            % {"allowed": one_of(DataCategory)}))
    desks = list(data.get("desks") or [])
    partners = list(data.get("partner_organisations") or [])
    if not desks and not partners:
        errors.append(("desks", "required", _("Name at least one desk or partner organisation it covers.")))
    given_at = data.get("given_at") or timezone.now()
    if given_at > timezone.now():
        errors.append(("given_at", "in_future", _("Consent cannot be given in the future.")))
    valid_until = data.get("valid_until")
    if valid_until is not None and valid_until < timezone.localdate(given_at):
        errors.append(("valid_until", "before_given_at", _("validUntil lies before givenAt.")))
    legal_basis = data.get("legal_basis")
    if legal_basis == LegalBasis.CONSENT and not data.get("evidence"):
        errors.append(("evidence", "required", _("Consent needs evidence: signed, verbal or digital.")))
    employers = list(data.get("employers") or [])
    if any(e.region_id != region_id for e in employers):
        errors.append(("employers", "other_region", _("Name employers of the client's region.")))
    if errors:
        raise InvalidFields(errors)
    return {**data, "purpose": purpose, "data_categories": sorted(set(categories)), "given_at": given_at,
            "desks": desks, "partner_organisations": partners, "employers": employers}


@transaction.atomic
def consent_record(*, actor, desk: Desk, client: Client, data: dict) -> Consent:
    data = _clean_consent(data, region_id=client.region_id)
    consent = Consent.objects.create(
        client=client, purpose=data["purpose"], legal_basis=data["legal_basis"],
        data_categories=data["data_categories"], given_at=data["given_at"], evidence=data.get("evidence") or "",
        valid_until=data.get("valid_until"), recorded_by=actor if isinstance(actor, User) else None,
        recorded_by_desk=desk,
    )
    consent.desks.set(data["desks"])
    consent.partner_organisations.set(data["partner_organisations"])
    consent.employers.set(data["employers"])
    record_event(client, "consent_recorded",
                 _("%(legal_basis)s recorded%(by_partner)s: %(purpose)s")
                 % {"legal_basis": consent.get_legal_basis_display(), "by_partner": _by_partner(actor),
                    "purpose": consent.purpose},
                 actor=actor, desk=desk, subject_id=consent.uuid)
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent, reason: str = "", desk: Desk | None = None) -> Consent:
    """Withdrawal takes effect at once: grants resting on it are revoked in the same transaction,
    and `consent_withdrawn` lets later packages stop what else rested on it."""
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_at is not None:
        raise Conflict(_("This consent was already withdrawn."), code="already_withdrawn")
    now = timezone.now()
    locked.withdrawn_at = now
    locked.withdrawn_by = actor if isinstance(actor, User) else None
    locked.withdrawal_reason = normalise.text(reason)[:500]
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    revoked = ClientDeskGrant.objects.filter(consent=locked, revoked_at__isnull=True).update(revoked_at=now)
    consent_withdrawn.send(sender=Consent, consent=locked, actor=actor)
    summary = _("%(legal_basis)s withdrawn: %(purpose)s") % {
        "legal_basis": locked.get_legal_basis_display(), "purpose": locked.purpose}
    if revoked:
        summary += _(" (%(count)s grant(s) ended)") % {"count": revoked}
    record_event(locked.client, "consent_withdrawn", summary, actor=actor, desk=desk, subject_id=locked.uuid)
    return locked


def consents_in_force(client: Client, at=None):
    """Consents and legal bases that are given, not withdrawn and not past their valid-until."""
    return client.consents.in_force(at)


def consent_covering(client: Client, *, desk: Desk | None = None, partner: PartnerOrganisation | None = None,
                     employer=None, categories=(), at=None) -> Consent | None:
    """A consent or legal basis in force that covers sharing `categories` with this desk or partner
    (and, for a candidate proposal, with this employer too): the latest given."""
    return (client.consents.in_force(at).covering(desk=desk, partner=partner, employer=employer,
                                                 categories=categories)
            .order_by("-given_at", "id").first())


def client_grant_to_desk(*, actor, client: Client, desk: Desk, reason: str, expires_at=None, consent: Consent | None = None):
    """Give another desk access to the client, optionally resting on a consent (which must be in force).

    Only a desk of the client's region: a client never becomes visible outside it (the client lists
    rely on that to search one region's clients, `client_list_for`)."""
    if desk.region_id != client.region_id:
        raise InvalidFields([("desk", "other_region", _("The client belongs to another region."))])
    if consent is not None:
        if consent.client_id != client.id:
            raise NotFound(_("No such consent for this client."))
        if not consent.is_in_force():
            raise Conflict(_("The consent is not in force."), field="consent", code="consent_not_in_force")
    with transaction.atomic():
        grant = grant_to_desk(client, desk, reason=reason, granted_by=actor if isinstance(actor, User) else None,
                              expires_at=expires_at)
        if grant.consent_id != (consent.id if consent else None):
            grant.consent = consent
            grant.save(update_fields=["consent"])
        record_event(client, "grant_given", _("%(desk)s was given access: %(reason)s")
                     % {"desk": desk.name, "reason": reason}, actor=actor)
    return grant

