"""Retention (privacy.retention, manage.py apply_retention): who is past their retention period,
what anonymising removes and keeps, and that reports, the change history and the processing log
come out right. Dates are relative to today, so a real run (which refuses a future --as-of) works."""
import itertools
from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.choices import CaseStatus, Position, Source
from cases.models import Agreement, Case, CaseStatusChange, ContactMoment, Programme, Transition
from cases.outcomes import add_months
from cases.services import agreement_add, case_move, case_open, contact_record
from cases.transitions import transition_record
from clients import bsn as bsn_codec
from clients.models import Client, ClientEvent, ClientTargetGroup, Consent
from clients.services import client_register, consent_record
from privacy import retention
from referrals.choices import ReferralStatus
from referrals.models import OutboxEvent, Referral, ReferralStatusChange
from referrals.services import referral_move, referral_send
from reports import periods
from reports.engine import Scope, compute
from reports.indicators import BY_KEY
from rwc import history
from rwc.audit_models import ProcessingOperation, ProcessingSubject
from rwc.models import User
from tests.reports.conftest import testregio  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

_BSNS = itertools.count(111222333)
_BIRTHS = itertools.count()  # a birth date each: no probable duplicates


def months_ago(months: int) -> datetime:
    return datetime.combine(add_months(timezone.localdate(), -months), time(12), timezone.get_current_timezone())


def person(world, surname: str, *, closed_months_ago: int | None = None, programme: Programme | None = None) -> Client:
    """A client of the RMT desk in region A, with a consent, a case (closed that many months ago, or
    open), an agreement, a contact moment and a transition, all written through the services."""
    counsellor = User.objects.get(username="midden-rmt-counsellor")
    client = client_register(actor=counsellor, desk=world.rmt_a, data={
        "given_names": "Sanne", "name_prefix": "van", "surname": surname,
        "birth_date": date(1985, 3, 9) + timedelta(days=next(_BIRTHS)),
        "gender": "female", "email": f"{surname.lower()}@example.nl", "phone": "0612345678",
        "postcode": "3511 AB", "house_number": 12, "house_number_addition": "b", "city": "Utrecht",
        "municipality": "Utrecht", "preferred_language": "nl", "education_level": "mbo_2",
        "has_startkwalificatie": True, "benefit": "ww", "target_groups": ["limited_dutch"],
    })
    bsn = str(next(_BSNS))
    Client.objects.filter(pk=client.pk).update(bsn_ciphertext=bsn_codec.encrypt(bsn),
                                               bsn_index=bsn_codec.blind_index(bsn))
    consent_record(actor=counsellor, desk=world.rmt_a, client=client, data={
        "purpose": f"Trajectory of {surname}", "legal_basis": "consent", "evidence": "signed",
        "data_categories": ["identity", "contact"], "desks": [world.rmt_a], "partner_organisations": []})
    case = case_open(actor=counsellor, client=client, desk=world.rmt_a,
                     programme=programme or Programme.objects.get(code="general"))
    agreement_add(actor=counsellor, case=case, data={"what": f"{surname} updates the CV", "who": f"Sanne {surname}",
                                                      "due_on": date.today() + timedelta(days=30)})
    contact_record(actor=counsellor, case=case, data={"channel": "in_person", "kind": "intake",
                                                      "summary": f"Intake with {surname}: debts, two kids"})
    transition_record(actor=counsellor, client=client, case=case, data={
        "date": date.today() - timedelta(days=1), "from_position": Position.UNEMPLOYED_WITH_BENEFIT,
        "to_position": Position.EMPLOYED, "source": Source.COUNSELLOR, "employer_name": f"Bakkerij {surname}",
        "occupation": "Bakker", "sector": "food"})
    if closed_months_ago is not None:
        case_move(actor=counsellor, case=case, to_status=CaseStatus.CLOSED, closing_reason="work")
        Case.objects.filter(pk=case.pk).update(closed_at=months_ago(closed_months_ago))
    client.refresh_from_db()
    return client


