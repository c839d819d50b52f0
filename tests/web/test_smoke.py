import pytest

pytestmark = pytest.mark.django_db


def test_pages_render(browser_as, world):
    c = browser_as("midden-rmt-counsellor")
    for url in ["/", "/clients/", "/clients/?name=berg", "/clients/new", f"/clients/{world.client_a.uuid}/",
                f"/cases/{world.case_a.uuid}/", "/referrals/", f"/referrals/{world.referral_in_a.uuid}/"]:
        r = c.get(url)
        assert r.status_code == 200, (url, r.content[:3000])
    lead = browser_as("midden-rmt-lead")
    assert lead.get("/team/").status_code == 200
    m = browser_as("midden-manager")
    r = m.get("/dashboard/")
    assert r.status_code == 200, r.content[:3000]
    r = m.get("/dashboard/download.csv")
    assert r.status_code == 200, r.content[:3000]
    p = browser_as("midden-privacy-officer")
    for url in ["/privacy/log/?q=1", "/privacy/retention/", f"/privacy/clients/{world.client_a.uuid}/export"]:
        r = p.get(url)
        assert r.status_code == 200, (url, r.content[:3000])
    w = browser_as("midden-wsp-counsellor")
    assert w.get("/employers/").status_code == 200
