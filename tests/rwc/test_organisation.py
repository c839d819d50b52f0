"""Organisation services (rwc.organisation) as domain tests, no HTTP: desks (create, deactivate,
merge), staff memberships, region roles and partner systems, with the effect each has on access.

Region A is Midden-Utrecht, region B Amersfoort.
"""
import pytest
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from oauth2_provider.models import Application

from cases.access import cases_visible_to
from clients.access import clients_visible_to
from rwc import organisation
from rwc.access import (
    desks_visible_to,
    forget_profile,
    grant_to_desk,
    partner_organisations_visible_to,
    profile_for,
)
from rwc.errors import Conflict, RuleViolation
from rwc.models import Desk, DeskKind, DeskRole, PartnerSystem, RegionRole, RegionRoleKind, StaffMembership, User
from rwc.oauth import PartnerPrincipal
from rwc.organisation import FUNCTIONAL_ADMIN_GROUP


def user(username: str) -> User:
    """A fresh User instance, so no access profile is cached on it yet."""
    return User.objects.get(username=username)


@pytest.fixture
def newcomer(db) -> User:
    """A staff user without any membership or role yet."""
    return User.objects.create_user(username="newcomer", email="newcomer@rwc.example.nl")


def open_members(desk: Desk) -> dict[str, str]:
    return dict(desk.memberships.filter(ended_at__isnull=True).values_list("user__username", "role"))


# --- desk_create -----------------------------------------------------------------------------------


def test_desk_create_makes_an_active_desk_with_its_own_group(world):
    """A new desk is active, belongs to its region, and owns a fresh auth group for its grants."""
    desk = organisation.desk_create(region=world.region_a, kind=DeskKind.WSP, name="  WSP Zeist  ",
                                    has_bsn_legal_basis=True)
    desk.refresh_from_db()
    assert desk.name == "WSP Zeist" and desk.region == world.region_a and desk.kind == DeskKind.WSP
    assert desk.is_active and desk.deactivated_at is None and desk.merged_into is None
    assert desk.has_bsn_legal_basis
    assert desk.group.name == f"desk:{desk.uuid}"
    assert not desk.memberships.exists()
    assert desk in set(desks_visible_to(user("midden-manager")))
    assert desk not in set(desks_visible_to(user("amersfoort-rmt-counsellor")))


@pytest.mark.parametrize("name", ["", "   ", None])
def test_desk_create_needs_a_name(world, name):
    """A blank name is a RuleViolation on `name`; nothing is stored."""
    desks, groups = Desk.objects.count(), Group.objects.count()
    with pytest.raises(RuleViolation) as exc:
        organisation.desk_create(region=world.region_a, kind=DeskKind.WSP, name=name)
    assert exc.value.field == "name"
    assert (Desk.objects.count(), Group.objects.count()) == (desks, groups)


def test_desk_name_is_unique_per_region_only(world):
    """The same name again in one region is a Conflict; another region may use it."""
    with pytest.raises(Conflict) as exc:
        organisation.desk_create(region=world.region_a, kind=DeskKind.RMT, name=world.rmt_a.name)
    assert exc.value.field == "name" and exc.value.status == 409
    other = organisation.desk_create(region=world.region_b, kind=DeskKind.RMT, name=world.rmt_a.name)
    assert other.region == world.region_b


def test_desk_create_with_unknown_kind_stores_nothing(world):
    """An unknown kind fails model validation, and the desk's group is rolled back with it."""
    desks, groups = Desk.objects.count(), Group.objects.count()
    with pytest.raises(ValidationError):
        organisation.desk_create(region=world.region_a, kind="circus", name="Circus desk")
    assert (Desk.objects.count(), Group.objects.count()) == (desks, groups)


# --- desk_deactivate ---------------------------------------------------------------------------------


def test_desk_deactivate_keeps_the_desk_and_its_history(world):
    """Deactivation stops new work; the desk row, its clients, cases and memberships stay."""
    memberships = StaffMembership.objects.filter(desk=world.lwl_a).count()
    desk = organisation.desk_deactivate(world.lwl_a)
    assert not desk.is_active and desk.deactivated_at is not None and desk.merged_into is None
    desk.refresh_from_db()
    assert not desk.is_active
    world.client_lwl_a.refresh_from_db()
    world.case_lwl_a.refresh_from_db()
    assert world.client_lwl_a.registered_by_desk_id == desk.id
    assert world.case_lwl_a.desk_id == desk.id
    assert StaffMembership.objects.filter(desk=desk).count() == memberships
    assert desk in set(desks_visible_to(user("midden-manager")))


