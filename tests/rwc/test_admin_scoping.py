"""The Django admin as a functional administrator of Midden-Utrecht (region A): another region's
records are out of reach in every registered admin model (list, view, change, delete, history,
add with a foreign id), nobody changes their own roles, and every role change is in the security
log. The model list comes from `admin.site._registry`, so a model registered without scoping fails.

Region A is Midden-Utrecht, region B Amersfoort.
"""
import logging

import pytest
from django.contrib import admin
from django.urls import reverse
from oauth2_provider.models import Application

from cases.models import Programme, ProgrammeTarget
from rwc import access
from rwc.admin import RegionScopedAdmin, SuperuserOnlyAdmin
from rwc.models import (
    Desk,
    PartnerOrganisation,
    PartnerOrganisationDeskGrant,
    PartnerSystem,
    Region,
    RegionRole,
    RegionRoleKind,
    StaffMembership,
    User,
)
from services.models import FundingSource, ServiceOffering, TrainingProvider
from tests.helpers import signed_in
from tests.services.seed import catalogue

ADMIN = "midden-functional-admin"


def foreign_grant(world):
    """Amersfoort's municipality shared with a desk of a third region: nothing of Midden-Utrecht."""
    gooi_desk = Desk.objects.filter(region__code__startswith="gooi").first()
    return access.grant_to_desk(world.partner_b, gooi_desk, reason="Partnership test")


# One record of region B per scoped admin model: a model registered without an entry fails below.
FOREIGN = {
    User: lambda w: User.objects.get(username="amersfoort-rmt-counsellor"),
    Region: lambda w: w.region_b,
    Desk: lambda w: w.rmt_b,
    StaffMembership: lambda w: StaffMembership.objects.filter(desk=w.rmt_b, ended_at__isnull=True).first(),
    RegionRole: lambda w: RegionRole.objects.get(user__username="amersfoort-privacy-officer"),
    PartnerOrganisation: lambda w: w.partner_b,
    PartnerOrganisationDeskGrant: foreign_grant,
    PartnerSystem: lambda w: PartnerSystem.objects.get(organisation=w.partner_b),
    Application: lambda w: PartnerSystem.objects.get(organisation=w.partner_b).application,
    ServiceOffering: lambda w: catalogue(w.region_b)["offerings"]["training"],
    TrainingProvider: lambda w: catalogue(w.region_b)["provider"],
    FundingSource: lambda w: catalogue(w.region_b)["slim"],
    ProgrammeTarget: lambda w: ProgrammeTarget.objects.create(programme=Programme.objects.get(code="general"),
                                                              year=2026, region=w.region_b, target=100),
}


@pytest.fixture
def browser(client):
    signed_in(client, ADMIN)
    return client


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def snapshot(obj):
    return type(obj).objects.filter(pk=obj.pk).values().first()


REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def test_every_registered_admin_model_is_region_scoped_or_superuser_only():
    """A model added to the admin without scoping fails here (and in the tests below)."""
    for model, model_admin in REGISTERED:
        assert isinstance(model_admin, (RegionScopedAdmin, SuperuserOnlyAdmin)) or model is User, model
        if not isinstance(model_admin, SuperuserOnlyAdmin):
            assert model in FOREIGN, f"{model._meta.label}: add a foreign record to FOREIGN"


@pytest.mark.parametrize("model", [m for m, _ in REGISTERED], ids=lambda m: m._meta.label)
def test_functional_admin_cannot_reach_another_regions_records(world, browser, model):
    """Changelist without the foreign row; change, delete and history views refuse it (redirect,
    403 or 404) and a POST to them changes nothing."""
    model_admin = admin.site._registry[model]
    if isinstance(model_admin, SuperuserOnlyAdmin):
        assert browser.get(url(model, "changelist")).status_code == 403
        assert browser.get(url(model, "add")).status_code == 403
        return
    obj = FOREIGN[model](world)
    before = snapshot(obj)
    response = browser.get(url(model, "changelist"))
    assert response.status_code == 200
    assert obj.pk not in {row.pk for row in response.context["cl"].queryset}
    for view in ("change", "delete", "history"):
        assert browser.get(url(model, view, obj.pk)).status_code in (302, 403, 404), view
    assert browser.post(url(model, "change", obj.pk), {"name": "taken over", "region": world.region_a.pk,
                                                       "organisation": world.partner_a.pk}).status_code in (302, 403, 404)
    assert browser.post(url(model, "delete", obj.pk), {"post": "yes"}).status_code in (302, 403, 404)
    assert snapshot(obj) == before


