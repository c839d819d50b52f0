"""Matching events (banenmarkten) the WSP runs: who sees them, and what can be done to them.

- Staff of every desk of the region read the region's events (to send their clients); the WSP
  desk of the region creates them, adds participating employers, records attendance and matches.
- Staff of any desk register a client they work with. When the registering desk is not the
  organising WSP desk, a consent or legal basis in force must cover sharing the client's identity
  and contact details with that WSP desk (Conflict `no_consent`); the WSP desk then gets a grant
  on the client resting on that consent, for the event and its follow-up (REGISTRATION_GRANT_DAYS
  after the event), so it can welcome them and record what came of it.
- A registration, attendance or match is seen only by those who may see the client.
- Attendance is recorded once the event has taken place (Conflict `event_not_held`); a match
  needs an attendee (Conflict `not_attended`) and a participating employer (400 on `employer`),
  once per attendee, employer and kind (Conflict `already_recorded`).
"""
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import normalise
from clients.access import active_client_grants, clients_visible_to
from clients.choices import DataCategory, Sector
from clients.services import client_grant_to_desk, consent_covering, record_event
from employers.employers import wsp_desks_of
from rwc.access import profile_for
from rwc.errors import Conflict, InvalidFields, one_of
from rwc.models import Desk, User

from .choices import MatchKind
from .models import MatchingEvent, MatchingEventMatch, MatchingEventRegistration

REGISTRATION_CATEGORIES = (DataCategory.IDENTITY, DataCategory.CONTACT)
REGISTRATION_GRANT_DAYS = 90


def _user(actor):
    return actor if isinstance(actor, User) else None


def events_visible_to(principal):
    profile = profile_for(principal)
    if profile.is_partner or not profile.member_desk_ids:
        return MatchingEvent.objects.none()
    return MatchingEvent.objects.filter(region_id__in=profile.desk_region_ids)


def events_workable_by(principal):
    regions = {d.region_id for d in wsp_desks_of(principal)}
    return MatchingEvent.objects.filter(region_id__in=regions) if regions else MatchingEvent.objects.none()


def registrations_visible_to(principal, event: MatchingEvent):
    return event.registrations.filter(client_id__in=clients_visible_to(principal, as_set=True).values("id"))


def matches_visible_to(principal, event: MatchingEvent):
    return event.matches.filter(registration__client_id__in=clients_visible_to(principal, as_set=True).values("id"))


def _check_employers(employers, region_id, errors):
    if any(e.region_id != region_id for e in employers):
        errors.append(("employers", "other_region", _("Name employers of the event's region.")))


@transaction.atomic
def event_create(*, actor, desk: Desk, data: dict) -> MatchingEvent:
    errors = []
    name, place = normalise.text(data.get("name")), normalise.text(data.get("place"))
    if not name:
        errors.append(("name", "blank", _("Name the event.")))
    if not place:
        errors.append(("place", "blank", _("Say where it takes place.")))
    if data.get("date") is None:
        errors.append(("date", "required", _("Give the date.")))
    sectors = sorted(set(data.get("sectors") or []))
    if not sectors:
        errors.append(("sectors", "required", _("Name at least one sector.")))
    elif any(s not in Sector.values for s in sectors):
        errors.append(("sectors", "invalid_choice", _("Unknown sector; use one of: %(allowed)s.")
                                                    % {"allowed": one_of(Sector)}))
    employers = list(data.get("employers") or [])
    _check_employers(employers, desk.region_id, errors)
    if errors:
        raise InvalidFields(errors)
    event = MatchingEvent.objects.create(region_id=desk.region_id, organising_desk=desk, name=name,
                                         date=data["date"], place=place, sectors=sectors, created_by=_user(actor))
    event.employers.set(employers)
    return event