def test_desk_deactivate_twice_is_a_conflict(world):
    """An inactive desk cannot be deactivated again."""
    organisation.desk_deactivate(world.lwl_a)
    with pytest.raises(Conflict):
        organisation.desk_deactivate(world.lwl_a)


def test_nobody_joins_a_deactivated_desk(world, newcomer):
    """membership_add on an inactive desk is a Conflict on `desk`."""
    organisation.desk_deactivate(world.lwl_a)
    with pytest.raises(Conflict) as exc:
        organisation.membership_add(user=newcomer, desk=Desk.objects.get(pk=world.lwl_a.pk), role=DeskRole.COUNSELLOR)
    assert exc.value.field == "desk"
    assert not newcomer.memberships.exists()


# --- desk_merge ----------------------------------------------------------------------------------------


def test_desk_merge_moves_staff_and_closes_the_source(world):
    """The source becomes inactive and points at its successor; its staff move over with their role."""
    before = open_members(world.lwl_a)
    assert before == {"midden-lwl-counsellor": DeskRole.COUNSELLOR, "midden-lwl-lead": DeskRole.TEAM_LEAD}
    merged = organisation.desk_merge(world.lwl_a, world.rmt_a)
    merged.refresh_from_db()
    assert merged.merged_into == world.rmt_a and not merged.is_active and merged.deactivated_at is not None
    assert open_members(world.lwl_a) == {}
    assert StaffMembership.objects.filter(desk=world.lwl_a, ended_at=merged.deactivated_at).count() == 2
    after = open_members(world.rmt_a)
    assert after["midden-lwl-counsellor"] == DeskRole.COUNSELLOR
    assert after["midden-lwl-lead"] == DeskRole.TEAM_LEAD
    assert after["midden-rmt-counsellor"] == DeskRole.COUNSELLOR
    assert Desk.objects.get(pk=world.rmt_a.pk).is_active
    assert merged in set(desks_visible_to(user("midden-rmt-counsellor")))


def test_desk_merge_does_not_duplicate_staff_already_at_the_target(world):
    """Someone on both desks keeps the one open membership at the target."""
    lwl_counsellor = user("midden-lwl-counsellor")
    organisation.membership_add(user=lwl_counsellor, desk=world.rmt_a, role=DeskRole.COUNSELLOR)
    organisation.desk_merge(world.lwl_a, world.rmt_a)
    assert StaffMembership.objects.filter(user=lwl_counsellor, desk=world.rmt_a, ended_at__isnull=True).count() == 1


def test_merged_desks_records_stay_visible_to_the_successors_staff(world):
    """Clients, cases and grants of the merged desk reach the successor's staff via merged_into,
    while the history keeps naming the desk that did the work."""
    grant_to_desk(world.partner_b, world.lwl_a, reason="LWL partnership")
    rmt_counsellor = user("midden-rmt-counsellor")
    assert world.client_lwl_a not in set(clients_visible_to(rmt_counsellor))
    assert world.case_lwl_a not in set(cases_visible_to(rmt_counsellor))
    assert world.partner_b not in set(partner_organisations_visible_to(rmt_counsellor))

    organisation.desk_merge(world.lwl_a, world.rmt_a)
    forget_profile(rmt_counsellor)
    profile = profile_for(rmt_counsellor)
    assert profile.member_desk_ids == {world.rmt_a.id}
    assert profile.desk_ids == {world.rmt_a.id, world.lwl_a.id}
    assert world.client_lwl_a in set(clients_visible_to(rmt_counsellor))
    assert world.case_lwl_a in set(cases_visible_to(rmt_counsellor))
    assert world.partner_b in set(partner_organisations_visible_to(rmt_counsellor))
    # the staff who moved over keep seeing their old desk's records too
    moved = user("midden-lwl-counsellor")
    assert profile_for(moved).member_desk_ids == {world.rmt_a.id}
    assert world.client_lwl_a in set(clients_visible_to(moved))
    # history still points at the merged desk; other regions still see nothing of it
    world.client_lwl_a.refresh_from_db()
    world.case_lwl_a.refresh_from_db()
    assert world.client_lwl_a.registered_by_desk_id == world.lwl_a.id
    assert world.case_lwl_a.desk_id == world.lwl_a.id
    assert world.client_lwl_a not in set(clients_visible_to(user("amersfoort-rmt-counsellor")))