def test_changelist_actions_cannot_touch_foreign_rows(world, browser):
    """A forged action POST with a foreign id: the action runs on the admin's own rows only."""
    role = FOREIGN[RegionRole](world)
    browser.post(url(RegionRole, "changelist"), {"action": "end", "_selected_action": [role.pk]})
    browser.post(url(RegionRole, "changelist"), {"action": "delete_selected", "_selected_action": [role.pk],
                                                 "post": "yes"})
    role.refresh_from_db()
    assert role.ended_at is None


def test_self_grant_of_privacy_officer_in_another_region_is_refused(world, browser):
    """The reported attack: the admin adds RegionRole(privacy_officer, Amersfoort) to itself."""
    me = User.objects.get(username=ADMIN)
    before = RegionRole.objects.count()
    response = browser.post(url(RegionRole, "add"), {"user": me.pk, "region": world.region_b.pk,
                                                     "role": RegionRoleKind.PRIVACY_OFFICER})
    assert response.status_code in (200, 403)  # the form with errors, or refused
    assert RegionRole.objects.count() == before
    assert not me.region_roles.filter(region=world.region_b).exists()


def test_self_grant_in_own_region_is_refused(world, browser):
    """Nobody grants roles to themself, even in their own region: a second person does that."""
    me = User.objects.get(username=ADMIN)
    response = browser.post(url(RegionRole, "add"), {"user": me.pk, "region": world.region_a.pk,
                                                     "role": RegionRoleKind.PRIVACY_OFFICER})
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert not me.region_roles.filter(role=RegionRoleKind.PRIVACY_OFFICER).exists()
    response = browser.post(url(StaffMembership, "add"), {"user": me.pk, "desk": world.rmt_a.pk, "role": "team_lead"})
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert not me.memberships.exists()


def test_roles_for_a_colleague_of_another_region_are_refused(world, browser):
    """A foreign user or a foreign desk in a forged POST: refused, nothing stored."""
    foreign_user = User.objects.get(username="amersfoort-rmt-counsellor")
    colleague = User.objects.get(username="midden-rmt-counsellor")
    counts = RegionRole.objects.count(), StaffMembership.objects.count()
    browser.post(url(RegionRole, "add"), {"user": foreign_user.pk, "region": world.region_a.pk, "role": "manager"})
    browser.post(url(RegionRole, "add"), {"user": colleague.pk, "region": world.region_b.pk, "role": "manager"})
    browser.post(url(StaffMembership, "add"), {"user": colleague.pk, "desk": world.rmt_b.pk, "role": "counsellor"})
    browser.post(url(StaffMembership, "add"), {"user": foreign_user.pk, "desk": world.lwl_a.pk, "role": "counsellor"})
    assert (RegionRole.objects.count(), StaffMembership.objects.count()) == counts


@pytest.mark.parametrize("model, data", [
    (Desk, lambda w: {"region": w.region_b.pk, "kind": "rmt", "name": "Smuggled desk", "referral_response_days": 10}),
    (PartnerOrganisation, lambda w: {"region": w.region_b.pk, "kind": "other", "name": "Smuggled partner",
                                     "referral_response_days": 10}),
    (PartnerSystem, lambda w: {"organisation": w.partner_b.pk, "name": "smuggled", "scopes": "referrals:read"}),
    (PartnerOrganisationDeskGrant, lambda w: {"content_object": w.partner_b.pk, "desk": w.rmt_a.pk,
                                              "reason": "Want to see it"}),
    (Region, lambda w: {"name": "Smuggled region", "code": "smuggled"}),
], ids=lambda v: getattr(v, "__name__", ""))
def test_add_with_a_foreign_region_id_is_refused(world, browser, model, data):
    before = model.objects.count()
    response = browser.post(url(model, "add"), data(world))
    assert response.status_code in (200, 403)
    assert model.objects.count() == before


def test_partner_system_cannot_be_rebound_to_another_regions_organisation(world, browser):
    system = PartnerSystem.objects.get(organisation=world.partner_a)
    response = browser.post(url(PartnerSystem, "change", system.pk), {
        "application": system.application_id, "organisation": world.partner_b.pk, "scopes": system.scopes})
    assert response.status_code == 200 and response.context["adminform"].form.errors
    system.refresh_from_db()
    assert system.organisation == world.partner_a


def test_partner_system_update_refuses_a_foreign_organisation_in_the_domain(world):
    """The save-time check holds even when the admin's choice list is bypassed."""
    from rwc import organisation
    from rwc.errors import NotAllowed

    system = PartnerSystem.objects.get(organisation=world.partner_a)
    with pytest.raises(NotAllowed):
        organisation.partner_system_update(system, organisation=world.partner_b, scopes=system.scopes,
                                           actor=User.objects.get(username=ADMIN))
    system.refresh_from_db()
    assert system.organisation == world.partner_a


