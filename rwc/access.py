"""The access core: who is asking, which records they may see, and the grants that widen it.

Two questions per request: *may this role do this kind of thing* (roles, in `AccessProfile`) and
*may this principal touch this record* (the `*_visible_to` query functions). Every list, detail and
nested view starts from a `*_visible_to` function, so a record outside the caller's reach is a
404, never a leak. Visibility is one SQL filter (joins and an indexed sub-select on the grant
table), never a per-row permission check.

Grants are stored by django-guardian in direct foreign-key models (one table per record type, see
`rwc.models.PartnerOrganisationDeskGrant`) with a reason, who granted it and an optional expiry.
They are given to desks (each desk owns an auth group, guardian's grantee), so a whole desk's staff
share them; who is on a desk is `StaffMembership`. guardian's own `has_perm` checker is not
installed: it does not know expiry or revocation, so it could only ever disagree with this module.
Revoking keeps the row with `revoked_at` set, so "who could see this, and why" stays answerable.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.utils import get_group_obj_perms_model

from .errors import Conflict, RuleViolation
from .models import Desk, DeskRole, PartnerOrganisation, Region, RegionRole, RegionRoleKind, StaffMembership, User

_CACHE_ATTR = "_rwc_access_profile"


@dataclass(frozen=True)
class AccessProfile:
    """What a principal may do, computed once per request in one query (staff) or none (a partner:
    its system and organisation come with the token)."""

    user_id: int | None = None
    member_desk_ids: frozenset[int] = frozenset()  # desks with an open membership
    desk_ids: frozenset[int] = frozenset()  # those plus desks merged into them (their history)
    team_lead_desk_ids: frozenset[int] = frozenset()
    region_roles: dict[str, frozenset[int]] = field(default_factory=dict)
    partner_organisation_id: int | None = None
    partner_region_id: int | None = None
    scopes: frozenset[str] = frozenset()
    desk_region_ids: frozenset[int] = frozenset()

    @property
    def is_partner(self) -> bool:
        return self.partner_organisation_id is not None

    @property
    def region_ids(self) -> frozenset[int]:
        """Regions the principal works in: through a desk, a region role or its organisation."""
        ids = set(self.desk_region_ids)
        for regions in self.region_roles.values():
            ids |= regions
        if self.partner_region_id:
            ids.add(self.partner_region_id)
        return frozenset(ids)

    def key(self) -> tuple:
        """All of the profile, hashable: the key of what is built from it and kept (the visible-set
        querysets, prepared reads), since what it builds may read any of it."""
        from dataclasses import astuple

        return tuple(tuple(sorted(v.items())) if isinstance(v, dict) else v for v in astuple(self))

    @property
    def has_any_role(self) -> bool:
        return bool(self.member_desk_ids or any(self.region_roles.values()) or self.is_partner)

    def regions_with_role(self, role: str) -> frozenset[int]:
        return self.region_roles.get(role, frozenset())


def profile_for(principal) -> AccessProfile:
    """The access profile of a staff user or partner principal, cached on the principal object."""
    if principal is None or not getattr(principal, "is_authenticated", False):
        return AccessProfile()
    cached = getattr(principal, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    system = getattr(principal, "partner_system", None)
    if getattr(principal, "is_partner", False) and system is not None:
        profile = AccessProfile(
            partner_organisation_id=system.organisation_id,
            partner_region_id=system.organisation.region_id,
            scopes=frozenset(principal.scopes),
        )
    else:
        profile = _staff_profile(principal)
    setattr(principal, _CACHE_ATTR, profile)
    return profile


def _staff_profile(user: User) -> AccessProfile:
    """In one query (it runs on every request): the open memberships with their desks' regions,
    the open region roles, and every merge edge (merged desks are few, a handful per region over the
    years), each row tagged with what it is."""
    m, d, r = StaffMembership._meta.db_table, Desk._meta.db_table, RegionRole._meta.db_table
    sql = (f"SELECT 'm', sm.desk_id, sm.role, d.region_id FROM {m} sm JOIN {d} d ON d.id = sm.desk_id "
           f"WHERE sm.user_id = %s AND sm.ended_at IS NULL "
           f"UNION ALL SELECT 'r', NULL, rr.role, rr.region_id FROM {r} rr WHERE rr.user_id = %s AND rr.ended_at IS NULL "
           f"UNION ALL SELECT 'e', d.id, NULL, d.merged_into_id FROM {d} d WHERE d.merged_into_id IS NOT NULL")
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, user.pk])
        rows = cursor.fetchall()
    memberships = [(desk, role, region) for kind, desk, role, region in rows if kind == "m"]
    roles: dict[str, set[int]] = {}
    into: dict[int, list[int]] = {}
    for kind, desk, role, region in rows:
        if kind == "r":
            roles.setdefault(role, set()).add(region)
        elif kind == "e":
            into.setdefault(region, []).append(desk)  # region holds merged_into_id here
    member_desks = frozenset(d for d, _, _ in memberships)
    return AccessProfile(
        user_id=user.pk,
        member_desk_ids=member_desks,
        desk_ids=frozenset(_with_merged_predecessors(member_desks, into)),
        team_lead_desk_ids=frozenset(d for d, role, _ in memberships if role == DeskRole.TEAM_LEAD),
        region_roles={role: frozenset(ids) for role, ids in roles.items()},
        desk_region_ids=frozenset(r for _, _, r in memberships),
        scopes=frozenset({"staff"}),
    )


def _with_merged_predecessors(desk_ids: frozenset[int], into: dict[int, list[int]]) -> set[int]:
    """Desks merged into these (transitively), from the merge edges `into` (successor -> merged
    desks): their staff inherit what those desks could see."""
    seen = set(desk_ids)
    frontier = list(desk_ids)
    while frontier:
        for predecessor in into.get(frontier.pop(), []):
            if predecessor not in seen:
                seen.add(predecessor)
                frontier.append(predecessor)
    return seen


def desk_and_successors(desk: Desk) -> list[int]:
    """The desk and the desks it was merged into (transitively): whoever works at one of those now
    carries the desk's work."""
    ids, current = [], desk
    while current is not None and current.id not in ids:
        ids.append(current.id)
        current = current.merged_into
    return ids