def test_merge_history_is_followed_transitively(world):
    """A desk merged into a desk that was later merged too: the last successor sees both."""
    youth = Desk.objects.get(region=world.region_a, kind=DeskKind.YOUTH)
    organisation.desk_merge(world.lwl_a, youth)
    organisation.desk_merge(youth, world.rmt_a)
    rmt_counsellor = user("midden-rmt-counsellor")
    assert profile_for(rmt_counsellor).desk_ids == {world.rmt_a.id, youth.id, world.lwl_a.id}
    assert world.client_lwl_a in set(clients_visible_to(rmt_counsellor))


def test_desk_cannot_merge_into_itself(world):
    """Merging a desk into itself is a RuleViolation on `mergedInto`, and changes nothing."""
    with pytest.raises(RuleViolation) as exc:
        organisation.desk_merge(world.rmt_a, world.rmt_a)
    assert exc.value.field == "mergedInto"
    desk = Desk.objects.get(pk=world.rmt_a.pk)
    assert desk.is_active and desk.merged_into is None


def test_desk_cannot_merge_into_another_regions_desk(world):
    """Merges stay within one region; staff and history stay where they were."""
    before = open_members(world.rmt_a)
    with pytest.raises(RuleViolation) as exc:
        organisation.desk_merge(world.rmt_a, world.rmt_b)
    assert exc.value.field == "mergedInto"
    desk = Desk.objects.get(pk=world.rmt_a.pk)
    assert desk.is_active and desk.merged_into is None
    assert open_members(world.rmt_a) == before


def test_only_active_desks_merge(world):
    """An inactive source or target is a Conflict: a merged desk cannot be merged again."""
    youth = Desk.objects.get(region=world.region_a, kind=DeskKind.YOUTH)
    organisation.desk_merge(world.lwl_a, world.rmt_a)
    with pytest.raises(Conflict):
        organisation.desk_merge(world.lwl_a, youth)
    with pytest.raises(Conflict):
        organisation.desk_merge(youth, world.lwl_a)
    assert Desk.objects.get(pk=world.lwl_a.pk).merged_into_id == world.rmt_a.id


# --- memberships ---------------------------------------------------------------------------------------


def test_membership_add_puts_the_user_at_the_desk(world, newcomer):
    """A new membership is open and gives its desk and region to the user's profile."""
    assert not profile_for(newcomer).has_any_role
    membership = organisation.membership_add(user=newcomer, desk=world.lwl_a, role=DeskRole.TEAM_LEAD)
    assert membership.ended_at is None and membership.started_at is not None
    forget_profile(newcomer)
    profile = profile_for(newcomer)
    assert profile.member_desk_ids == {world.lwl_a.id} and profile.team_lead_desk_ids == {world.lwl_a.id}
    assert profile.region_ids == {world.region_a.id}


def test_membership_add_rejects_an_unknown_role(world, newcomer):
    """Only the desk roles exist: anything else is a RuleViolation on `role`."""
    with pytest.raises(RuleViolation) as exc:
        organisation.membership_add(user=newcomer, desk=world.lwl_a, role=RegionRoleKind.MANAGER)
    assert exc.value.field == "role"
    assert not newcomer.memberships.exists()


def test_membership_add_twice_is_a_conflict(world):
    """One open membership per user and desk."""
    with pytest.raises(Conflict):
        organisation.membership_add(user=user("midden-rmt-counsellor"), desk=world.rmt_a, role=DeskRole.TEAM_LEAD)


