"""Each indicator on Testregio (see conftest) against figures worked out by hand, without noise
(D = 0: counts of k or more as they are, 1 to k-1 as 0; see `no_noise`)."""
import pytest

from tests.helpers import invalid_names, problem

pytestmark = pytest.mark.usefixtures("no_noise")


def get(t, key, **params):
    response = t.manager.get(f"/api/v1/reports/{key}", {"period": "2025", **params})
    assert response.status_code == 200, response.content[:400]
    return response.json()


def cells(report):
    return {tuple(r["dimensions"].values()): r["values"] for r in report["rows"]}


@pytest.mark.django_db
def test_intakes_by_quarter_a_small_quarter_is_published_as_0_and_left_out(testregio):
    """RMT opened 10 (A) + 10 (F) in Q1, 6 (B) in Q2, 4 (C) in Q3: 20 + 6 + 4 = 30. The 4 is small:
    published as 0, and a row of zeros is not listed. The total is its own cell (30), so Q3 would be
    30 - 20 - 6 = 4 here, with no noise; with noise (D >= 1) the three published figures are each off
    by up to D and the difference tells nothing (test_differencing.py)."""
    report = get(testregio, "intakes", desk=str(testregio.rmt.uuid), by="quarter")
    assert cells(report) == {("2025-Q1",): {"intakes": 20}, ("2025-Q2",): {"intakes": 6}}
    assert report["total"]["values"] == {"intakes": 30} and report["total"]["suppressed"] == []


@pytest.mark.django_db
def test_intakes_by_desk_leave_the_small_youth_desk_out(testregio):
    """RMT 30, youth 3 (E), total 33: the 3 is published as 0, so the youth desk's row is not listed."""
    report = get(testregio, "intakes", by="desk")
    assert cells(report) == {("RMT Testregio",): {"intakes": 30}}
    assert report["total"]["values"] == {"intakes": 33}


@pytest.mark.django_db
def test_active_caseload_at_the_end_of_the_year(testregio):
    """Open on 31 December 2025: C (4) and D (5); A, B, E and F closed during 2025."""
    assert get(testregio, "caseload")["total"]["values"] == {"active": 9}
    by_quarter = cells(get(testregio, "caseload", by="quarter", desk=str(testregio.rmt.uuid)))
    # end of Q1: A 10 + D 5 + F 10 = 25; Q2: A 10 + B 6 + D 5 = 21 (F closed 30 June); Q3: B 6 + C 4 + D 5 = 15
    # (A closed 15 September); Q4: C 4 + D 5 = 9
    assert by_quarter == {("2025-Q1",): {"active": 25}, ("2025-Q2",): {"active": 21},
                          ("2025-Q3",): {"active": 15}, ("2025-Q4",): {"active": 9}}


@pytest.mark.django_db
def test_exits_by_closing_reason(testregio):
    """Work 10 (A), no contact 6 (B), education 10 (F) + 3 (E) = 13: 29 exits, nothing small."""
    report = get(testregio, "exits", by="closing_reason")
    assert cells(report) == {("education",): {"exits": 13}, ("no_contact",): {"exits": 6}, ("work",): {"exits": 10}}
    assert report["total"]["values"] == {"exits": 29}


@pytest.mark.django_db
def test_placement_rate(testregio):
    """RMT exits: A 10 + B 6 + F 10 = 26, of which with a placement: A's 10. 10 / 26 = 0.3846."""
    values = get(testregio, "placement-rate", desk=str(testregio.rmt.uuid))["total"]["values"]
    assert values == {"exits": 26, "exitsWithPlacement": 10, "placementRate": 0.3846}


@pytest.mark.django_db
def test_placements_and_how_many_were_still_in_work(testregio):
    """The done-when question: placed in 2025 (A: 10), still in work at the follow-up: 5."""
    values = get(testregio, "placements", desk=str(testregio.rmt.uuid))["total"]["values"]
    assert values == {"placed": 10, "stillInWork": 5}