def due_ids(as_of=None) -> set[int]:
    return set(retention.clients_past_retention(as_of).values_list("id", flat=True))


def run(*args) -> str:
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


# -- who is past retention -----------------------------------------------------------------------

def test_a_client_whose_last_case_closed_more_than_24_months_ago_is_past_retention(world):
    gone = person(world, "Zwanenburg", closed_months_ago=25)
    assert gone.pk in due_ids()
    end = retention.retention_end(retention.clients_past_retention().get(pk=gone.pk).retention_key)
    assert end == add_months(months_ago(25).date(), 24)


def test_a_client_whose_case_closed_23_months_ago_is_kept(world):
    kept = person(world, "Kortmann", closed_months_ago=23)
    assert kept.pk not in due_ids()
    assert kept.pk in due_ids(as_of=add_months(timezone.localdate(), 2))  # looking ahead, they will be


def test_retention_ends_with_the_latest_case_not_the_first(world):
    client = person(world, "Tweemaal", closed_months_ago=30)
    second = case_open(actor=User.objects.get(username="midden-rmt-counsellor"), client=client, desk=world.rmt_a,
                       programme=Programme.objects.get(code="general"))
    Case.objects.filter(pk=second.pk).update(status=CaseStatus.CLOSED, closed_at=months_ago(12))
    assert client.pk not in due_ids()


def test_a_client_with_an_open_case_is_kept(world):
    client = person(world, "Openhuis", closed_months_ago=None)
    Client.objects.filter(pk=client.pk).update(registered_at=months_ago(60))
    assert client.pk not in due_ids()
    assert world.client_a.pk not in due_ids()


def test_a_client_with_a_running_referral_is_kept(world):
    client = person(world, "Doorverwezen", closed_months_ago=30)
    referral = Referral.objects.create(
        client=client, from_desk=world.rmt_a, to_partner=world.partner_a, reason="r", service_requested="s",
        status=ReferralStatus.IN_PROGRESS, sent_at=months_ago(31), answer_due_at=months_ago(31))
    assert client.pk not in due_ids()
    Referral.objects.filter(pk=referral.pk).update(status=ReferralStatus.COMPLETED)
    assert client.pk in due_ids()


def test_a_programme_with_its_own_retention_period_keeps_its_clients_longer(world):
    long = Programme.objects.create(code="wsw-herindicatie", name="Wsw herindicatie", desk_kinds=["rmt"],
                                    retention_months=60)
    kept = person(world, "Langhout", closed_months_ago=30, programme=long)
    assert kept.pk not in due_ids()
    Case.objects.filter(client=kept).update(closed_at=months_ago(61))
    assert kept.pk in due_ids()


def test_calendar_months_clamp_to_the_end_of_a_shorter_month(world):
    """31 August 2023 + 6 months is 29 February 2024 (a leap year): kept on that day, due the next."""
    six = Programme.objects.create(code="kort", name="Kort traject", desk_kinds=["rmt"], retention_months=6)
    client = person(world, "Schrikkel", closed_months_ago=30, programme=six)
    Case.objects.filter(client=client).update(
        closed_at=datetime(2023, 8, 31, 12, tzinfo=timezone.get_current_timezone()))
    assert client.pk not in due_ids(date(2024, 2, 29))
    (due,) = retention.clients_past_retention(date(2024, 3, 1)).filter(pk=client.pk)
    assert retention.retention_end(due.retention_key) == date(2024, 2, 29)
    assert due.last_programme == "kort"


def test_a_client_without_any_case_is_kept_for_the_default_period_after_registration(world):
    counsellor = User.objects.get(username="midden-rmt-counsellor")
    client = client_register(actor=counsellor, desk=world.rmt_a, data={
        "given_names": "Piet", "surname": "Zondercase", "birth_date": date(1970, 1, 1)})
    assert client.pk not in due_ids()
    Client.objects.filter(pk=client.pk).update(registered_at=months_ago(25))
    assert client.pk in due_ids()


# -- the command ---------------------------------------------------------------------------------

