"""Who opens which page: a matrix of pages x roles, with the records of another region (a 404 page
for everyone), and anonymous callers sent to sign in."""
import pytest

from tests.conftest import STAFF_USERNAMES

pytestmark = pytest.mark.django_db

ROLES = ["counsellor", "team_lead", "manager", "privacy_officer", "functional_admin", "wsp", "no_role"]
USERNAMES = {**STAFF_USERNAMES, "wsp": "midden-wsp-counsellor", "no_role": "no-role"}


def pages(w) -> dict[str, tuple[str, set[str]]]:
    """name: (url, the roles that get a 200; every other signed-in role gets the 404 page)."""
    desk_staff = {"counsellor", "team_lead", "wsp"}
    return {
        "client search": ("/clients/", desk_staff | {"privacy_officer"}),
        "register": ("/clients/new", desk_staff),
        "own client": (f"/clients/{w.client_a.uuid}/", {"counsellor", "team_lead", "privacy_officer"}),
        "own case": (f"/cases/{w.case_a.uuid}/", {"counsellor", "team_lead", "privacy_officer"}),
        "change own client": (f"/clients/{w.client_a.uuid}/edit", {"counsellor", "team_lead"}),
        "referrals": ("/referrals/", desk_staff),
        "referral in": (f"/referrals/{w.referral_in_a.uuid}/", {"counsellor", "team_lead"}),
        "team": ("/team/", {"team_lead"}),
        "tasks": ("/tasks/", desk_staff),
        "notifications": ("/notifications/", desk_staff),
        "appointments": ("/appointments/", desk_staff),
        "employers": ("/employers/", {"wsp"}),
        "front-door questions": ("/questions/", set()),  # the LWL's and youth desk's: tests/web/test_questions.py
        # (changing a question and registering from it: tests/web/test_questions_change.py)
        "dashboard": ("/dashboard/", {"manager"}),
        "processing log": ("/privacy/log/", {"privacy_officer"}),
        "retention": ("/privacy/retention/", {"privacy_officer"}),
        "access request": (f"/privacy/clients/{w.client_a.uuid}/export", {"privacy_officer"}),
        # another region's records: nobody here sees them
        "foreign client": (f"/clients/{w.client_b.uuid}/", set()),
        "foreign case": (f"/cases/{w.case_b.uuid}/", set()),
        "change foreign client": (f"/clients/{w.client_b.uuid}/edit", set()),
        "foreign referral": (f"/referrals/{w.referral_b.uuid}/", set()),
        "foreign access request": (f"/privacy/clients/{w.client_b.uuid}/export", set()),
        # the next desk's client (same region, no grant): not for the RMT
        "next desk's client": (f"/clients/{w.client_lwl_a.uuid}/", {"privacy_officer"}),
        "next desk's case": (f"/cases/{w.case_lwl_a.uuid}/", {"privacy_officer"}),
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_page_answers_each_role_as_the_matrix_says(browser_as, world, role):
    c = browser_as(USERNAMES[role])
    wrong = []
    for name, (url, allowed) in pages(world).items():
        status = c.get(url).status_code
        expected = 200 if role in allowed else 404
        if status != expected:
            wrong.append((name, url, status, expected))
    assert not wrong


def test_the_404_page_is_a_page_in_dutch(browser_as, world):
    r = browser_as("midden-rmt-counsellor").get(f"/clients/{world.client_b.uuid}/")
    assert r.status_code == 404 and r["Content-Type"].startswith("text/html")
    assert "Deze pagina bestaat niet, of u mag haar niet inzien." in r.content.decode()
    assert "Berg" not in r.content.decode() and "Vries" not in r.content.decode()


def test_english_on_request(browser_as, world):
    c = browser_as("midden-rmt-counsellor")
    r = c.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert "My caseload" in r.content.decode()
    r = c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert r.status_code == 302
    assert "My caseload" in c.get("/").content.decode()


@pytest.mark.parametrize("url", ["/", "/clients/", "/dashboard/", "/privacy/log/", "/team/"])
def test_anonymous_is_sent_to_sign_in(client, url):
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith("/signin/?next=")


def test_a_session_without_the_second_factor_is_anonymous(client, world):
    from rwc.models import User

    client.force_login(User.objects.get(username="midden-rmt-counsellor"))  # no SIGNED_IN mark: not done
    r = client.get(f"/clients/{world.client_a.uuid}/")
    assert r.status_code == 302 and r["Location"].startswith("/signin/")


def test_navigation_follows_the_role(browser_as, world):
    page = browser_as("midden-rmt-counsellor").get("/").content.decode()
    assert 'href="/clients/new"' in page and 'href="/dashboard/"' not in page and 'href="/privacy/log/"' not in page
    assert browser_as("midden-manager").get("/")["Location"] == "/dashboard/"
    assert browser_as("midden-privacy-officer").get("/")["Location"] == "/privacy/log/"
    lead = browser_as("midden-rmt-lead").get("/").content.decode()
    assert 'href="/team/"' in lead
