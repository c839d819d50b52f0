"""Questions answered at the front door without a client record (the Leerwerkloket and the youth
desk answer many from people who are never registered: "one front door; nobody gets lost").

A question is anonymous, or carries a pseudonym the person chose; it names the channel, topic,
desk, where the person was referred onwards and whether a follow-up is needed. When the person
comes back and is registered, the question is linked to the client (`question_convert`), once.
Or the person is registered from the question, in one step (`question_register`: the client is
registered at the question's desk and the question linked to them). Staff of the desk correct it,
refer onwards and plan or close the follow-up (`question_update`).

Access: staff of the question's desk (and of the desk it was merged into) read and record them; the
region's privacy officer reads them. Nobody else: a summary may say more about a person than a
pseudonym does.

Rules: the question was asked now or earlier (400 `in_future`); the pseudonym at most 80
characters; the desk or partner referred to is one of the region's (400 `does_not_exist`); a
follow-up date only with a follow-up needed, not before the question (400); linking needs a client
of the region the caller may see, and happens once (409 `already_converted`).
"""
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import normalise
from rwc.access import profile_for
from rwc.errors import Conflict, InvalidFields, PreconditionFailed, one_of
from rwc.models import Desk, RegionRoleKind, User

from .choices import QuestionChannel, QuestionTopic
from .models import FrontDoorQuestion

MAX_PSEUDONYM = 80


def questions_visible_to(principal):
    profile = profile_for(principal)
    if profile.is_partner:
        return FrontDoorQuestion.objects.none()
    q = Q(desk_id__in=profile.desk_ids) if profile.desk_ids else None
    officer = profile.regions_with_role(RegionRoleKind.PRIVACY_OFFICER)
    if officer:
        q = (q | Q(region_id__in=officer)) if q is not None else Q(region_id__in=officer)
    return FrontDoorQuestion.objects.filter(q) if q is not None else FrontDoorQuestion.objects.none()


def questions_workable_by(principal):
    profile = profile_for(principal)
    if profile.is_partner or not profile.desk_ids:
        return FrontDoorQuestion.objects.none()
    return FrontDoorQuestion.objects.filter(desk_id__in=profile.desk_ids)


def _clean(desk: Desk, data: dict) -> dict:
    """Check a question's fields (all of them, as they would be stored); 400 naming each field wrong."""
    errors = []
    now = timezone.now()
    asked_at = data.get("asked_at") or now
    if asked_at > now + timedelta(minutes=5):
        errors.append(("asked_at", "in_future", _("A question cannot lie in the future.")))
    elif asked_at < now - timedelta(days=366):  # a front-door log, not an archive (and no pre-1900 local-mean-time offsets)
        errors.append(("asked_at", "too_old", _("A question is logged within a year of being asked.")))
    if data.get("channel") not in QuestionChannel.values:
        errors.append(("channel", "invalid_choice", _("Unknown channel; use one of: %(allowed)s.")
                                                    % {"allowed": one_of(QuestionChannel)}))
    if data.get("topic") not in QuestionTopic.values:
        errors.append(("topic", "invalid_choice", _("Unknown topic; use one of: %(allowed)s.")
                                                  % {"allowed": one_of(QuestionTopic)}))
    pseudonym = normalise.text(data.get("pseudonym"))
    if len(pseudonym) > MAX_PSEUDONYM:
        errors.append(("pseudonym", "max_length", _("A pseudonym has at most %(max_pseudonym)s characters.")
                                                  % {"max_pseudonym": MAX_PSEUDONYM}))
    partner, to_desk = data.get("referred_to_partner"), data.get("referred_to_desk")
    if partner is not None and (partner.region_id != desk.region_id or not partner.is_active):
        errors.append(("referred_to_partner", "does_not_exist", _("No such partner organisation in the region.")))
    if to_desk is not None and (to_desk.region_id != desk.region_id or not to_desk.is_active):
        errors.append(("referred_to_desk", "does_not_exist", _("No such desk in the region.")))
    follow_up_needed = bool(data.get("follow_up_needed"))
    follow_up_on = data.get("follow_up_on")
    if follow_up_on is not None:
        if not follow_up_needed:
            errors.append(("follow_up_on", "follow_up_not_needed",
                           _("A follow-up date goes with followUpNeeded true.")))
        elif follow_up_on < timezone.localdate(asked_at):
            errors.append(("follow_up_on", "before_question", _("The follow-up lies before the question.")))
    if errors:
        raise InvalidFields(errors)
    return {"asked_at": asked_at, "channel": data["channel"], "topic": data["topic"], "pseudonym": pseudonym,
            "summary": normalise.text(data.get("summary"))[:2000], "referred_to_partner": partner,
            "referred_to_desk": to_desk, "follow_up_needed": follow_up_needed, "follow_up_on": follow_up_on}


