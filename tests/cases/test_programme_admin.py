"""Programmes are managed in the admin (the README says so). They are national reference data, so
the superuser lists, adds and changes them (retention, follow-up, who runs them); a region's
functional administrator may not change them for every region; none is deleted, since cases point at them."""
import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cases.models import Programme
from tests.helpers import signed_in


@pytest.fixture
def admin_site(db):
    get_user_model().objects.create_superuser("programme-keeper", "keeper@example.nl", "keeper-pass-2026!")
    browser = Client()
    assert signed_in(browser, "programme-keeper")
    return browser


def test_a_regions_functional_admin_cannot_change_national_programmes(db):
    programme = Programme.objects.get(code="general")
    browser = Client()
    assert signed_in(browser, "midden-functional-admin")
    assert browser.get("/admin/cases/programme/").status_code == 403
    answer = browser.post(f"/admin/cases/programme/{programme.pk}/change/", _form(programme, retention_months=60))
    assert answer.status_code == 403
    programme.refresh_from_db()
    assert programme.retention_months != 60


def _form(programme, **changes):
    data = {"name": programme.name, "desk_kinds": programme.desk_kinds, "follow_up_months": programme.follow_up_months,
            "reopen_days": programme.reopen_days, "retention_months": programme.retention_months or "",
            "is_active": "on" if programme.is_active else ""}
    return data | changes


def test_superuser_lists_and_changes_a_programmes_retention(admin_site):
    programme = Programme.objects.get(code="general")
    assert admin_site.get("/admin/cases/programme/").status_code == 200
    answer = admin_site.post(f"/admin/cases/programme/{programme.pk}/change/", _form(programme, retention_months=60))
    assert answer.status_code == 302, answer.context["adminform"].form.errors if answer.context else answer
    programme.refresh_from_db()
    assert programme.retention_months == 60 and programme.code == "general"


def test_superuser_adds_a_programme_run_by_known_desk_kinds_only(admin_site):
    bad = admin_site.post("/admin/cases/programme/add/", {
        "code": "werkfit", "name": "Werkfit", "desk_kinds": ["rmt", "bakery"], "follow_up_months": 6,
        "reopen_days": 90, "is_active": "on"})
    assert bad.status_code == 200 and "desk_kinds" in bad.context["adminform"].form.errors
    assert not Programme.objects.filter(code="werkfit").exists()
    good = admin_site.post("/admin/cases/programme/add/", {
        "code": "werkfit", "name": "Werkfit", "desk_kinds": ["rmt", "youth"], "follow_up_months": 6,
        "reopen_days": 90, "is_active": "on"})
    assert good.status_code == 302
    assert Programme.objects.get(code="werkfit").desk_kinds == ["rmt", "youth"]


def test_no_one_deletes_a_programme_in_the_admin(admin_site):
    programme = Programme.objects.get(code="general")
    assert admin_site.post(f"/admin/cases/programme/{programme.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_counsellor_does_not_reach_the_programme_admin(db):
    browser = Client()
    assert signed_in(browser, "midden-rmt-counsellor")
    assert browser.get("/admin/cases/programme/").status_code == 302  # to the admin login


def test_superuser_sets_later_follow_ups_and_existing_placements_get_them(admin_site, world):
    from cases.models import Outcome, PlacementFollowUp

    programme = Programme.objects.get(code="general")
    placement = Outcome.objects.create(case=world.case_a, kind="placement", date=world.case_a.opened_at.date())
    for bad in ("24, 12", "6", "12, 61", "twelve"):
        answer = admin_site.post(f"/admin/cases/programme/{programme.pk}/change/",
                                 _form(programme, later_follow_up_months=bad))
        assert answer.status_code == 200 and "later_follow_up_months" in answer.context["adminform"].form.errors, bad
    assert not PlacementFollowUp.objects.exists()
    answer = admin_site.post(f"/admin/cases/programme/{programme.pk}/change/",
                             _form(programme, later_follow_up_months="12, 24"))
    assert answer.status_code == 302
    programme.refresh_from_db()
    assert programme.later_follow_up_months == [12, 24]
    assert sorted(PlacementFollowUp.objects.filter(placement=placement).values_list("months", flat=True)) == [12, 24]


def test_targets_a_functional_admin_sets_for_their_own_region_only(world):
    from cases.models import ProgrammeTarget

    browser = Client()
    assert signed_in(browser, "midden-functional-admin")
    general = Programme.objects.get(code="general")
    data = {"programme": general.pk, "year": 2026, "measure": "trajectories", "target": 100}
    assert browser.post("/admin/cases/programmetarget/add/", data).status_code == 200  # no region: the default
    assert browser.post("/admin/cases/programmetarget/add/", {**data, "region": world.region_b.pk}).status_code == 200
    assert not ProgrammeTarget.objects.exists()
    assert browser.post("/admin/cases/programmetarget/add/", {**data, "region": world.region_a.pk}).status_code == 302
    assert ProgrammeTarget.objects.get().region == world.region_a
