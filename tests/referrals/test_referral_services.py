"""The referral domain: sending needs a covering consent, the lifecycle table and its sides,
accepting grants access and can open a case, expiry, and consent withdrawal ending access."""
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import Programme
from clients.access import clients_visible_to
from clients.services import consent_record, consent_withdraw
from referrals.choices import ReferralStatus, Side
from referrals.models import Referral, ReferralStatusChange
from referrals.services import referral_move, referral_send, referrals_expire
from rwc.errors import Conflict, InvalidFields, NotAllowed
from rwc.models import User


@pytest.fixture
def rmt_counsellor(db):
    return User.objects.get(username="midden-rmt-counsellor")


@pytest.fixture
def lwl_counsellor(db):
    return User.objects.get(username="midden-lwl-counsellor")


@pytest.fixture
def consent_for_lwl(world, rmt_counsellor):
    return consent_record(actor=rmt_counsellor, desk=world.rmt_a, client=world.client_a, data={
        "purpose": "Referral to the Leerwerkloket", "legal_basis": "consent", "evidence": "signed",
        "data_categories": ["identity", "education"], "desks": [world.lwl_a], "partner_organisations": []})


def _send(world, actor, **extra):
    data = {"reason": "Wants to retrain", "service_requested": "Learning and training advice",
            "shared_categories": ["identity", "education"], **extra.pop("data", {})}
    return referral_send(actor=actor, client=world.client_a, from_desk=world.rmt_a, to_desk=world.lwl_a, data=data,
                         **extra)


@pytest.mark.django_db
def test_sending_without_a_covering_consent_is_409_naming_what_is_missing(world, rmt_counsellor):
    before = Referral.objects.count()
    with pytest.raises(Conflict) as exc:
        _send(world, rmt_counsellor)
    assert exc.value.code == "no_consent"
    assert exc.value.extra["missing"] == {"receiver": world.lwl_a.name, "dataCategories": ["education", "identity"]}
    assert Referral.objects.count() == before


@pytest.mark.django_db
def test_consent_must_cover_every_shared_category(world, rmt_counsellor, consent_for_lwl):
    with pytest.raises(Conflict):
        _send(world, rmt_counsellor, data={"shared_categories": ["identity", "health"]})


@pytest.mark.django_db
def test_a_referral_travels_to_accepted_with_a_case_and_completes_with_feedback(
        world, rmt_counsellor, lwl_counsellor, consent_for_lwl):
    referral = _send(world, rmt_counsellor)
    assert referral.status == "requested" and referral.consent == consent_for_lwl
    assert referral.answer_due_at > timezone.now() + timedelta(days=9)
    assert not clients_visible_to(lwl_counsellor).filter(pk=world.client_a.pk).exists(), "nothing before accepting"
    programme = Programme.objects.get(code="general")
    referral = referral_move(actor=lwl_counsellor, side=Side.RECEIVER, referral=referral, to_status="accepted",
                             programme=programme)
    assert referral.case.desk == world.lwl_a and referral.grant.consent == consent_for_lwl
    assert clients_visible_to(lwl_counsellor).filter(pk=world.client_a.pk).exists()
    referral = referral_move(actor=lwl_counsellor, side=Side.RECEIVER, referral=referral, to_status="in_progress")
    referral = referral_move(actor=lwl_counsellor, side=Side.RECEIVER, referral=referral, to_status="completed",
                             note="Started a BBL course in care")
    assert referral.outcome_summary == "Started a BBL course in care"
    assert [c.to_status for c in ReferralStatusChange.objects.filter(referral=referral)] == [
        "requested", "accepted", "in_progress", "completed"]


@pytest.mark.django_db
def test_sides_and_the_table_decide_every_move(world, rmt_counsellor, lwl_counsellor, consent_for_lwl):
    referral = _send(world, rmt_counsellor)
    with pytest.raises(NotAllowed):
        referral_move(actor=rmt_counsellor, side=Side.SENDER, referral=referral, to_status="accepted")
    with pytest.raises(NotAllowed):
        referral_move(actor=lwl_counsellor, side=Side.RECEIVER, referral=referral, to_status="withdrawn")
    with pytest.raises(Conflict):
        referral_move(actor=lwl_counsellor, side=Side.RECEIVER, referral=referral, to_status="completed")
    with pytest.raises(InvalidFields):
        referral_move(actor=lwl_counsellor, side=Side.RECEIVER, referral=referral, to_status="declined")
    referral.refresh_from_db()
    assert referral.status == "requested" and referral.version == 1
    referral = referral_move(actor=rmt_counsellor, side=Side.SENDER, referral=referral, to_status="withdrawn")
    with pytest.raises(Conflict):
        referral_move(actor=lwl_counsellor, side=Side.RECEIVER, referral=referral, to_status="accepted")