def test_password_of_another_regions_user_cannot_be_set(world, browser):
    target = User.objects.get(username="amersfoort-privacy-officer")
    before = target.password
    path = reverse("admin:auth_user_password_change", args=[target.pk])
    assert browser.get(path).status_code in (302, 403, 404)
    response = browser.post(path, {"password1": "Takeover-2026-xyz", "password2": "Takeover-2026-xyz",
                                   "usable_password": "true"})
    assert response.status_code in (302, 403, 404)
    target.refresh_from_db()
    assert target.password == before


def test_password_of_a_user_working_in_two_regions_cannot_be_set(world, browser):
    """Someone of region A who also holds a role in region B: visible, but not changeable, since a
    new password would open region B."""
    from rwc import organisation

    colleague = User.objects.get(username="midden-rmt-counsellor")
    organisation.region_role_add(user=colleague, region=world.region_b, role=RegionRoleKind.MANAGER)
    before = colleague.password
    assert browser.get(url(User, "change", colleague.pk)).status_code == 200  # view only
    path = reverse("admin:auth_user_password_change", args=[colleague.pk])
    browser.post(path, {"password1": "Takeover-2026-xyz", "password2": "Takeover-2026-xyz", "usable_password": "true"})
    colleague.refresh_from_db()
    assert colleague.password == before


def test_superuser_account_is_out_of_reach(world, browser):
    root = User.objects.create_superuser(username="root-admin", email="root@rwc.example.nl", password="x" * 20)
    assert root.pk not in {u.pk for u in browser.get(url(User, "changelist")).context["cl"].queryset}
    assert browser.get(reverse("admin:auth_user_password_change", args=[root.pk])).status_code in (302, 403, 404)


