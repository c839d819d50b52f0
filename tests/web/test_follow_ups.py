"""The case page's follow-ups: every point of each placement (due date, recorded or not, still in work,
who recorded it and when), the form for the one due, recorded through the domain's `follow_up_record`
as the API does, and its refusals as a form error that changes nothing."""
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Outcome, PlacementFollowUp
from cases.outcomes import add_months, follow_up_record
from clients.models import ClientEvent
from rwc.models import User
from tests.cases.test_later_follow_ups import _placed

pytestmark = pytest.mark.django_db


def _page(world) -> str:
    return f"/cases/{world.case_a.uuid}/"


def _post_url(world, placement) -> str:
    return f"/cases/{world.case_a.uuid}/outcomes/{placement['id']}/follow-up"


def _rows(html: str) -> dict[int, str]:
    """The follow-up table's rows by their months, as text."""
    return {int(m): re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()
            for m, body in re.findall(r'<tr class="follow-up-\w+" data-months="(\d+)">(.*?)</tr>', html, re.S)}


def _state():
    return (ClientEvent.objects.count(),
            list(Outcome.objects.order_by("id").values_list("follow_up_recorded_at", "still_in_work")),
            list(PlacementFollowUp.objects.order_by("id").values_list("recorded_at", "still_in_work")))


def test_the_case_page_shows_every_point_and_offers_the_one_due(api, world, browser_as):
    placement = _placed(api, world, 370)  # 6 and 12 months past, 24 ahead
    rita = User.objects.get(username="midden-rmt-counsellor")
    follow_up_record(actor=rita, outcome=Outcome.objects.get(uuid=placement["id"]), still_in_work=True)
    placed_on = timezone.localdate() - timedelta(days=370)

    r = browser_as("midden-rmt-counsellor").get(_page(world))
    assert r.status_code == 200
    html = r.content.decode()
    rows = _rows(html)
    assert sorted(rows) == [6, 12, 24]
    today = timezone.localdate().strftime("%d-%m-%Y")
    assert rows[6] == f"6 maanden {add_months(placed_on, 6):%d-%m-%Y} {today} ja {rita.get_full_name() or rita.username}"
    assert rows[12] == f"12 maanden {add_months(placed_on, 12):%d-%m-%Y} te laat, niet vastgelegd"
    opens_on = add_months(placed_on, 24) - timedelta(days=14)
    assert rows[24] == (f"24 maanden {add_months(placed_on, 24):%d-%m-%Y} "
                        f"nog niet aan de beurt: vast te leggen vanaf {opens_on:%d-%m-%Y}")
    # one form, for the 12-month point
    assert html.count('class="inline follow-up-form"') == 1
    assert 'name="follow-up-months" value="12"' in html and "Nameting na 12 maanden vastleggen" in html


def test_a_reader_desk_sees_the_points_without_a_form(api, world, browser_as):
    _placed(api, world, 370)
    r = browser_as("midden-privacy-officer").get(_page(world))
    assert r.status_code == 200 and sorted(_rows(r.content.decode())) == [6, 12, 24]
    assert "follow-up-form" not in r.content.decode()


def test_the_page_records_the_point_it_offered_as_the_api_would(api, world, browser_as):
    placement = _placed(api, world, 370)
    rita = User.objects.get(username="midden-rmt-counsellor")
    follow_up_record(actor=rita, outcome=Outcome.objects.get(uuid=placement["id"]), still_in_work=True)
    page = browser_as("midden-rmt-counsellor")
    r = page.post(_post_url(world, placement), {"follow-up-still_in_work": "no", "follow-up-months": "12"})
    assert r.status_code == 302 and r["Location"] == _page(world)
    twelve = PlacementFollowUp.objects.get(placement__uuid=placement["id"], months=12)
    assert twelve.recorded_at and twelve.still_in_work is False and twelve.recorded_by == rita
    assert ClientEvent.objects.filter(kind="follow_up_recorded").latest("id").summary == (
        "Nameting na 12 maanden: niet meer aan het werk")  # in the language of the page that recorded it
    rows = _rows(page.get(_page(world)).content.decode())
    assert rows[12].endswith(f"nee {rita.get_full_name() or rita.username}")
    assert "follow-up-form" not in page.get(_page(world)).content.decode()  # the 24-month point is not due


def test_without_months_the_page_records_the_next_point(api, world, browser_as):
    placement = _placed(api, world, 370)
    page = browser_as("midden-rmt-counsellor")
    assert page.post(_post_url(world, placement), {"follow-up-still_in_work": "yes"}).status_code == 302
    assert Outcome.objects.get(uuid=placement["id"]).follow_up_recorded_at is not None
    assert page.post(_post_url(world, placement), {"follow-up-still_in_work": "yes"}).status_code == 302
    assert PlacementFollowUp.objects.get(placement__uuid=placement["id"], months=12).recorded_at is not None


@pytest.mark.parametrize("months,message", [
    ("24", "De nameting na 24 maanden valt op"),  # not yet due
    ("6", "De nameting na 6 maanden van deze plaatsing is al vastgelegd."),  # already recorded
    ("", "De nameting na 24 maanden valt op"),  # the next point (24) is not due
])
def test_a_point_not_due_or_already_recorded_is_a_form_error_changing_nothing(api, world, browser_as, months,
                                                                              message):
    placement = _placed(api, world, 370)
    rita = User.objects.get(username="midden-rmt-counsellor")
    for m in (6, 12):
        follow_up_record(actor=rita, outcome=Outcome.objects.get(uuid=placement["id"]), still_in_work=True, months=m)
    before = _state()
    r = browser_as("midden-rmt-counsellor").post(_post_url(world, placement),
                                                 {"follow-up-still_in_work": "no", "follow-up-months": months})
    assert r.status_code == 409
    html = r.content.decode()
    form = html[html.index('class="inline follow-up-form"'):]
    form = form[:form.index("</form>")]
    assert 'class="errors"' in form and message in form
    assert _state() == before


def test_a_month_without_a_point_is_a_form_error(api, world, browser_as):
    placement = _placed(api, world, 370)
    before = _state()
    r = browser_as("midden-rmt-counsellor").post(_post_url(world, placement),
                                                 {"follow-up-still_in_work": "no", "follow-up-months": "18"})
    assert r.status_code == 400 and "Deze plaatsing heeft geen nameting na 18 maanden." in r.content.decode()
    assert _state() == before


def test_a_counsellor_of_another_desk_gets_404_and_changes_nothing(api, world, browser_as):
    placement = _placed(api, world, 370)
    before = _state()
    other = browser_as("midden-lwl-counsellor")
    assert other.get(_page(world)).status_code == 404
    r = other.post(_post_url(world, placement), {"follow-up-still_in_work": "yes", "follow-up-months": "6"})
    assert r.status_code == 404
    assert _state() == before


def test_the_case_page_reads_as_many_queries_with_more_placements(api, world, browser_as):
    page = browser_as("midden-rmt-counsellor")

    def measured():
        page.get(_page(world))
        with CaptureQueriesContext(connection) as ctx:
            assert page.get(_page(world)).status_code == 200
        return len(ctx.captured_queries)

    _placed(api, world, 400)
    one = measured()
    for days in (390, 380):
        _placed(api, world, days)
    assert measured() == one == 21  # pinned: the page's 20 and the outcomes' later points (with who recorded them)