def test_membership_end_keeps_the_row_and_allows_rejoining(world, newcomer):
    """Ending keeps the membership as history; ending twice is a Conflict; the user may rejoin."""
    membership = organisation.membership_add(user=newcomer, desk=world.lwl_a, role=DeskRole.COUNSELLOR)
    ended = organisation.membership_end(membership)
    assert ended.ended_at is not None
    assert StaffMembership.objects.get(pk=membership.pk).ended_at == ended.ended_at
    with pytest.raises(Conflict):
        organisation.membership_end(StaffMembership.objects.get(pk=membership.pk))
    again = organisation.membership_add(user=newcomer, desk=world.lwl_a, role=DeskRole.COUNSELLOR)
    assert again.pk != membership.pk
    assert StaffMembership.objects.filter(user=newcomer, desk=world.lwl_a).count() == 2
    assert profile_for(newcomer).member_desk_ids == {world.lwl_a.id}


# --- region roles --------------------------------------------------------------------------------------


def test_region_role_add_gives_the_role_in_its_region(world, newcomer):
    """A manager role: the region and the role appear in the profile; no admin site access."""
    role = organisation.region_role_add(user=newcomer, region=world.region_b, role=RegionRoleKind.MANAGER)
    assert role.ended_at is None
    profile = profile_for(newcomer)
    assert profile.regions_with_role(RegionRoleKind.MANAGER) == {world.region_b.id}
    assert profile.region_ids == {world.region_b.id}
    newcomer.refresh_from_db()
    assert not newcomer.is_staff
    assert not newcomer.groups.filter(name=FUNCTIONAL_ADMIN_GROUP).exists()


def test_region_role_add_rejects_unknown_and_duplicate_roles(world, newcomer):
    """An unknown role is a RuleViolation on `role`; the same open role twice a Conflict."""
    with pytest.raises(RuleViolation) as exc:
        organisation.region_role_add(user=newcomer, region=world.region_a, role=DeskRole.COUNSELLOR)
    assert exc.value.field == "role"
    organisation.region_role_add(user=newcomer, region=world.region_a, role=RegionRoleKind.PRIVACY_OFFICER)
    with pytest.raises(Conflict):
        organisation.region_role_add(user=newcomer, region=world.region_a, role=RegionRoleKind.PRIVACY_OFFICER)
    # the same role in another region is fine
    organisation.region_role_add(user=newcomer, region=world.region_b, role=RegionRoleKind.PRIVACY_OFFICER)
    assert RegionRole.objects.filter(user=newcomer, ended_at__isnull=True).count() == 2


def test_functional_admin_gets_the_admin_site(world, newcomer):
    """A functional administrator becomes is_staff and joins the functional administrators group,
    which holds the rwc and oauth2_provider permissions. Programmes are national: the superuser manages them."""
    organisation.region_role_add(user=newcomer, region=world.region_a, role=RegionRoleKind.FUNCTIONAL_ADMIN)
    admin = User.objects.get(pk=newcomer.pk)
    assert admin.is_staff and not admin.is_superuser
    assert admin.groups.filter(name=FUNCTIONAL_ADMIN_GROUP).exists()
    assert admin.has_perm("rwc.add_desk") and admin.has_perm("rwc.change_staffmembership")
    assert admin.has_perm("oauth2_provider.view_application")
    assert not admin.has_perm("clients.view_client")  # the organisation, never people
    group = Group.objects.get(name=FUNCTIONAL_ADMIN_GROUP)
    assert set(group.permissions.values_list("content_type__app_label", flat=True)) == {"rwc", "oauth2_provider"}


def test_region_role_end_ends_the_role_once(world, newcomer):
    """Ending a role keeps the row with ended_at; ending it twice is a Conflict; it can be given again."""
    role = organisation.region_role_add(user=newcomer, region=world.region_a, role=RegionRoleKind.MANAGER)
    organisation.region_role_end(role)
    assert RegionRole.objects.get(pk=role.pk).ended_at is not None
    with pytest.raises(Conflict):
        organisation.region_role_end(RegionRole.objects.get(pk=role.pk))
    assert not profile_for(newcomer).has_any_role
    organisation.region_role_add(user=newcomer, region=world.region_a, role=RegionRoleKind.MANAGER)
    assert RegionRole.objects.filter(user=newcomer).count() == 2


