"""Each page reads a constant number of queries, pinned here: a page that starts reading per row
(an N+1) fails. Counted with a second record added, so a per-row query would show."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.services import contact_record

pytestmark = pytest.mark.django_db

PINNED = {
    ("midden-rmt-counsellor", "home"): 13,
    ("midden-rmt-counsellor", "client search"): 8,
    ("midden-rmt-counsellor", "client"): 21,
    ("midden-rmt-counsellor", "case"): 20,
    ("midden-rmt-counsellor", "referrals"): 7,
    ("midden-rmt-lead", "team"): 9,
    ("midden-manager", "dashboard"): 9,  # with the province roles the reports scope reads (reports.service)
    ("midden-privacy-officer", "processing log"): 6,
}


def urls(w):
    return {"home": "/", "client search": "/clients/?name=berg", "client": f"/clients/{w.client_a.uuid}/",
            "case": f"/cases/{w.case_a.uuid}/", "referrals": "/referrals/", "team": "/team/",
            "dashboard": "/dashboard/?indicator=intakes&period=2025&grain=quarter&breakdown=desk",
            "processing log": "/privacy/log/?q=1"}


def test_every_page_reads_a_pinned_number_of_queries(browser_as, world):
    from rwc.models import User

    rita = User.objects.get(username="midden-rmt-counsellor")
    for n in range(2):  # more rows must not mean more queries
        contact_record(actor=rita, case=world.case_a, data={"channel": "phone", "kind": "coaching",
                                                            "summary": f"Extra {n}"})
    browser_as("midden-rmt-counsellor").get(f"/clients/{world.client_a.uuid}/")  # a log entry to list
    measured = {}
    for (username, name), _pinned in PINNED.items():
        c = browser_as(username)
        c.get(urls(world)[name])  # warm: the session, the access profile's first read
        with CaptureQueriesContext(connection) as ctx:
            r = c.get(urls(world)[name])
        assert r.status_code == 200, (name, r.status_code)
        measured[(username, name)] = len(ctx.captured_queries)
    assert measured == PINNED, measured
