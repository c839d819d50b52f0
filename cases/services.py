"""What can be done to a case: open, move through its lifecycle, reassign, log contacts, keep the
plan. Each in one transaction, each leaving a line on the client's timeline."""
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import normalise
from clients.models import Client
from clients.services import record_event
from rwc.access import desk_and_successors
from rwc.errors import Conflict, InvalidFields, NotAllowed
from rwc.models import Desk, DeskRole, StaffMembership, User
from rwc.versions import bump_version, lock_version

from . import lifecycle
from .choices import OPEN_STATUSES, CaseStatus, ClosingReason
from .models import Agreement, Case, CaseStatusChange, ContactMoment, Programme

STALE_CASE = _("The case was changed since you read it; fetch it again and retry.")

def _user(actor):
    return actor if isinstance(actor, User) else None


def _check_owner(owner: User, desk: Desk):
    """The owner works at the case's desk, or at the desk it was merged into."""
    if not StaffMembership.objects.filter(user=owner, desk_id__in=desk_and_successors(desk),
                                          ended_at__isnull=True).exists():
        raise InvalidFields([("owner", "not_on_desk", _("The owner must work at the case's desk."))])


@transaction.atomic
def case_open(*, actor, client: Client, desk: Desk, programme: Programme, owner: User | None = None,
              access_grant=None) -> Case:
    """Open a case for a client at a desk; one open case per client, desk and programme.

    `access_grant`: the grant the desk's access rests on (an accepted referral); the case then
    lasts only as long as the grant does."""
    errors = []
    if not programme.is_active:
        errors.append(("programme", "inactive", _("This programme is no longer offered.")))
    elif desk.kind not in programme.desk_kinds:
        errors.append(("programme", "not_for_desk", _("%(name)s is not run by this kind of desk.")
                                                    % {"name": programme.name}))
    if client.region_id != desk.region_id:
        errors.append(("client", "other_region", _("The client belongs to another region.")))
    if errors:
        raise InvalidFields(errors)
    owner = owner or _user(actor)
    if owner is None:
        raise InvalidFields([("owner", "required", _("Name the counsellor who owns the case."))])
    _check_owner(owner, desk)
    now = timezone.now()
    case = Case(client=client, desk=desk, programme=programme, owner=owner, opened_at=now, status_changed_at=now,
                created_by=_user(actor), access_grant=access_grant)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        raise Conflict(_("The client already has an open case at this desk under this programme."),
                       code="open_case_exists") from None
    CaseStatusChange.objects.create(case=case, from_status="", to_status=case.status, at=now, by=_user(actor),
                                    reason="opened")
    record_event(client, "case_opened", _("Case opened at %(desk)s: %(programme)s")
                 % {"desk": desk.name, "programme": programme.name}, actor=actor, desk=desk,
                 subject_id=case.uuid, restricted_to_desk=desk)
    return case


def case_open_for(*, actor, client_uuid, desk: Desk, programme: Programme, owner: User | None = None) -> Case:
    """Open a case for a client the actor's desk works with, or, when the desk only holds a grant
    for them (an accepted referral), a case that rests on that grant and ends with it."""
    from clients.access import active_client_grants, clients_workable_by

    client = clients_workable_by(actor).filter(uuid=client_uuid).first()
    grant = None
    if client is None:
        grant = (active_client_grants().filter(group__desk=desk, content_object__uuid=client_uuid)
                 .select_related("content_object").first())
        client = grant.content_object if grant else None
    if client is None:  # a client you may not see does not exist, for you
        raise InvalidFields([("client", "does_not_exist", _("No client with this id that you work with."))])
    return case_open(actor=actor, client=client, desk=desk, programme=programme, owner=owner, access_grant=grant)


@transaction.atomic
def case_move(*, actor, case: Case, to_status: str, reason: str = "", closing_reason: str = "",
              expected_version: int | None = None) -> Case:
    """Move a case along the lifecycle table; an illegal move is a Conflict and changes nothing."""
    locked = lock_version(Case.objects.select_related("programme"), case.pk, expected_version, STALE_CASE)
    lifecycle.MOVES.check(locked.status, to_status)
    reason = normalise.text(reason)
    now = timezone.now()
    if to_status == CaseStatus.CLOSED:
        if closing_reason not in ClosingReason.values:
            raise InvalidFields([("closing_reason", "required", _("Closing a case needs a closing reason."))])
        if closing_reason == ClosingReason.OTHER and not reason:
            raise InvalidFields([("reason", "required", _("Say why, when the closing reason is 'other'."))])
        locked.closed_at = now
        locked.closing_reason = closing_reason
    elif locked.status == CaseStatus.CLOSED:  # reopening
        deadline = locked.closed_at + timedelta(days=locked.programme.reopen_days)
        if now > deadline:
            raise Conflict(
                _("Closed more than %(reopen_days)s days ago: open a new case instead.")
                % {"reopen_days": locked.programme.reopen_days},
                code="reopen_period_over",
            )
        if Case.objects.filter(client_id=locked.client_id, desk_id=locked.desk_id, programme_id=locked.programme_id,
                               status__in=OPEN_STATUSES).exists():
            raise Conflict(_("The client already has an open case here."), code="open_case_exists")
        locked.closed_at = None
        locked.closing_reason = ""
    previous = locked.status
    locked.status = to_status
    locked.status_changed_at = now
    bump_version(locked)
    CaseStatusChange.objects.create(case=locked, from_status=previous, to_status=to_status, at=now, by=_user(actor),
                                    reason=(closing_reason + (": " if reason and closing_reason else "") + reason)[:500])
    summary = _("Case %(move)s: %(previous)s -> %(to_status)s") % {
        "move": lifecycle.MOVES[(previous, to_status)], "previous": previous, "to_status": to_status}
    if closing_reason:
        summary += f" ({closing_reason})"
    record_event(locked.client, "case_status_changed", summary, actor=actor, desk=locked.desk, subject_id=locked.uuid,
                 restricted_to_desk=locked.desk)
    return locked