def _rows(client: Client) -> dict:
    """Everything of the client's, as stored."""
    return {
        "client": list(Client.objects.filter(pk=client.pk).values()),
        "consents": list(Consent.objects.filter(client=client).values()),
        "events": list(ClientEvent.objects.filter(client=client).values()),
        "cases": list(Case.objects.filter(client=client).values()),
        "contacts": list(ContactMoment.objects.filter(case__client=client).values()),
        "agreements": list(Agreement.objects.filter(case__client=client).values()),
        "transitions": list(Transition.objects.filter(client=client).values()),
        "referrals": list(Referral.objects.filter(client=client).values()),
    }


def test_the_dry_run_lists_the_client_and_changes_nothing(world):
    gone = person(world, "Zwanenburg", closed_months_ago=25)
    kept = person(world, "Kortmann", closed_months_ago=23)
    before = _rows(gone), _rows(kept)
    changes_before = sum(m.objects.count() for m in history.change_models())

    out = run("--dry-run")

    assert (_rows(gone), _rows(kept)) == before
    assert sum(m.objects.count() for m in history.change_models()) == changes_before
    assert f"{gone.uuid}  {add_months(months_ago(25).date(), 24)}" in out
    assert str(kept.uuid) not in out
    assert f"  {world.region_a.name}: " in out
    assert "general:" in out
    assert "Zwanenburg" not in out  # no names in the output
    op = ProcessingOperation.objects.filter(operation="command apply_retention",
                                            purpose="Retention review (dry run)").latest("id")
    assert set(ProcessingSubject.objects.filter(operation=op).values_list("client_id", flat=True)) == due_ids()