def forget_profile(principal) -> None:
    """Drop the cached profile, e.g. after memberships changed within one request or test."""
    if hasattr(principal, _CACHE_ATTR):
        delattr(principal, _CACHE_ATTR)


# --- grants -----------------------------------------------------------------------------------


def _permission_for(model: type[models.Model], action: str) -> Permission:
    ct = ContentType.objects.get_for_model(model)
    return Permission.objects.get(content_type=ct, codename=f"{action}_{model._meta.model_name}")


def active_grant_filter(now=None) -> Q:
    """Grants in force: not revoked, not expired. Without `now` the database's clock decides, at
    the statement (`NOW()`), so the filter's SQL does not change from one request to the next and
    a built visible-set query can be kept (clients.access)."""
    now = now or Now()
    return Q(revoked_at__isnull=True) & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def grant_to_desk(obj, desk: Desk, *, reason: str, granted_by: User | None = None, expires_at=None, action="view"):
    """Let a desk's staff `action` (default: view) one record, for a stated reason.

    Re-granting a revoked or expired grant renews the same row, keeping one row per
    (desk, permission, record) as guardian requires.
    """
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation(_("A grant needs a reason."), field="reason")
    if expires_at is not None and expires_at <= timezone.now():
        raise RuleViolation(_("The expiry of a grant must lie in the future."), field="expiresAt")
    if not desk.is_active:
        raise Conflict(_("An inactive desk cannot receive grants."), field="desk")
    model = get_group_obj_perms_model(obj)
    grant, _created = model.objects.update_or_create(
        group=desk.group,
        permission=_permission_for(type(obj), action),
        content_object=obj,
        defaults={
            "reason": reason,
            "granted_by": granted_by,
            "granted_at": timezone.now(),
            "expires_at": expires_at,
            "revoked_at": None,
        },
    )
    return grant


def revoke_desk_grant(obj, desk: Desk, *, action="view") -> bool:
    """End a desk's grant on one record at once; returns whether an active grant was ended."""
    model = get_group_obj_perms_model(obj)
    with transaction.atomic():
        updated = (
            model.objects.filter(group=desk.group, content_object=obj, permission__codename=f"{action}_{type(obj)._meta.model_name}")
            .filter(active_grant_filter())
            .update(revoked_at=timezone.now())
        )
    return bool(updated)


def granted_object_ids(model: type[models.Model], profile: AccessProfile, action="view"):
    """Sub-select of the ids of `model` records granted to any of the principal's desks."""
    grant_model = get_group_obj_perms_model(model)
    return (
        grant_model.objects.filter(
            group__desk__id__in=profile.desk_ids,
            permission__codename=f"{action}_{model._meta.model_name}",
        )
        .filter(active_grant_filter())
        .values("content_object_id")
    )


# --- visibility of the organisation records -----------------------------------------------------


def regions_visible_to(principal):
    """Regions the principal works in (desks, region roles) or, for a partner, its home region."""
    profile = profile_for(principal)
    return Region.objects.filter(id__in=profile.region_ids)


def desks_visible_to(principal):
    """All desks of the principal's regions: staff and partners need them to refer clients."""
    profile = profile_for(principal)
    return Desk.objects.filter(region_id__in=profile.region_ids).select_related("region", "merged_into")


def partner_organisations_visible_to(principal):
    """Staff: partners of their regions plus those granted to their desks. A partner: itself."""
    profile = profile_for(principal)
    qs = PartnerOrganisation.objects.select_related("region")
    if profile.is_partner:
        return qs.filter(id=profile.partner_organisation_id)
    if not profile.has_any_role:
        return qs.none()
    return qs.filter(
        Q(region_id__in=profile.region_ids) | Q(id__in=granted_object_ids(PartnerOrganisation, profile))
    )


def partner_organisation_access(org: PartnerOrganisation) -> list[dict]:
    """Who can see this partner organisation, and why: its home region, and each desk grant."""
    reasons = [{"kind": "region", "region": org.region, "reason": "home region of the organisation"}]
    grant_model = get_group_obj_perms_model(org)
    for grant in grant_model.objects.filter(content_object=org).select_related("group__desk", "granted_by"):
        reasons.append(
            {
                "kind": "grant",
                "desk": grant.group.desk,
                "reason": grant.reason,
                "granted_by": grant.granted_by,
                "granted_at": grant.granted_at,
                "expires_at": grant.expires_at,
                "revoked_at": grant.revoked_at,
                "active": grant.revoked_at is None and (grant.expires_at is None or grant.expires_at > timezone.now()),
            }
        )
    return reasons


def is_functional_admin_for(principal, region_id: int) -> bool:
    return region_id in profile_for(principal).regions_with_role(RegionRoleKind.FUNCTIONAL_ADMIN)
