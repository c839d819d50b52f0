"""The access core (rwc.access) as domain tests, no HTTP: access profiles per kind of caller, the
organisation records each caller may see, desk grants with reason, expiry and revocation, and
query counts that do not grow with the number of desks or grants.

Region A is Midden-Utrecht (the callers' region), region B Amersfoort (never visible without a grant).
"""
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rwc import organisation
from rwc.access import (
    AccessProfile,
    active_grant_filter,
    desks_visible_to,
    forget_profile,
    grant_to_desk,
    granted_object_ids,
    is_functional_admin_for,
    partner_organisation_access,
    partner_organisations_visible_to,
    profile_for,
    regions_visible_to,
    revoke_desk_grant,
)
from rwc.errors import Conflict, RuleViolation
from rwc.models import (
    Desk,
    DeskKind,
    DeskRole,
    PartnerKind,
    PartnerOrganisation,
    PartnerOrganisationDeskGrant,
    PartnerSystem,
    Region,
    RegionRole,
    RegionRoleKind,
    StaffMembership,
    User,
)
from rwc.oauth import PartnerPrincipal

USERNAMES = {
    "counsellor": "midden-rmt-counsellor",
    "team_lead": "midden-rmt-lead",
    "manager": "midden-manager",
    "privacy_officer": "midden-privacy-officer",
    "functional_admin": "midden-functional-admin",
    "no_role": "no-role",
}
STAFF_KINDS = ["counsellor", "team_lead", "manager", "privacy_officer", "functional_admin"]
ALL_KINDS = STAFF_KINDS + ["partner", "no_role"]


def user(username: str) -> User:
    """A fresh User instance, so no access profile is cached on it yet."""
    return User.objects.get(username=username)


def fresh_profile(principal) -> AccessProfile:
    """The profile as the database says now: drop the cached one the way the code intends."""
    forget_profile(principal)
    return profile_for(principal)


@pytest.fixture
def caller(world, partner_system):
    """A principal per kind of caller: the staff users of region A, the demo partner system
    (Gemeente Utrecht, region A) and the user without any role."""

    def make(kind: str):
        if kind == "partner":
            system = PartnerSystem.objects.get(pk=partner_system.pk)  # fresh, like a new request
            return PartnerPrincipal(system, ["referrals:read", "referrals:write"])
        return user(USERNAMES[kind])

    return make


@pytest.fixture
def soon():
    return timezone.now() + timedelta(days=30)


# --- access profiles -------------------------------------------------------------------------------


def test_counsellor_profile_holds_own_desk_and_its_region(world):
    """A counsellor works at one desk: that desk, its region, no team lead rights, no region role."""
    counsellor = user("midden-rmt-counsellor")
    profile = profile_for(counsellor)
    assert profile.user_id == counsellor.pk
    assert profile.member_desk_ids == {world.rmt_a.id}
    assert profile.desk_ids == {world.rmt_a.id}
    assert profile.team_lead_desk_ids == frozenset()
    assert profile.region_roles == {}
    assert profile.region_ids == {world.region_a.id}
    assert profile.has_any_role and not profile.is_partner
    assert profile.scopes == {"staff"}


def test_team_lead_profile_marks_the_desk_as_led(world):
    """A team lead's desk is both a member desk and a led desk."""
    profile = profile_for(user("midden-rmt-lead"))
    assert profile.member_desk_ids == {world.rmt_a.id}
    assert profile.team_lead_desk_ids == {world.rmt_a.id}
    assert profile.region_ids == {world.region_a.id}


@pytest.mark.parametrize("kind", ["manager", "privacy_officer", "functional_admin"])
def test_region_role_gives_its_region_but_no_desk(world, kind):
    """Region roles work in their region, without a desk."""
    profile = profile_for(user(USERNAMES[kind]))
    assert profile.member_desk_ids == frozenset() and profile.desk_ids == frozenset()
    assert profile.region_roles == {kind: frozenset({world.region_a.id})}
    assert profile.regions_with_role(kind) == {world.region_a.id}
    assert profile.region_ids == {world.region_a.id}
    assert profile.has_any_role


def test_functional_admin_check_is_per_region(world):
    """is_functional_admin_for answers for the admin's own region only."""
    admin = user("midden-functional-admin")
    assert is_functional_admin_for(admin, world.region_a.id)
    assert not is_functional_admin_for(admin, world.region_b.id)
    assert not is_functional_admin_for(user("midden-manager"), world.region_a.id)