@transaction.atomic
def case_reassign(*, actor, case: Case, owner: User, expected_version: int | None = None) -> Case:
    """A team lead hands a case to another counsellor of the same desk. The right is checked here, so
    the admin and commands obey it too; only the system itself (`actor=None`) reassigns without it."""
    if actor is not None and not is_team_lead_of(actor, case.desk):
        raise NotAllowed(_("Only a team lead of the desk reassigns cases."))
    locked = lock_version(Case.objects, case.pk, expected_version, STALE_CASE)
    if locked.status == CaseStatus.CLOSED:
        raise Conflict(_("A closed case cannot be reassigned."), code="closed")
    _check_owner(owner, locked.desk)
    if owner.id == locked.owner_id:
        return locked
    locked.owner = owner
    bump_version(locked, ["owner"])
    record_event(locked.client, "case_reassigned", _("Case handed to %(owner)s") % {"owner": owner.display_name},
                 actor=actor,
                 desk=locked.desk, subject_id=locked.uuid, restricted_to_desk=locked.desk)
    return locked


def is_team_lead_of(actor, desk: Desk) -> bool:
    """Team lead of the desk, or of the desk it was merged into."""
    return StaffMembership.objects.filter(user=actor, desk_id__in=desk_and_successors(desk), role=DeskRole.TEAM_LEAD,
                                          ended_at__isnull=True).exists()


def _open_case(case: Case, refusal: str):
    if case.status == CaseStatus.CLOSED:
        raise Conflict(refusal, code="case_closed")


@transaction.atomic
def contact_record(*, actor, case: Case, data: dict) -> ContactMoment:
    _open_case(case, _("The case is closed: reopen it to log contacts."))
    errors = []
    summary = (data.get("summary") or "").strip()
    if not summary:
        errors.append(("summary", "blank", _("Write what the contact was about.")))
    at = data.get("at") or timezone.now()
    if at > timezone.now() + timedelta(minutes=5):
        errors.append(("at", "in_future", _("A contact moment cannot lie in the future; plan it as an agreement.")))
    if at < case.opened_at - timedelta(days=1):
        errors.append(("at", "before_case", _("The contact lies before the case was opened.")))
    if errors:
        raise InvalidFields(errors)
    contact = ContactMoment.objects.create(
        case=case, at=at, channel=data["channel"], kind=data["kind"], summary=summary,
        duration_minutes=data.get("duration_minutes"), follow_up_on=data.get("follow_up_on"),
        confidential=bool(data.get("confidential")), recorded_by=_user(actor),
    )
    if not contact.confidential:  # a confidential note is only in the contact log (owner and team leads)
        record_event(case.client, "contact_recorded", _("%(kind)s (%(channel)s)")
                     % {"kind": contact.get_kind_display(), "channel": contact.get_channel_display()},
                     actor=actor, desk=case.desk, subject_id=contact.uuid, at=at, restricted_to_desk=case.desk)
    return contact


@transaction.atomic
def agreement_add(*, actor, case: Case, data: dict) -> Agreement:
    _open_case(case, _("The case is closed: reopen it to change the plan."))
    errors = []
    what, who = normalise.text(data.get("what")), normalise.text(data.get("who"))
    if not what:
        errors.append(("what", "blank", _("Say what was agreed.")))
    if not who:
        errors.append(("who", "blank", _("Say who does it.")))
    if data["due_on"] < timezone.localdate(case.opened_at):
        errors.append(("due_on", "before_case", _("The due date lies before the case was opened.")))
    if errors:
        raise InvalidFields(errors)
    agreement = Agreement.objects.create(case=case, what=what, who=who, due_on=data["due_on"], created_by=_user(actor))
    record_event(case.client, "agreement_added", _("Agreement: %(what)s (%(who)s, by %(due_on)s)")
                 % {"what": what, "who": who, "due_on": agreement.due_on}, actor=actor,
                 desk=case.desk, subject_id=agreement.uuid, restricted_to_desk=case.desk)
    return agreement


@transaction.atomic
def agreement_done(*, actor, agreement: Agreement, done_on=None) -> Agreement:
    locked = Agreement.objects.select_for_update().select_related("case__client", "case__desk").get(pk=agreement.pk)
    if locked.done_on is not None:
        raise Conflict(_("This agreement is already done."), code="already_done")
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise InvalidFields([("done_on", "in_future", _("An agreement cannot be done in the future."))])
    locked.done_on = done_on
    locked.save(update_fields=["done_on"])
    record_event(locked.case.client, "agreement_done", _("Agreement done: %(what)s") % {"what": locked.what},
                 actor=actor,
                 desk=locked.case.desk, subject_id=locked.uuid, restricted_to_desk=locked.case.desk)
    return locked

