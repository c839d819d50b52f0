"""The referral's two promises, over every route of the API rather than the ones we thought of:
before accepting, the receiving desk reaches nothing of the client; the sender never reads the
receiver's notes. Routes come from the URL configuration, so new ones are covered too."""
import pytest

from clients.services import consent_record
from rwc.models import User
from tests.api.routes import api_routes

NOTE = "Receiver-only note 7c1f: debts and housing"


def _get_routes(world, client, case):
    """Every GET route, filled with the client's or case's id where it takes one id."""
    urls = []
    for route in api_routes():
        if "GET" not in route.methods or route.template.count("{") > 1:
            continue
        if "{" not in route.template:
            urls.append(route.template)
        elif route.name.startswith("v1:client-"):
            urls.append(route.template.replace("{id}", str(client.uuid)))
        elif route.name.startswith("v1:case-"):
            urls.append(route.template.replace("{id}", str(case.uuid)))
    return [u for u in urls if not u.endswith(("/docs", "/redoc", ".json", ".yaml"))]


def _whole_page(url):
    """pageSize=100 where the route is a list (it documents pageSize; elsewhere it is a 400)."""
    from django.conf import settings
    from django.urls import resolve

    from api.query_parameters import documented_query_parameters

    documented = documented_query_parameters(settings.ROOT_URLCONF).get((resolve(url).func, "GET"), ())
    return {"pageSize": 100} if "pageSize" in documented else None


def _send_to_lwl(api, world):
    consent_record(actor=User.objects.get(username="midden-rmt-counsellor"), desk=world.rmt_a, client=world.client_a,
                   data={"purpose": "Referral to the Leerwerkloket", "legal_basis": "consent", "evidence": "signed",
                         "data_categories": ["identity"], "desks": [world.lwl_a], "partner_organisations": []})
    sent = api("counsellor").post("/api/v1/referrals", {
        "client": str(world.client_a.uuid), "toDesk": str(world.lwl_a.uuid), "reason": "Retraining",
        "serviceRequested": "Learning advice"}, format="json")
    assert sent.status_code == 201, sent.content
    return f"/api/v1/referrals/{sent.json()['id']}"


@pytest.mark.django_db
def test_before_accepting_the_receiving_desk_reaches_nothing_of_the_client_anywhere(api, world):
    _send_to_lwl(api, world)
    lwl = api("lwl_counsellor")
    secrets = (str(world.client_a.uuid), str(world.case_a.uuid))  # the name and age it may see, on the referral
    checked = 0
    for url in _get_routes(world, world.client_a, world.case_a):
        response = lwl.get(url, _whole_page(url))
        if any(part in url for part in secrets):  # its problem+json echoes the URL, nothing more
            if response.status_code == 403:  # a route its role may not use at all, for its own client too
                own = url.replace(str(world.client_a.uuid), str(world.client_lwl_a.uuid))
                assert own != url and lwl.get(own).status_code == 403, (url, response.status_code)
                continue
            assert response.status_code == 404, (url, response.status_code)
        else:
            assert not any(s in response.content.decode() for s in secrets), url
        checked += 1
    assert checked > 20


@pytest.mark.django_db
def test_the_sender_never_reads_the_receivers_notes_anywhere(api, world):
    url = _send_to_lwl(api, world)
    lwl = api("lwl_counsellor")
    from cases.models import Programme

    general = Programme.objects.get(code="general")
    accepted = lwl.post(f"{url}/status-changes", {"status": "accepted", "programme": str(general.uuid)}, format="json")
    assert accepted.status_code == 200
    lwl_case = world.client_a.cases.get(desk=world.lwl_a)
    for confidential in (False, True):
        assert lwl.post(f"/api/v1/cases/{lwl_case.uuid}/contacts", {
            "channel": "phone", "kind": "coaching", "summary": NOTE, "confidential": confidential}, format="json"
        ).status_code == 201
    assert lwl.post(f"/api/v1/cases/{lwl_case.uuid}/agreements", {"what": NOTE, "who": "client", "dueOn": "2027-01-31"},
                    format="json").status_code == 201
    rmt = api("counsellor")
    urls = _get_routes(world, world.client_a, lwl_case) + _get_routes(world, world.client_a, world.case_a) + [url]
    for target in urls:
        response = rmt.get(target, _whole_page(target))
        assert NOTE not in response.content.decode(), target
    assert lwl.get(f"/api/v1/cases/{lwl_case.uuid}/contacts").content.decode().count(NOTE) == 2, "the test can fail"