@transaction.atomic
def event_add_employer(*, actor, event: MatchingEvent, employer) -> MatchingEvent:
    if employer.region_id != event.region_id:
        raise InvalidFields([("employer", "other_region", _("Name an employer of the event's region."))])
    if event.employers.filter(pk=employer.pk).exists():
        raise Conflict(_("The employer already takes part."), code="already_participating")
    event.employers.add(employer)
    return event


@transaction.atomic
def registration_add(*, actor, desk: Desk, event: MatchingEvent, client) -> MatchingEventRegistration:
    if client.region_id != event.region_id:
        raise InvalidFields([("client", "other_region", _("The client belongs to another region."))])
    organiser = Desk.objects.get(pk=event.organising_desk_id)
    consent = None
    if desk.id != organiser.id:
        consent = consent_covering(client, desk=organiser, categories=REGISTRATION_CATEGORIES)
        if consent is None:
            raise Conflict(_("No consent or legal basis in force covers sharing the client's identity and contact "
                             "details with %(name)s.") % {"name": organiser.name}, code="no_consent",
                           extra={"missing": {"desk": str(organiser.uuid),
                                              "dataCategories": list(REGISTRATION_CATEGORIES)}})
    try:
        with transaction.atomic():
            registration = MatchingEventRegistration.objects.create(
                event=event, client=client, registered_by=_user(actor), registered_by_desk=desk)
    except IntegrityError:
        raise Conflict(_("The client is already registered for this event."), code="already_registered") from None
    if consent is not None:
        until = max(timezone.make_aware(datetime.combine(event.date, time.min))
                    + timedelta(days=REGISTRATION_GRANT_DAYS), timezone.now() + timedelta(days=30))
        held = active_client_grants().filter(group=organiser.group, content_object=client).first()
        if held is not None and (held.expires_at is None or held.expires_at >= until):
            until = None  # the WSP desk already holds a grant that lasts as long: never shorten it
    if consent is not None and until is not None:
        client_grant_to_desk(actor=actor, client=client, desk=organiser, consent=consent, expires_at=until,
                             reason=_("Registered for the matching event %(name)s (%(date)s)")
                             % {"name": event.name, "date": event.date.isoformat()})
    record_event(client, "event_registered", _("Registered for %(event)s on %(date)s")
                 % {"event": event.name, "date": event.date.isoformat()},
                 actor=actor, desk=desk, subject_id=registration.uuid)
    return registration


@transaction.atomic
def attendance_record(*, actor, registration: MatchingEventRegistration, attended: bool):
    locked = MatchingEventRegistration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    if locked.event.date > timezone.localdate():
        raise Conflict(_("The event has not taken place yet."), code="event_not_held")
    locked.attended = bool(attended)
    locked.save(update_fields=["attended"])
    return locked


@transaction.atomic
def match_record(*, actor, event: MatchingEvent, registration: MatchingEventRegistration, employer, kind: str,
                 note: str = "") -> MatchingEventMatch:
    errors = []
    if kind not in MatchKind.values:
        errors.append(("kind", "invalid_choice", _("Unknown kind of match; use one of: %(allowed)s.")
                                                 % {"allowed": one_of(MatchKind)}))
    if not event.employers.filter(pk=employer.pk).exists():
        errors.append(("employer", "not_participating", _("The employer did not take part in the event.")))
    if errors:
        raise InvalidFields(errors)
    if registration.event_id != event.id:
        raise InvalidFields([("registration", "other_event", _("The registration is for another event."))])
    if event.date > timezone.localdate():
        raise Conflict(_("The event has not taken place yet."), code="event_not_held")
    if registration.attended is not True:
        raise Conflict(_("Record that the job seeker attended first."), code="not_attended")
    try:
        with transaction.atomic():
            match = MatchingEventMatch.objects.create(event=event, registration=registration, employer=employer,
                                                      kind=kind, note=normalise.text(note)[:500],
                                                      recorded_by=_user(actor))
    except IntegrityError:
        raise Conflict(_("This match is already recorded."), code="already_recorded") from None
    return match