def test_functional_admin_cannot_make_anyone_superuser(world, browser):
    colleague = User.objects.get(username="midden-rmt-counsellor")
    browser.post(url(User, "change", colleague.pk), {
        "username": colleague.username, "email": colleague.email, "is_active": "on", "is_staff": "on",
        "is_superuser": "on", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"})
    colleague.refresh_from_db()
    assert not colleague.is_superuser and not colleague.is_staff


# --- the positive path -----------------------------------------------------------------------------


def test_functional_admin_still_manages_their_own_region(world, browser, caplog):
    """Own region: a new colleague gets a role (in the security log, with the acting admin), a
    colleague's password can be set, a partner system is added and its secret shown once."""
    colleague = User.objects.create_user(username="new-colleague", email="new@rwc.example.nl")
    changelist = browser.get(url(RegionRole, "changelist")).context["cl"].queryset
    assert changelist.exists() and all(role.region_id == world.region_a.pk for role in changelist)
    with caplog.at_level(logging.INFO, logger="rwc.security"):
        response = browser.post(url(RegionRole, "add"), {"user": colleague.pk, "region": world.region_a.pk,
                                                         "role": RegionRoleKind.MANAGER})
        assert response.status_code == 302
        response = browser.post(url(StaffMembership, "add"), {"user": colleague.pk, "desk": world.rmt_a.pk,
                                                              "role": "counsellor"})
        assert response.status_code == 302
    assert colleague.region_roles.filter(region=world.region_a, role="manager").exists()
    assert colleague.memberships.filter(desk=world.rmt_a).exists()
    lines = [r.getMessage() for r in caplog.records if r.name == "rwc.security"]
    assert any("region_role_added" in line and f"by={ADMIN}" in line and "user=new-colleague" in line for line in lines)
    assert any("membership_added" in line and f"by={ADMIN}" in line for line in lines)

    path = reverse("admin:auth_user_password_change", args=[colleague.pk])
    response = browser.post(path, {"password1": "Een-nieuw-wachtwoord-2026", "password2": "Een-nieuw-wachtwoord-2026",
                                   "usable_password": "true"})
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.check_password("Een-nieuw-wachtwoord-2026")

    response = browser.post(url(PartnerSystem, "add"), {"organisation": world.other_partner_a.pk,
                                                        "name": "UWV koppeling", "scopes": "referrals:read"})
    assert response.status_code == 302
    assert PartnerSystem.objects.filter(organisation=world.other_partner_a).exists()


def test_role_history_records_the_acting_admin(world, browser):
    """The change history of a region role names the administrator who gave it."""
    from rwc import history

    if not history.enabled():
        pytest.skip("PostgreSQL only")
    colleague = User.objects.create_user(username="new-colleague", email="new@rwc.example.nl")
    browser.post(url(RegionRole, "add"), {"user": colleague.pk, "region": world.region_a.pk, "role": "manager"})
    role = RegionRole.objects.get(user=colleague)
    event = role.changes.get()
    assert event.pgh_context.metadata["username"] == ADMIN
    assert event.pgh_context.metadata["channel"] == "admin"


def test_ending_a_role_is_logged_and_nobody_ends_their_own(world, browser, caplog):
    """The end action: a colleague's role ends (logged with the admin); the admin's own stays open."""
    from rwc import organisation

    colleague = User.objects.create_user(username="new-colleague", email="new@rwc.example.nl")
    role = organisation.region_role_add(user=colleague, region=world.region_a, role=RegionRoleKind.MANAGER)
    own = RegionRole.objects.get(user__username=ADMIN, region=world.region_a)
    with caplog.at_level(logging.INFO, logger="rwc.security"):
        browser.post(url(RegionRole, "changelist"), {"action": "end", "_selected_action": [role.pk, own.pk]})
    role.refresh_from_db()
    own.refresh_from_db()
    assert role.ended_at is not None and own.ended_at is None
    assert any("region_role_ended" in r.getMessage() and f"by={ADMIN}" in r.getMessage() for r in caplog.records)


def test_the_domain_refuses_self_grants_whoever_asks(world):
    """rwc.organisation refuses a role change for oneself, a superuser included (the admin calls it
    with the acting user); the system itself (actor None: commands, seeding) is not a person."""
    from rwc import organisation
    from rwc.errors import NotAllowed

    root = User.objects.create_superuser(username="root-admin", email="root@rwc.example.nl", password="x" * 20)
    with pytest.raises(NotAllowed):
        organisation.region_role_add(user=root, region=world.region_b, role=RegionRoleKind.PRIVACY_OFFICER, actor=root)
    with pytest.raises(NotAllowed):
        organisation.membership_add(user=root, desk=world.rmt_b, role="team_lead", actor=root)
    assert not root.region_roles.exists() and not root.memberships.exists()


def test_partner_system_with_unknown_scopes_is_a_form_error(world, browser):
    """A scope outside the partner scopes (e.g. staff) is refused on the form, nothing stored."""
    before = PartnerSystem.objects.count()
    response = browser.post(url(PartnerSystem, "add"), {"organisation": world.other_partner_a.pk,
                                                        "name": "UWV koppeling", "scopes": "staff"})
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert PartnerSystem.objects.count() == before


def test_deleting_another_regions_user_is_refused_and_own_is_logged(world, browser, caplog):
    foreign = User.objects.get(username="amersfoort-rmt-counsellor")
    browser.post(url(User, "changelist"), {"action": "delete_selected", "_selected_action": [foreign.pk], "post": "yes"})
    assert User.objects.filter(pk=foreign.pk).exists()
    colleague = User.objects.create_user(username="new-colleague", email="new@rwc.example.nl")
    with caplog.at_level(logging.INFO, logger="rwc.security"):
        assert browser.post(url(User, "delete", colleague.pk), {"post": "yes"}).status_code == 302
    assert not User.objects.filter(pk=colleague.pk).exists()
    assert any("account_deleted" in r.getMessage() and "user=new-colleague" in r.getMessage() for r in caplog.records)


def test_user_autocomplete_offers_only_the_admins_regions(world, browser):
    """The user picker of the role forms searches the scoped account list."""
    response = browser.get("/admin/autocomplete/", {"app_label": "rwc", "model_name": "regionrole",
                                                    "field_name": "user", "term": "counsellor"})
    assert response.status_code == 200
    names = {row["text"] for row in response.json()["results"]}
    assert "midden-rmt-counsellor" in names
    assert not any(name.startswith("amersfoort-") for name in names)


def test_a_domain_refusal_on_save_is_a_message_on_the_form_not_a_500(world, browser):
    """The form validates, then the domain says no on save (a second membership at the same desk, a
    desk name the region already has): the admin shows why on the same form and stores nothing."""
    colleague = User.objects.create_user(username="twice-colleague", email="twice@rwc.example.nl")
    data = {"user": colleague.pk, "desk": world.rmt_a.pk, "role": "counsellor"}
    assert browser.post(url(StaffMembership, "add"), data).status_code == 302
    before = StaffMembership.objects.filter(user=colleague).count()
    response = browser.post(url(StaffMembership, "add"), data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == url(StaffMembership, "add")
    assert any("already works at" in str(m) for m in response.context["messages"])
    assert StaffMembership.objects.filter(user=colleague).count() == before

    desks = Desk.objects.count()
    response = browser.post(url(Desk, "add"), {"region": world.region_a.pk, "name": world.rmt_a.name,
                                               "kind": world.rmt_a.kind}, follow=True)
    assert response.status_code == 200
    assert Desk.objects.count() == desks