@pytest.mark.django_db
def test_sustained_placement_rate_counts_overdue_unrecorded_follow_ups_as_not_sustained(testregio):
    """Due in 2025: A's 10 (10 November). 8 recorded (5 in work, 3 not), 2 never recorded and overdue
    by more than the 30-day grace: 5 sustained / 10 = 0.5."""
    values = get(testregio, "sustained-placement-rate")["total"]["values"]
    assert values == {"followUpsDue": 10, "sustained": 5, "sustainedRate": 0.5}


@pytest.mark.django_db
def test_within_the_grace_period_an_unrecorded_follow_up_is_not_counted_yet(testregio, settings):
    """With the two unrecorded ones still in grace: 8 due, 5 sustained, 5/8 = 0.625. (Without noise
    8 - 5 tells that 3 lost their work; with noise each figure is off by up to D and the difference
    is not a count anyone can rely on: test_differencing.py mounts that attack.)"""
    settings.REPORT_FOLLOW_UP_GRACE_DAYS = 10_000
    values = get(testregio, "sustained-placement-rate")["total"]["values"]
    assert values == {"followUpsDue": 8, "sustained": 5, "sustainedRate": 0.625}


@pytest.mark.django_db
def test_median_days_from_intake_to_placement(testregio):
    """Opened 10 February, placed 10 May 2025: 89 days, for all ten."""
    values = get(testregio, "days-to-placement")["total"]["values"]
    assert values["placements"] == 10 and values["medianDays"] == pytest.approx(89.0, abs=0.5)


@pytest.mark.django_db
def test_praktijkverklaringen_by_qualification(testregio):
    report = get(testregio, "praktijkverklaringen", by="qualification")
    assert cells(report) == {("Logistiek medewerker",): {"issued": 5}}


@pytest.mark.django_db
def test_credential_rate(testregio):
    """Exits from education or training: F's 10 (education started); 5 got a praktijkverklaring
    within a year after closing (1 December 2025, closed 30 June). E had no education recorded."""
    values = get(testregio, "credential-rate")["total"]["values"]
    assert values == {"exitsFromEducation": 10, "withCredential": 5, "credentialRate": 0.5}


@pytest.mark.django_db
def test_transitions_by_kind(testregio):
    assert cells(get(testregio, "transitions", by="kind")) == {("benefit_to_work",): {"transitions": 10}}


@pytest.mark.django_db
def test_youth_exits_small_counts_are_published_as_0(testregio):
    """E: 3 exits to education: published as 0, like the true 0 to work; nothing is null."""
    values = get(testregio, "youth-exits")["total"]
    assert values["values"] == {"exits": 0, "toEducation": 0, "toWork": 0}
    assert values["suppressed"] == []


@pytest.mark.django_db
def test_referrals_per_pair(testregio):
    """15 sent RMT -> youth: 5 accepted, 5 declined (both after 2 days, within the 10), 5 expired.
    Answered or expired: 15; answered in time: 10 -> 0.6667; median days to an answer: 2."""
    report = get(testregio, "referrals", by="sender,receiver")
    [row] = report["rows"]
    assert row["dimensions"] == {"sender": "RMT Testregio", "receiver": "Jongerenloket Testregio"}
    assert row["values"] == {"sent": 15, "accepted": 5, "declined": 5, "expired": 5, "answerable": 15,
                             "answeredInTime": 10, "answeredInTimeShare": 0.6667, "answered": 10,
                             "medianDaysToAnswer": 2.0}


@pytest.mark.django_db
def test_a_managers_own_region_only(testregio, api, world):
    """Midden-Utrecht's manager sees none of Testregio, and cannot ask for it."""
    other = api("manager").get("/api/v1/reports/intakes", {"period": "2025", "region": str(testregio.region.uuid)})
    assert invalid_names(problem(other, 400)) == {"region"}
    mine = api("manager").get("/api/v1/reports/intakes", {"period": "2025", "by": "desk"}).json()
    assert not any("Testregio" in str(r["dimensions"]) for r in mine["rows"])