def test_ending_the_last_functional_admin_role_removes_admin_site_access(world, newcomer):
    """Once no functional administrator role is open, the admin site access it gave is gone
    (regression: the ex-admin used to stay is_staff and in the group)."""
    role = organisation.region_role_add(user=newcomer, region=world.region_a, role=RegionRoleKind.FUNCTIONAL_ADMIN)
    organisation.region_role_end(role)
    former = User.objects.get(pk=newcomer.pk)
    assert not former.groups.filter(name=FUNCTIONAL_ADMIN_GROUP).exists()
    assert not former.has_perm("rwc.change_desk")
    assert not former.is_staff


def test_superuser_keeps_is_staff_when_the_functional_admin_role_ends(world, newcomer):
    """A superuser leaves the group but keeps the admin site that being a superuser gives."""
    newcomer.is_superuser = True
    newcomer.save(update_fields=["is_superuser"])
    role = organisation.region_role_add(user=newcomer, region=world.region_a, role=RegionRoleKind.FUNCTIONAL_ADMIN)
    organisation.region_role_end(role)
    former = User.objects.get(pk=newcomer.pk)
    assert former.is_staff and former.is_superuser
    assert not former.groups.filter(name=FUNCTIONAL_ADMIN_GROUP).exists()


def test_functional_admin_with_a_role_left_keeps_the_admin_site(world, newcomer):
    """Ending the admin role in one region leaves the admin of another region its access."""
    role_a = organisation.region_role_add(user=newcomer, region=world.region_a, role=RegionRoleKind.FUNCTIONAL_ADMIN)
    organisation.region_role_add(user=newcomer, region=world.region_b, role=RegionRoleKind.FUNCTIONAL_ADMIN)
    organisation.region_role_end(role_a)
    admin = User.objects.get(pk=newcomer.pk)
    assert admin.is_staff and admin.has_perm("rwc.change_desk")
    assert profile_for(admin).regions_with_role(RegionRoleKind.FUNCTIONAL_ADMIN) == {world.region_b.id}


# --- partner systems -----------------------------------------------------------------------------------


def test_partner_system_create_registers_a_confidential_client_credentials_client(world):
    """The system belongs to its organisation; the secret is returned once and stored hashed."""
    system, secret = organisation.partner_system_create(
        organisation=world.partner_b, name="UWV case system", scopes=["referrals:write", "referrals:read", "referrals:read"]
    )
    system = PartnerSystem.objects.select_related("application").get(pk=system.pk)
    app = system.application
    assert system.organisation == world.partner_b
    assert system.scopes == "referrals:read referrals:write" and system.scope_list == ["referrals:read", "referrals:write"]
    assert app.name == "UWV case system"
    assert app.client_type == Application.CLIENT_CONFIDENTIAL
    assert app.authorization_grant_type == Application.GRANT_CLIENT_CREDENTIALS
    assert secret and app.client_secret != secret and check_password(secret, app.client_secret)
    # the system acts for its organisation in that organisation's region
    principal = PartnerPrincipal(system, system.scope_list)
    assert profile_for(principal).partner_organisation_id == world.partner_b.id
    assert list(partner_organisations_visible_to(principal)) == [world.partner_b]
    assert {d.region_id for d in desks_visible_to(principal)} == {world.region_b.id}


def test_partner_system_create_uses_a_given_client_id_and_secret(world):
    """Scripts (the demo seed) can choose the client id and secret."""
    system, secret = organisation.partner_system_create(
        organisation=world.other_partner_a, name="UWV sync", scopes=["referrals:read"],
        client_id="uwv-midden", client_secret="a-chosen-secret",
    )
    assert secret == "a-chosen-secret"
    assert system.application.client_id == "uwv-midden"
    assert check_password("a-chosen-secret", Application.objects.get(client_id="uwv-midden").client_secret)


@pytest.mark.parametrize("scopes", [[], ["staff"], ["referrals:read", "staff"], ["referrals:delete"]])
def test_partner_system_scopes_must_be_known_partner_scopes(world, scopes):
    """No scopes, the staff scope or an unknown scope is a RuleViolation on `scopes`; nothing is stored."""
    apps, systems = Application.objects.count(), PartnerSystem.objects.count()
    with pytest.raises(RuleViolation) as exc:
        organisation.partner_system_create(organisation=world.partner_b, name="Bad", scopes=scopes)
    assert exc.value.field == "scopes"
    assert (Application.objects.count(), PartnerSystem.objects.count()) == (apps, systems)