def test_user_without_role_has_an_empty_profile(world):
    """Logged in but without membership or region role: no desk, no region, no role."""
    profile = profile_for(user("no-role"))
    assert not profile.has_any_role
    assert profile.member_desk_ids == frozenset() and profile.region_ids == frozenset()
    assert profile.region_roles == {}


@pytest.mark.parametrize("principal", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_unauthenticated_caller_gets_the_empty_profile(db, principal):
    """No principal, or an anonymous one, gets the empty profile."""
    assert profile_for(principal) == AccessProfile()
    assert not profile_for(principal).has_any_role


def test_partner_principal_profile_is_its_organisation_and_home_region(world, partner_system):
    """A partner system acts for one organisation, in that organisation's region, with its scopes."""
    principal = PartnerPrincipal(partner_system, ["referrals:read"])
    profile = profile_for(principal)
    assert profile.is_partner and profile.has_any_role
    assert profile.partner_organisation_id == world.partner_a.id
    assert profile.partner_region_id == world.region_a.id
    assert profile.region_ids == {world.region_a.id}
    assert profile.scopes == {"referrals:read"}
    assert profile.member_desk_ids == frozenset() and profile.user_id is None


def test_second_membership_adds_a_desk(world):
    """Working at two desks of one region: both desks, the region once."""
    counsellor = user("midden-rmt-counsellor")
    organisation.membership_add(user=counsellor, desk=world.lwl_a, role=DeskRole.TEAM_LEAD)
    profile = profile_for(counsellor)
    assert profile.member_desk_ids == {world.rmt_a.id, world.lwl_a.id}
    assert profile.team_lead_desk_ids == {world.lwl_a.id}
    assert profile.region_ids == {world.region_a.id}


def test_ended_membership_stops_counting(world):
    """After membership_end the desk and its region drop out of the profile."""
    counsellor = user("midden-rmt-counsellor")
    assert profile_for(counsellor).member_desk_ids == {world.rmt_a.id}
    organisation.membership_end(StaffMembership.objects.get(user=counsellor, desk=world.rmt_a))
    profile = fresh_profile(counsellor)
    assert profile.member_desk_ids == frozenset() and profile.desk_ids == frozenset()
    assert profile.region_ids == frozenset()
    assert not profile.has_any_role


def test_ended_region_role_stops_counting(world):
    """After region_role_end the role and its region drop out of the profile."""
    manager = user("midden-manager")
    assert profile_for(manager).regions_with_role(RegionRoleKind.MANAGER) == {world.region_a.id}
    organisation.region_role_end(RegionRole.objects.get(user=manager, role=RegionRoleKind.MANAGER))
    profile = fresh_profile(manager)
    assert profile.regions_with_role(RegionRoleKind.MANAGER) == frozenset()
    assert profile.region_ids == frozenset() and not profile.has_any_role


def test_profile_is_cached_on_the_principal_until_forgotten(world, django_assert_num_queries):
    """The profile is computed once per principal object; forget_profile drops it; a new object
    (the next request) starts fresh."""
    counsellor = user("midden-rmt-counsellor")
    first = profile_for(counsellor)
    with django_assert_num_queries(0):
        assert profile_for(counsellor) is first
    organisation.membership_end(StaffMembership.objects.get(user=counsellor, desk=world.rmt_a))
    assert profile_for(counsellor).member_desk_ids == {world.rmt_a.id}  # stale by design
    assert profile_for(user("midden-rmt-counsellor")).member_desk_ids == frozenset()
    assert fresh_profile(counsellor).member_desk_ids == frozenset()
    forget_profile(counsellor)
    forget_profile(counsellor)  # forgetting twice is harmless


# --- visibility of regions, desks and partner organisations -------------------------------------------


@pytest.mark.parametrize("kind", STAFF_KINDS + ["partner"])
def test_callers_with_a_role_see_their_region_only(world, caller, kind):
    """Staff of every role and the partner system see region A, never Amersfoort."""
    assert set(regions_visible_to(caller(kind))) == {world.region_a}


@pytest.mark.parametrize("kind", STAFF_KINDS + ["partner"])
def test_callers_with_a_role_see_all_desks_of_their_region_only(world, caller, kind):
    """Desks of region A are visible (to refer clients), the Amersfoort desks never."""
    desks = set(desks_visible_to(caller(kind)))
    assert desks == set(Desk.objects.filter(region=world.region_a))
    assert world.rmt_a in desks and world.lwl_a in desks
    assert world.rmt_b not in desks
    assert not any(d.region_id == world.region_b.id for d in desks)


@pytest.mark.parametrize("kind", STAFF_KINDS)
def test_staff_see_the_partner_organisations_of_their_region_only(world, caller, kind):
    """Staff see region A's partners; Amersfoort's partners stay hidden without a grant."""
    visible = set(partner_organisations_visible_to(caller(kind)))
    assert visible == set(PartnerOrganisation.objects.filter(region=world.region_a))
    assert world.partner_a in visible and world.other_partner_a in visible
    assert world.partner_b not in visible


def test_partner_system_sees_only_its_own_organisation(world, caller):
    """A partner system sees its own organisation, not the other partners of its region."""
    assert list(partner_organisations_visible_to(caller("partner"))) == [world.partner_a]


def test_user_without_role_sees_no_organisation_record(world, caller):
    """No role: no region, no desk, no partner organisation."""
    nobody = caller("no_role")
    assert not regions_visible_to(nobody).exists()
    assert not desks_visible_to(nobody).exists()
    assert not partner_organisations_visible_to(nobody).exists()


def test_unauthenticated_caller_sees_nothing(world):
    """An anonymous caller sees no region, desk or partner organisation."""
    for principal in (None, AnonymousUser()):
        assert not regions_visible_to(principal).exists()
        assert not desks_visible_to(principal).exists()
        assert not partner_organisations_visible_to(principal).exists()


def test_amersfoort_staff_see_amersfoort_and_not_midden_utrecht(world):
    """The rule is symmetric: region B's counsellor sees region B only."""
    counsellor_b = user("amersfoort-rmt-counsellor")
    assert list(regions_visible_to(counsellor_b)) == [world.region_b]
    assert world.rmt_a not in set(desks_visible_to(counsellor_b))
    assert world.rmt_b in set(desks_visible_to(counsellor_b))
    partners = set(partner_organisations_visible_to(counsellor_b))
    assert world.partner_b in partners and world.partner_a not in partners


def test_deactivated_desk_stays_visible_as_history(world):
    """Deactivating a desk keeps it in the region's desk list (history points at it)."""
    organisation.desk_deactivate(world.lwl_a)
    assert world.lwl_a in set(desks_visible_to(user("midden-rmt-counsellor")))


# --- grants --------------------------------------------------------------------------------------------


def test_grant_gives_the_desk_a_partner_of_another_region(world):
    """A grant to the RMT desk of region A makes Amersfoort's municipality visible to its staff only."""
    counsellor, lead = user("midden-rmt-counsellor"), user("midden-rmt-lead")
    assert world.partner_b not in set(partner_organisations_visible_to(counsellor))
    grant = grant_to_desk(world.partner_b, world.rmt_a, reason="  Joint regional project  ", granted_by=lead)
    assert grant.reason == "Joint regional project"
    assert grant.granted_by == lead and grant.revoked_at is None and grant.expires_at is None
    assert world.partner_b in set(partner_organisations_visible_to(counsellor))
    assert world.partner_b in set(partner_organisations_visible_to(lead))
    # other desks of the same region, and region roles without a desk, do not share it
    assert world.partner_b not in set(partner_organisations_visible_to(user("midden-lwl-counsellor")))
    assert world.partner_b not in set(partner_organisations_visible_to(user("midden-manager")))
    # a grant on one partner does not open the other partners of its region
    assert not (set(partner_organisations_visible_to(counsellor)) - {world.partner_b}) & set(
        PartnerOrganisation.objects.filter(region=world.region_b)
    )
    # nor does it widen regions or desks
    assert world.region_b not in set(regions_visible_to(counsellor))
    assert world.rmt_b not in set(desks_visible_to(counsellor))


def test_grant_with_future_expiry_counts_until_it_expires(world, soon):
    """A grant with an expiry is active before it, and gives nothing once it lies in the past."""
    counsellor = user("midden-rmt-counsellor")
    grant = grant_to_desk(world.partner_b, world.rmt_a, reason="Pilot", expires_at=soon)
    profile = profile_for(counsellor)
    assert world.partner_b in set(partner_organisations_visible_to(counsellor))
    assert set(granted_object_ids(PartnerOrganisation, profile).values_list("content_object_id", flat=True)) == {
        world.partner_b.id
    }
    # the same grant seen from a moment after its expiry
    assert not PartnerOrganisationDeskGrant.objects.filter(pk=grant.pk).filter(
        active_grant_filter(now=soon + timedelta(seconds=1))
    ).exists()
    # now let it expire for real
    PartnerOrganisationDeskGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert world.partner_b not in set(partner_organisations_visible_to(counsellor))
    assert not granted_object_ids(PartnerOrganisation, profile).exists()
    assert not PartnerOrganisationDeskGrant.objects.filter(pk=grant.pk).filter(active_grant_filter()).exists()


def test_active_grant_filter_matches_open_expiring_expired_and_revoked_grants(world, soon):
    """active_grant_filter: no expiry or a future one, and not revoked."""
    past = timezone.now() - timedelta(days=1)
    grants = {
        "open": grant_to_desk(world.partner_b, world.rmt_a, reason="open"),
        "expiring": grant_to_desk(world.partner_b, world.lwl_a, reason="expiring", expires_at=soon),
        "expired": grant_to_desk(world.other_partner_a, world.rmt_b, reason="expired", expires_at=soon),
        "revoked": grant_to_desk(world.partner_a, world.rmt_b, reason="revoked"),
    }
    PartnerOrganisationDeskGrant.objects.filter(pk=grants["expired"].pk).update(expires_at=past)
    assert revoke_desk_grant(world.partner_a, world.rmt_b)
    active = set(
        PartnerOrganisationDeskGrant.objects.filter(active_grant_filter()).values_list("reason", flat=True)
    )
    assert active == {"open", "expiring"}


def test_grant_cannot_be_given_already_expired(world):
    """An expiry in the past is refused, and no grant is stored."""
    with pytest.raises(RuleViolation) as exc:
        grant_to_desk(world.partner_b, world.rmt_a, reason="Late", expires_at=timezone.now() - timedelta(hours=1))
    assert exc.value.field == "expiresAt"
    assert not PartnerOrganisationDeskGrant.objects.filter(content_object=world.partner_b).exists()


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_grant_without_a_reason_is_refused(world, reason):
    """Every grant records why: a missing or blank reason is a RuleViolation on `reason`."""
    with pytest.raises(RuleViolation) as exc:
        grant_to_desk(world.partner_b, world.rmt_a, reason=reason)
    assert exc.value.field == "reason" and exc.value.status == 400
    assert not PartnerOrganisationDeskGrant.objects.filter(content_object=world.partner_b).exists()
    assert world.partner_b not in set(partner_organisations_visible_to(user("midden-rmt-counsellor")))


def test_inactive_desk_cannot_receive_a_grant(world):
    """A deactivated desk gets no new grants (409)."""
    organisation.desk_deactivate(world.lwl_a)
    with pytest.raises(Conflict):
        grant_to_desk(world.partner_b, Desk.objects.get(pk=world.lwl_a.pk), reason="Too late")
    assert not PartnerOrganisationDeskGrant.objects.filter(content_object=world.partner_b).exists()


def test_revoking_a_grant_ends_access_at_once_even_with_a_cached_profile(world):
    """Grants are not part of the cached profile, so revocation takes effect in the same request."""
    counsellor = user("midden-rmt-counsellor")
    grant_to_desk(world.partner_b, world.rmt_a, reason="Joint project")
    profile = profile_for(counsellor)
    assert world.partner_b in set(partner_organisations_visible_to(counsellor))
    assert revoke_desk_grant(world.partner_b, world.rmt_a) is True
    assert profile_for(counsellor) is profile  # still the cached profile
    assert world.partner_b not in set(partner_organisations_visible_to(counsellor))
    assert not granted_object_ids(PartnerOrganisation, profile).exists()
    # the row is kept, marked revoked, so "who could see this, and why" stays answerable
    grant = PartnerOrganisationDeskGrant.objects.get(content_object=world.partner_b, group=world.rmt_a.group)
    assert grant.revoked_at is not None
    # nothing left to revoke
    assert revoke_desk_grant(world.partner_b, world.rmt_a) is False


def test_revoking_one_desk_grant_leaves_another_desks_grant(world):
    """Revocation is per desk and per record."""
    grant_to_desk(world.partner_b, world.rmt_a, reason="RMT project")
    grant_to_desk(world.partner_b, world.lwl_a, reason="LWL project")
    assert revoke_desk_grant(world.partner_b, world.lwl_a)
    assert world.partner_b in set(partner_organisations_visible_to(user("midden-rmt-counsellor")))
    assert world.partner_b not in set(partner_organisations_visible_to(user("midden-lwl-counsellor")))


def test_revoking_without_a_grant_returns_false(world):
    """Revoking what was never granted changes nothing."""
    assert revoke_desk_grant(world.partner_b, world.rmt_a) is False


def test_regranting_renews_the_same_row(world, soon):
    """Granting again after a revocation reactivates the one row with the new reason and expiry."""
    first = grant_to_desk(world.partner_b, world.rmt_a, reason="First")
    revoke_desk_grant(world.partner_b, world.rmt_a)
    again = grant_to_desk(world.partner_b, world.rmt_a, reason="Second", expires_at=soon)
    assert again.pk == first.pk
    assert PartnerOrganisationDeskGrant.objects.filter(content_object=world.partner_b).count() == 1
    again.refresh_from_db()
    assert again.revoked_at is None and again.reason == "Second" and again.expires_at == soon
    assert world.partner_b in set(partner_organisations_visible_to(user("midden-rmt-counsellor")))


def test_granted_object_ids_lists_only_the_callers_desks_active_grants(world):
    """granted_object_ids: active grants to the principal's desks, nothing of other desks."""
    grant_to_desk(world.partner_b, world.rmt_a, reason="Mine")
    grant_to_desk(world.other_partner_a, world.rmt_b, reason="Someone else's")
    ids = lambda username: set(  # noqa: E731
        granted_object_ids(PartnerOrganisation, profile_for(user(username))).values_list("content_object_id", flat=True)
    )
    assert ids("midden-rmt-counsellor") == {world.partner_b.id}
    assert ids("amersfoort-rmt-counsellor") == {world.other_partner_a.id}
    assert ids("midden-lwl-counsellor") == set()
    assert ids("midden-manager") == set()  # no desk, no desk grants
    revoke_desk_grant(world.partner_b, world.rmt_a)
    assert ids("midden-rmt-counsellor") == set()


def test_partner_principal_does_not_see_partners_granted_to_desks(world, caller):
    """Desk grants widen what staff see; a partner system still sees only itself."""
    grant_to_desk(world.partner_b, world.rmt_a, reason="Joint project")
    assert list(partner_organisations_visible_to(caller("partner"))) == [world.partner_a]


def test_access_reasons_name_home_region_and_every_grant(world, soon):
    """partner_organisation_access answers who can see the organisation and why, revoked grants included."""
    lead = user("midden-rmt-lead")
    grant_to_desk(world.partner_b, world.rmt_a, reason="Joint project", granted_by=lead, expires_at=soon)
    grant_to_desk(world.partner_b, world.lwl_a, reason="Old pilot")
    revoke_desk_grant(world.partner_b, world.lwl_a)
    reasons = partner_organisation_access(world.partner_b)
    assert reasons[0]["kind"] == "region" and reasons[0]["region"] == world.region_b
    grants = {r["desk"]: r for r in reasons if r["kind"] == "grant"}
    assert set(grants) == {world.rmt_a, world.lwl_a}
    assert grants[world.rmt_a]["active"] and grants[world.rmt_a]["reason"] == "Joint project"
    assert grants[world.rmt_a]["granted_by"] == lead and grants[world.rmt_a]["expires_at"] == soon
    assert not grants[world.lwl_a]["active"] and grants[world.lwl_a]["revoked_at"] is not None


# --- query counts -------------------------------------------------------------------------------------


def _partners_in_b(n: int, start: int = 0) -> list[PartnerOrganisation]:
    amersfoort = Region.objects.get(code="amersfoort")
    return [
        PartnerOrganisation.objects.create(region=amersfoort, kind=PartnerKind.OTHER, name=f"Partner {i}")
        for i in range(start, start + n)
    ]


def _queries_to_list(principal_factory, fetch) -> tuple[int, list]:
    """Queries to compute a fresh profile and evaluate (and walk) the visible-to queryset."""
    principal = principal_factory()
    with CaptureQueriesContext(connection) as ctx:
        rows = fetch(principal)
    return len(ctx.captured_queries), rows


def _walk_partners(principal):
    return [(p.name, p.region.name) for p in partner_organisations_visible_to(principal)]


def _walk_desks(principal):
    return [(d.name, d.region.name, d.merged_into and d.merged_into.name) for d in desks_visible_to(principal)]


def _walk_regions(principal):
    return [r.name for r in regions_visible_to(principal)]


def test_partner_organisations_visible_to_takes_constant_queries_whatever_the_grants(world):
    """Profile (memberships, region roles and merged desks in one query) plus one list query, for 1 or 25 grants."""
    factory = lambda: user("midden-rmt-counsellor")  # noqa: E731
    for partner in _partners_in_b(1):
        grant_to_desk(partner, world.rmt_a, reason="one")
    few, rows = _queries_to_list(factory, _walk_partners)
    assert len(rows) == PartnerOrganisation.objects.filter(region=world.region_a).count() + 1
    for partner in _partners_in_b(24, start=1):
        grant_to_desk(partner, world.rmt_a, reason="many")
    many, rows = _queries_to_list(factory, _walk_partners)
    assert len(rows) == PartnerOrganisation.objects.filter(region=world.region_a).count() + 25
    assert few == many == 2


def test_desks_visible_to_takes_constant_queries_whatever_the_desks_and_memberships(world):
    """More desks, more memberships and more desks merged side by side do not add queries."""
    counsellor = user("midden-rmt-counsellor")
    factory = lambda: user("midden-rmt-counsellor")  # noqa: E731
    first = organisation.desk_create(region=world.region_a, kind=DeskKind.WSP, name="Merged desk")
    organisation.desk_merge(first, world.rmt_a)
    few, _ = _queries_to_list(factory, _walk_desks)
    for i in range(12):
        desk = organisation.desk_create(region=world.region_a, kind=DeskKind.WSP, name=f"Extra desk {i}")
        if i % 2:
            organisation.membership_add(user=counsellor, desk=desk, role=DeskRole.COUNSELLOR)
        else:
            organisation.desk_merge(desk, world.rmt_a)
    many, rows = _queries_to_list(factory, _walk_desks)
    assert len(rows) == Desk.objects.filter(region=world.region_a).count()
    assert len(profile_for(factory()).desk_ids) == 1 + 6 + 7
    assert few == many


def test_profile_query_count_does_not_grow_with_the_merge_history(world):
    """A successor desk with a chain of merged predecessors (A into B into C into RMT) costs
    the same queries as a desk without history (regression: one query per merge level)."""
    factory = lambda: user("midden-rmt-counsellor")  # noqa: E731
    without_history, _ = _queries_to_list(factory, _walk_desks)
    chain = [
        organisation.desk_create(region=world.region_a, kind=DeskKind.WSP, name=f"Predecessor {i}")
        for i in range(3)
    ]
    for source, target in zip(chain, chain[1:] + [world.rmt_a]):
        organisation.desk_merge(source, Desk.objects.get(pk=target.pk))
    with_history, _ = _queries_to_list(factory, _walk_desks)
    assert profile_for(factory()).desk_ids == {world.rmt_a.id} | {d.id for d in chain}
    assert with_history == without_history


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_visible_to_query_counts_per_kind_of_caller(world, caller, kind):
    """Every kind of caller lists regions, desks and partners in a bounded number of queries,
    the same before and after adding grants and desks."""

    def counts():
        result = []
        for walk in (_walk_regions, _walk_desks, _walk_partners):
            n, _ = _queries_to_list(lambda: caller(kind), walk)
            result.append(n)
        return result

    before = counts()
    for i, partner in enumerate(_partners_in_b(10)):
        grant_to_desk(partner, world.rmt_a if i % 2 else world.lwl_a, reason="project")
    for i in range(5):
        organisation.desk_create(region=world.region_a, kind=DeskKind.RMT, name=f"Extra {i}")
    assert counts() == before
    assert max(before) <= 2


def test_cached_profile_lists_in_one_query(world, django_assert_num_queries):
    """Once the profile is known, each visible-to list is a single query."""
    grant_to_desk(world.partner_b, world.rmt_a, reason="Joint project")
    counsellor = user("midden-rmt-counsellor")
    profile_for(counsellor)
    with django_assert_num_queries(1):
        _walk_partners(counsellor)
    with django_assert_num_queries(1):
        _walk_desks(counsellor)
    with django_assert_num_queries(1):
        _walk_regions(counsellor)