@pytest.mark.django_db
@pytest.mark.parametrize("params, names", [
    ({}, {"period"}),
    ({"period": "2025-13"}, {"period"}),
    ({"period": "2025", "by": "desk,region,quarter"}, {"by"}),
    ({"period": "2025", "by": "shoe_size"}, {"by"}),
    ({"period": "2025", "by": "month,quarter"}, {"by"}),
    ({"period": "2025", "desk": "00000000-0000-4000-8000-000000000000"}, {"desk"}),
    ({"period": "2025", "colour": "red"}, {"colour"}),
])
def test_bad_report_requests_name_the_parameter(testregio, params, names):
    answer = problem(testregio.manager.get("/api/v1/reports/intakes", params), 400)
    assert invalid_names(answer) == names


@pytest.mark.django_db
def test_only_managers_read_reports(api, world):
    for role in ("counsellor", "team_lead", "privacy_officer", "functional_admin", "partner"):
        problem(api(role).get("/api/v1/reports/intakes", {"period": "2025"}), 403)
    problem(api("manager").get("/api/v1/reports/no-such-thing", {"period": "2025"}), 404)


@pytest.mark.django_db
def test_age_band_and_target_group_are_worked_out_in_the_database(testregio):
    """Everyone in Testregio was born on 1 June 1990: 34 at every 2025 intake before 1 June, 35 after
    (C, opened 1 July: 4); nobody has a target group. 33 intakes: 29 aged 34, 4 aged 35, all 28-44."""
    report = get(testregio, "intakes", by="age_band,target_group")
    assert cells(report) == {("28-44", "none"): {"intakes": 33}}


@pytest.mark.django_db
def test_age_is_whole_years_on_the_deciding_date(testregio):
    """Born 1 June 1990: 34 on 31 May 2025, 35 on 1 June 2025 (the database's own arithmetic)."""
    from datetime import date

    from cases.models import Case
    from reports.dimensions import age
    from tests.reports.conftest import at

    case = Case.objects.filter(desk=testregio.rmt).first()
    ages = []
    for day in (date(2025, 5, 31), date(2025, 6, 1), date(2025, 12, 31)):
        Case.objects.filter(pk=case.pk).update(opened_at=at(day))
        ages.append(Case.objects.filter(pk=case.pk).annotate(a=age("opened_at", "client__birth_date")).get().a)
    assert ages == [34, 35, 35]


@pytest.mark.django_db
def test_employers_served_by_sector(wsp_testregio):
    """7 served: logistics 5, care 2; the 2 is published as 0 and its row left out."""
    report = get(wsp_testregio, "employers-served", by="sector")
    assert cells(report) == {("logistiek",): {"employers": 5}}
    assert report["total"]["values"] == {"employers": 7}


@pytest.mark.django_db
def test_vacancies_posted_filled_and_places_filled_per_sector(wsp_testregio):
    assert get(wsp_testregio, "vacancies-posted")["total"]["values"] == {"vacancies": 6, "places": 12}
    assert get(wsp_testregio, "vacancies-filled")["total"]["values"] == {"vacancies": 5}
    assert cells(get(wsp_testregio, "places-filled", by="sector")) == {("logistiek",): {"hires": 5}}


@pytest.mark.django_db
def test_matching_event_attendance_and_matches(wsp_testregio):
    """One event (a count of events, not people, but small all the same), 8 registered, 6 attended,
    6 conversations, 5 invitations, 1 hire (published as 0, like the one event)."""
    values = get(wsp_testregio, "matching-events")["total"]["values"]
    assert values == {"events": 0, "registered": 8, "attended": 6, "conversations": 6,
                      "followUpInvitations": 5, "hires": 0}