@transaction.atomic
def question_record(*, actor, desk: Desk, data: dict) -> FrontDoorQuestion:
    return FrontDoorQuestion.objects.create(region_id=desk.region_id, desk=desk, **_clean(desk, data),
                                            recorded_by=actor if isinstance(actor, User) else None)


EDITABLE = ("asked_at", "channel", "topic", "pseudonym", "summary", "referred_to_partner", "referred_to_desk",
            "follow_up_needed", "follow_up_on")


@transaction.atomic
def question_update(*, actor, question: FrontDoorQuestion, data: dict, expected_version: int | None) -> FrontDoorQuestion:
    """Change a question: correct what was logged, refer onwards, plan or close the follow-up
    (`followUpNeeded` false clears the follow-up date unless one is given). Checked as a whole, as
    when recorded; the change history keeps what it was."""
    locked = FrontDoorQuestion.objects.select_for_update().select_related("desk").get(pk=question.pk)
    if expected_version is not None and locked.version != expected_version:
        raise PreconditionFailed(_("The question was changed since you read it; fetch it again and retry."))
    merged = {name: getattr(locked, name) for name in EDITABLE}
    if data.get("follow_up_needed") is False and "follow_up_on" not in data:
        merged["follow_up_on"] = None
    merged.update({name: value for name, value in data.items() if name in EDITABLE})
    cleaned = _clean(locked.desk, merged)
    changed = [name for name, value in cleaned.items() if getattr(locked, name) != value]
    if changed:
        for name in changed:
            setattr(locked, name, cleaned[name])
        locked.version += 1
        locked.save(update_fields=[*changed, "version"])
    return locked


@transaction.atomic
def question_convert(*, actor, question: FrontDoorQuestion, client, expected_version: int | None = None):
    """Link the question to the client the person was registered as (once)."""
    locked = FrontDoorQuestion.objects.select_for_update().get(pk=question.pk)
    if expected_version is not None and locked.version != expected_version:
        raise PreconditionFailed(_("The question was changed since you read it; fetch it again and retry."))
    if locked.client_id is not None:
        raise Conflict(_("The question is linked to a registered client already."), code="already_converted")
    if client.region_id != locked.region_id:
        raise InvalidFields([("client", "does_not_exist", _("No such client in the question's region."))])
    locked.client = client
    locked.converted_at = timezone.now()
    locked.converted_by = actor if isinstance(actor, User) else None
    locked.version += 1
    locked.save(update_fields=["client", "converted_at", "converted_by", "version"])
    return locked


@transaction.atomic
def question_register(*, actor, question: FrontDoorQuestion, data: dict, override_reason: str | None = None,
                      expected_version: int | None = None):
    """The person came back: register them as a client at the question's desk and link the question
    to that client, in one transaction (the registration's rules apply: a probable duplicate is a 409
    with its candidates, to link to instead). Returns the question and the new client."""
    from clients.services import client_register

    locked = FrontDoorQuestion.objects.select_for_update().select_related("desk").get(pk=question.pk)
    if expected_version is not None and locked.version != expected_version:
        raise PreconditionFailed(_("The question was changed since you read it; fetch it again and retry."))
    if locked.client_id is not None:
        raise Conflict(_("The question is linked to a registered client already."), code="already_converted")
    client = client_register(actor=actor, desk=locked.desk, data=data, override_reason=override_reason)
    return question_convert(actor=actor, question=locked, client=client), client