@pytest.mark.django_db
def test_a_declined_or_expired_referral_grants_nothing(world, rmt_counsellor, lwl_counsellor, consent_for_lwl):
    declined = _send(world, rmt_counsellor)
    referral_move(actor=lwl_counsellor, side=Side.RECEIVER, referral=declined, to_status="declined",
                  note="Not eligible")
    late = _send(world, rmt_counsellor)
    Referral.objects.filter(pk=late.pk).update(answer_due_at=timezone.now() - timedelta(minutes=1))
    assert referrals_expire() == 1
    late.refresh_from_db()
    assert late.status == ReferralStatus.EXPIRED
    assert not clients_visible_to(lwl_counsellor).filter(pk=world.client_a.pk).exists()
    call_command("expire_referrals")  # nothing left to expire, and the command runs


@pytest.mark.django_db
def test_withdrawing_the_consent_ends_the_access_accepting_gave(world, rmt_counsellor, lwl_counsellor,
                                                                 consent_for_lwl):
    referral = _send(world, rmt_counsellor)
    referral_move(actor=lwl_counsellor, side=Side.RECEIVER, referral=referral, to_status="accepted")
    assert clients_visible_to(lwl_counsellor).filter(pk=world.client_a.pk).exists()
    consent_withdraw(actor=rmt_counsellor, consent=consent_for_lwl, reason="client asked")
    assert not clients_visible_to(lwl_counsellor).filter(pk=world.client_a.pk).exists()


@pytest.mark.django_db
def test_accepting_after_the_consent_was_withdrawn_is_409(world, rmt_counsellor, lwl_counsellor, consent_for_lwl):
    referral = _send(world, rmt_counsellor)
    consent_withdraw(actor=rmt_counsellor, consent=consent_for_lwl)
    with pytest.raises(Conflict) as exc:
        referral_move(actor=lwl_counsellor, side=Side.RECEIVER, referral=referral, to_status="accepted")
    assert exc.value.code == "consent_withdrawn"


@pytest.mark.django_db
@pytest.mark.parametrize("changes,field", [
    ({"data": {"reason": " "}}, "reason"),
    ({"data": {"warm_handover": True}}, "planned_meeting_at"),
    ({"data": {"shared_categories": ["shoe_size"]}}, "shared_categories"),
])
def test_bad_referrals_name_the_field_and_store_nothing(world, rmt_counsellor, consent_for_lwl, changes, field):
    before = Referral.objects.count()
    with pytest.raises(InvalidFields) as exc:
        _send(world, rmt_counsellor, **changes)
    assert field in {name for name, _, _ in exc.value.errors}
    assert Referral.objects.count() == before


@pytest.mark.django_db
def test_a_receiver_in_another_region_is_refused(world, rmt_counsellor, consent_for_lwl):
    with pytest.raises(InvalidFields):
        referral_send(actor=rmt_counsellor, client=world.client_a, from_desk=world.rmt_a, to_desk=world.rmt_b,
                      data={"reason": "x", "service_requested": "y"})


@pytest.mark.django_db
def test_a_case_opened_on_acceptance_ends_with_the_consent(world, rmt_counsellor, lwl_counsellor, consent_for_lwl):
    """Review finding: the receiving desk's case kept the client visible after the consent was withdrawn."""
    from cases.access import cases_visible_to

    referral = _send(world, rmt_counsellor)
    referral = referral_move(actor=lwl_counsellor, side=Side.RECEIVER, referral=referral, to_status="accepted",
                             programme=Programme.objects.get(code="general"))
    assert cases_visible_to(lwl_counsellor).filter(pk=referral.case.pk).exists()
    consent_withdraw(actor=rmt_counsellor, consent=consent_for_lwl)
    assert not clients_visible_to(lwl_counsellor).filter(pk=world.client_a.pk).exists()
    assert not cases_visible_to(lwl_counsellor).filter(pk=referral.case.pk).exists()


@pytest.mark.django_db
def test_a_grant_ends_when_its_consent_expires(world, rmt_counsellor, lwl_counsellor, consent_for_lwl):
    from clients.models import Consent

    referral = _send(world, rmt_counsellor)
    referral_move(actor=lwl_counsellor, side=Side.RECEIVER, referral=referral, to_status="accepted")
    assert clients_visible_to(lwl_counsellor).filter(pk=world.client_a.pk).exists()
    Consent.objects.filter(pk=consent_for_lwl.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    assert not clients_visible_to(lwl_counsellor).filter(pk=world.client_a.pk).exists()
