"""The e-mail digest preference on the notifications page (worklist.digest): shown without creating
a row, a bad choice refused in Dutch with nothing stored, a good one kept."""
import re

import pytest

from rwc.models import User
from worklist.models import NotificationPreference

pytestmark = pytest.mark.django_db


def test_the_digest_preference_is_chosen_on_the_notifications_page(browser_as, world):
    c = browser_as("midden-rmt-counsellor")
    user = User.objects.get(username="midden-rmt-counsellor")
    page = c.get("/notifications/").content.decode()
    assert re.search(r'value="daily"[^>]*checked', page)  # the default: a daily digest
    assert not NotificationPreference.objects.filter(user=user).exists()  # reading creates nothing
    r = c.post("/notifications/preference", {"digest-digest": "hourly", "digest-language": "nl"})
    assert r.status_code == 400 and "Selecteer een geldige keuze" in r.content.decode()
    assert not NotificationPreference.objects.filter(user=user).exists()
    r = c.post("/notifications/preference", {"digest-digest": "immediate", "digest-language": "en"})
    assert r.status_code == 302
    pref = NotificationPreference.objects.get(user=user)
    assert (pref.digest, pref.language) == ("immediate", "en")


def test_the_preference_is_only_for_desk_staff(browser_as, world):
    r = browser_as("midden-manager").post("/notifications/preference", {"digest-digest": "never",
                                                                        "digest-language": "nl"})
    assert r.status_code == 404 and not NotificationPreference.objects.exists()