def _raw(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def test_the_real_run_removes_names_bsn_contact_details_and_free_texts_and_keeps_what_reports_count(world):
    gone = person(world, "Zwanenburg", closed_months_ago=25)
    consent = Consent.objects.create(client=gone, purpose="Referral", legal_basis="consent", evidence="signed",
                                     data_categories=["identity"], given_at=months_ago(40))
    consent.desks.add(world.rmt_a)
    referral = referral_send(actor=None, client=gone, from_partner=world.partner_a, to_desk=world.rmt_a, data={
        "reason": "Zwanenburg needs work", "service_requested": "Career advice", "message": "Call Sanne at home",
        "partner_reference": "GEM-2024-0042", "shared_categories": ["identity"]})
    referral_move(actor=User.objects.get(username="midden-rmt-counsellor"), side="receiver", referral=referral,
                  to_status=ReferralStatus.DECLINED, note="Sanne Zwanenburg moved to Zeist")
    kept = person(world, "Kortmann", closed_months_ago=23)
    kept_before = _rows(kept)
    case_before = list(Case.objects.filter(client=gone).values())

    out = run()

    assert "1 client(s) anonymised" in out
    (row,) = _raw("SELECT given_names, name_prefix, surname, name_search, gender, email, phone, postcode, "
                  "house_number, house_number_addition, city, municipality, preferred_language, bsn_ciphertext, "
                  "bsn_index, duplicate_override_reason, anonymised_at, birth_date, education_level, "
                  "has_startkwalificatie, benefit, region_id, registered_by_desk_id "
                  "FROM clients_client WHERE id = %s", [gone.pk])
    assert row[:16] == ("Geanonimiseerd", "", "Geanonimiseerd", "geanonimiseerd geanonimiseerd", "", "", "", "",
                        None, "", "", "", "", "", None, "")
    assert row[16] is not None
    assert row[17:] == (gone.birth_date, "mbo_2", True, "ww", world.region_a.pk, world.rmt_a.pk)
    assert list(ClientTargetGroup.objects.filter(client=gone).values_list("code", flat=True)) == ["limited_dutch"]
    assert list(Case.objects.filter(client=gone).values()) == case_before  # status, dates, programme, reason
    # free texts about the person
    assert set(ContactMoment.objects.filter(case__client=gone).values_list("summary", flat=True)) == {""}
    assert set(Agreement.objects.filter(case__client=gone).values_list("what", "who")) == {("", "")}
    assert set(Consent.objects.filter(client=gone).values_list("purpose", flat=True)) == {""}
    assert not CaseStatusChange.objects.filter(case__client=gone).exclude(reason="").exists()
    (move,) = Transition.objects.filter(client=gone).values("employer_name", "occupation", "sector", "to_position")
    assert move == {"employer_name": "", "occupation": "", "sector": "food", "to_position": Position.EMPLOYED}
    referral.refresh_from_db()
    assert (referral.reason, referral.service_requested, referral.message, referral.decline_reason,
            referral.partner_reference) == ("", "", "", "", "")
    assert (referral.status, referral.sent_at, referral.answered_at is not None) == (
        ReferralStatus.DECLINED, referral.sent_at, True)
    assert not ReferralStatusChange.objects.filter(referral=referral).exclude(note="").exists()
    payloads = list(OutboxEvent.objects.filter(referral=referral).values_list("payload", flat=True))
    assert payloads and all(p["data"]["declineReason"] == "" and p["data"].get("partnerReference", "") == ""
                            for p in payloads)
    assert list(ClientEvent.objects.filter(client=gone).values_list("kind", "summary")) == [
        (retention.EVENT_KIND, retention.EVENT_SUMMARY)]
    # nothing of it anywhere in the client's tables
    for table, column in [("clients_client", "id"), ("clients_consent", "client_id"),
                          ("clients_clientevent", "client_id"), ("referrals_referral", "client_id"),
                          ("cases_transition", "client_id")]:
        assert _raw(f"SELECT count(*) FROM {table} t WHERE t.{column} = %s AND t::text ILIKE %s",
                    [gone.pk, "%zwanenburg%"]) == [(0,)], table
    # the one still in retention is untouched
    assert _rows(kept) == kept_before


def test_a_second_run_finds_nothing(world):
    gone = person(world, "Zwanenburg", closed_months_ago=25)
    run()
    anonymised_at = Client.objects.get(pk=gone.pk).anonymised_at
    assert due_ids() == set()
    assert "no client is past retention" in run()
    assert Client.objects.get(pk=gone.pk).anonymised_at == anonymised_at
    assert "0 client(s) would be anonymised" in run("--dry-run")


def test_the_change_history_of_the_client_is_forgotten(world):
    gone = person(world, "Zwanenburg", closed_months_ago=25)
    Referral.objects.create(client=gone, from_desk=world.rmt_a, to_partner=world.partner_a, status="completed",
                            reason="Zwanenburg asked for it", service_requested="s", sent_at=months_ago(26),
                            answer_due_at=months_ago(26), outcome_summary="Zwanenburg found work")
    person(world, "Kortmann", closed_months_ago=23)  # kept: not past retention

    def mentions(name: str) -> dict[str, int]:
        found = {}
        for change in history.change_models():
            table = connection.ops.quote_name(change._meta.db_table)
            (n,), = _raw(f"SELECT count(*) FROM {table} t WHERE t::text ILIKE %s", [f"%{name}%"])
            if n:
                found[change.__name__] = n
        return found

    assert {"ClientChange", "ConsentChange", "AgreementChange", "ContactMomentChange",
            "TransitionChange", "ReferralChange"} <= mentions("Zwanenburg").keys()  # the triggers did record them
    kept_history = mentions("Kortmann")

    run()

    assert mentions("Zwanenburg") == {}
    tracked_ids = {Client: [gone.pk], Case: list(Case.objects.filter(client=gone).values_list("id", flat=True))}
    for change in history.change_models():  # not even rows without the name (a case's status moves)
        ids = tracked_ids.get(change.pgh_tracked_model)
        if ids:
            assert not change.objects.filter(pgh_obj_id__in=ids).exists(), change.__name__
    assert mentions("Kortmann") == kept_history


def test_the_run_is_written_to_the_processing_log_with_the_clients_as_subjects(world):
    gone = person(world, "Zwanenburg", closed_months_ago=25)
    other = person(world, "Zeegers", closed_months_ago=26)
    before = ProcessingOperation.objects.count()

    run()

    (op,) = ProcessingOperation.objects.order_by("id")[before:]
    assert op.operation == "command apply_retention"
    assert op.channel == "command"
    assert op.purpose == "Retention period passed: personal data anonymised"
    assert op.subject_count == 2
    subjects = ProcessingSubject.objects.filter(operation=op)
    assert set(subjects.values_list("client_id", "client_uuid")) == {(gone.pk, gone.uuid), (other.pk, other.uuid)}


def test_a_run_in_batches_anonymises_them_all_and_logs_each_batch(world):
    people = [person(world, name, closed_months_ago=25) for name in ("Aalders", "Bosman", "Claassen")]
    before = ProcessingOperation.objects.count()
    run("--batch-size", "2")
    assert not Client.objects.filter(pk__in=[p.pk for p in people], anonymised_at__isnull=True).exists()
    ops = ProcessingOperation.objects.order_by("id")[before:]
    assert [op.subject_count for op in ops] == [2, 1]


def test_anonymising_makes_a_fixed_number_of_queries_per_batch(world):
    few = [person(world, name, closed_months_ago=25) for name in ("Aalders",)]
    many = [person(world, name, closed_months_ago=25) for name in ("Bosman", "Claassen", "Dekker", "Evers")]

    with CaptureQueriesContext(connection) as one:
        retention.anonymise(few)
    with CaptureQueriesContext(connection) as four:
        retention.anonymise(many)
    assert len(four.captured_queries) == len(one.captured_queries)


def test_a_bad_as_of_is_refused_with_a_clear_message(world):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--as-of", "31-01-2027")
    with pytest.raises(CommandError, match="future"):
        run("--as-of", (timezone.localdate() + timedelta(days=1)).isoformat())


def test_as_of_judges_retention_on_that_date(world):
    gone = person(world, "Zwanenburg", closed_months_ago=25)
    on_time = add_months(months_ago(25).date(), 24)
    assert str(gone.uuid) not in run("--dry-run", "--as-of", on_time.isoformat())  # ends that day: not before
    assert str(gone.uuid) in run("--dry-run", "--as-of", (on_time + timedelta(days=1)).isoformat())


# -- report figures ------------------------------------------------------------------------------

def _figures(region) -> dict:
    """The figures as published (with noise: anonymising must keep the records, so their keys, so the
    noise) and as counted (D = 0: the hand-worked counts)."""
    scope, period = Scope(region_ids=[region.pk]), periods.parse("2025")
    out = {}
    for key, by in [("exits", ["closing_reason"]), ("placements", ["age_band"]),
                    ("praktijkverklaringen", ["qualification"]), ("transitions", ["education_level"]),
                    ("placement-rate", ["target_group"]), ("referrals", ["sender"]), ("intakes", ["quarter"])]:
        for noise in (2, 0):
            out[(key, *by, noise)] = compute(BY_KEY[key], scope=scope, period=period, by=by, k=5, max_noise=noise,
                                             today=date(2026, 6, 1))
    return out


def test_report_figures_are_the_same_after_anonymising(testregio, settings):  # noqa: F811
    """Testregio's cases closed in 2025: with a six-month period their clients are past retention
    today, except those with an open case and the one with accepted (running) referrals."""
    settings.RETENTION_MONTHS = 6
    before = _figures(testregio.region)
    in_region = Client.objects.filter(region=testregio.region)

    run()

    served = in_region.filter(Q(cases__closed_at__isnull=True) | Q(referrals__status=ReferralStatus.ACCEPTED))
    assert set(in_region.filter(anonymised_at__isnull=True)) == set(served)  # C, D and the referred client
    assert in_region.filter(anonymised_at__isnull=False).count() == 10 + 6 + 3 + 10  # A, B, E, F
    assert _figures(testregio.region) == before
    assert before[("placements", "age_band", 0)]["total"]["values"] == {"placed": 10, "stillInWork": 5}