@pytest.mark.django_db
def test_praktijkverklaringen_in_logistics_for_the_region(testregio):
    """The done-when question: praktijkverklaringen the region issued in logistics in 2025."""
    from cases.models import Outcome

    Outcome.objects.filter(kind="praktijkverklaring").update(sector="logistiek")
    report = get(testregio, "praktijkverklaringen", by="sector", region=str(testregio.region.uuid))
    assert cells(report) == {("logistiek",): {"issued": 5}}


@pytest.mark.django_db
def test_caseload_over_time_per_period_end_and_the_total_is_the_last_one(testregio):
    """Caseload by desk and quarter: each quarter end is its own table. Youth had 3 open at the ends of
    Q1 and Q2 (E, 1 March to 1 August), 0 later: published as 0, so no youth row. RMT: 25, 21, 15, 9
    (see above); the subtotals are cells of their own: 28, 24, 15, 9. The total is the end of Q4's:
    9, the same cell as Q4's subtotal."""
    report = get(testregio, "caseload", by="desk,quarter")
    rows = {tuple(r["dimensions"].values()): r["values"]["active"] for r in report["rows"]}
    assert rows == {("RMT Testregio", "2025-Q1"): 25, ("RMT Testregio", "2025-Q2"): 21,
                    ("RMT Testregio", "2025-Q3"): 15, ("RMT Testregio", "2025-Q4"): 9}
    subtotals = {r["dimensions"]["quarter"]: r["values"]["active"] for r in report["subtotals"]}
    assert subtotals == {"2025-Q1": 28, "2025-Q2": 24, "2025-Q3": 15, "2025-Q4": 9}
    assert report["total"]["values"] == {"active": 9}


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["application/json", "text/csv"])
def test_a_row_published_as_0_shows_no_free_text(testregio, accept):
    """Issue 16.11: one praktijkverklaring with a title typed for one person is a count of 1, published
    as 0: its row, and so the title, appear nowhere in the report (the 5 "Logistiek medewerker" do)."""
    from datetime import date

    from cases.models import Case, Outcome

    case = Case.objects.filter(desk=testregio.rmt, closing_reason="education").first()
    Outcome.objects.create(case=case, kind="praktijkverklaring", date=date(2025, 12, 2),
                           qualification_title="Heftruckchauffeur bij Jansen en Zoon", sector="transport")
    for by in ("qualification", "qualification,sector", "sector"):
        response = testregio.manager.get("/api/v1/reports/praktijkverklaringen", {"period": "2025", "by": by},
                                         HTTP_ACCEPT=accept)
        assert response.status_code == 200
        assert b"Logistiek medewerker" in response.content or by == "sector"
        assert b"Jansen" not in response.content and b"transport" not in response.content, by


@pytest.mark.django_db
def test_no_shows_count_held_and_missed_appointments_only(testregio):
    """In 2025 at the RMT: 8 held and 6 missed (14, 6 missed: 0.4286); 2 cancelled and 1 still planned
    count in neither; 3 missed in 2024 are outside the period."""
    from datetime import datetime, timedelta, timezone

    from cases.models import Case
    from worklist.models import Appointment

    case = Case.objects.filter(desk=testregio.rmt).select_related("client", "owner").first()

    def appointment(status, year=2025, n=0):
        start = datetime(year, 3, 1, 9, tzinfo=timezone.utc) + timedelta(days=n)
        Appointment.objects.create(client=case.client, case=case, desk=testregio.rmt, counsellor=case.owner,
                                   kind="in_person", starts_at=start, ends_at=start + timedelta(hours=1),
                                   status=status, status_changed_at=start, created_at=start)

    for n, status in enumerate(["held"] * 8 + ["no_show"] * 6 + ["cancelled"] * 2 + ["planned"]):
        appointment(status, n=n)
    for n in range(3):
        appointment("no_show", year=2024, n=n)
    report = get(testregio, "no-shows")
    assert report["total"]["values"] == {"appointments": 14, "noShows": 6, "noShowShare": 0.4286}
