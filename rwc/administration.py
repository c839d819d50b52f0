"""What a functional administrator may administer: the organisation of their own regions only.

A functional administrator (region role `functional_admin`) manages desks, staff, roles and partner
systems of the regions they hold that role in; a superuser manages everything. The Django admin
narrows every list and choice with these functions and calls the `check_*` guards before a write,
so a forged form with another region's id is refused even when the choice list was bypassed.

Nobody changes their own roles, memberships or privileges here: a second person does that, and
every change is written to the security log (`rwc.security`, see `security_log`).
"""
from __future__ import annotations

import logging

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .access import is_functional_admin_for, profile_for
from .errors import NotAllowed
from .models import Desk, PartnerOrganisation, Region, RegionRole, RegionRoleKind, StaffMembership, User

security_logger = logging.getLogger("rwc.security")


def administered_region_ids(admin) -> frozenset[int] | None:
    """The regions `admin` administers; None means every region (a superuser)."""
    if getattr(admin, "is_superuser", False):
        return None
    return profile_for(admin).regions_with_role(RegionRoleKind.FUNCTIONAL_ADMIN)


def may_administer_region(admin, region_id) -> bool:
    return getattr(admin, "is_superuser", False) or is_functional_admin_for(admin, region_id)


def scope(queryset: QuerySet, admin, region_lookups: tuple[str, ...]) -> QuerySet:
    """Rows of `queryset` reached from one of the admin's regions through any of `region_lookups`."""
    ids = administered_region_ids(admin)
    if ids is None:
        return queryset
    match = Q(pk__in=[])
    for lookup in region_lookups:
        match |= Q(**{f"{lookup}__in": ids})
    if len(region_lookups) > 1:  # a sub-select, not distinct(): the admin's delete needs a plain queryset
        return queryset.filter(pk__in=queryset.model._default_manager.filter(match).values("pk"))
    return queryset.filter(match)


def regions_administered_by(admin) -> QuerySet:
    return scope(Region.objects.all(), admin, ("id",))


def desks_administered_by(admin) -> QuerySet:
    return scope(Desk.objects.all(), admin, ("region",))


def partner_organisations_administered_by(admin) -> QuerySet:
    return scope(PartnerOrganisation.objects.all(), admin, ("region",))


def _open_membership(region_ids=None):
    q = StaffMembership.objects.filter(user=OuterRef("pk"), ended_at__isnull=True)
    return q.filter(desk__region_id__in=region_ids) if region_ids is not None else q


def _open_role(region_ids=None):
    q = RegionRole.objects.filter(user=OuterRef("pk"), ended_at__isnull=True)
    return q.filter(region_id__in=region_ids) if region_ids is not None else q


def users_administered_by(admin) -> QuerySet:
    """Staff of the admin's regions (an open membership or region role there), plus accounts not
    placed anywhere yet (no open membership or role, not staff, not superuser), so a new colleague
    can be created and then given a place."""
    ids = administered_region_ids(admin)
    if ids is None:
        return User.objects.all()
    unplaced = ~Exists(_open_membership()) & ~Exists(_open_role()) & Q(is_staff=False, is_superuser=False)
    return User.objects.filter(Exists(_open_membership(ids)) | Exists(_open_role(ids)) | unplaced)


def user_region_ids(user: User) -> set[int]:
    """Every region the user holds an open membership or role in."""
    ids = set(StaffMembership.objects.filter(user=user, ended_at__isnull=True).values_list("desk__region_id", flat=True))
    ids |= set(RegionRole.objects.filter(user=user, ended_at__isnull=True).values_list("region_id", flat=True))
    return ids


def may_manage_user(admin, user: User) -> bool:
    """Change the account (names, e-mail, password, active): only when every region the user works
    in is the admin's, so a password reset never opens another region's access; never a superuser
    (unless the admin is one)."""
    ids = administered_region_ids(admin)
    if ids is None:
        return True
    if user.is_superuser:
        return False
    if user.pk == admin.pk:
        return True  # their own name and password; privileges stay read-only (rwc.admin)
    regions = user_region_ids(user)
    if not regions:
        return not user.is_staff
    return regions <= ids


def check_user_manageable(admin, user: User) -> None:
    if not may_manage_user(admin, user):
        raise NotAllowed(_("You may not manage this account: it belongs to a region you do not administer."))


def check_region(admin, region_id, *, field: str = "region") -> None:
    if not may_administer_region(admin, region_id):
        raise NotAllowed(_("You do not administer this region."), field=field)


def check_role_change(admin, *, user: User, region_id, role: str) -> None:
    """May `admin` give, change or end `role` of `user` in the region `region_id`?

    Never for themself (a second person does that), never in a region the admin does not administer,
    and never for an account the admin may not manage (one working in another region too keeps its
    roles there out of reach, and a manageable account cannot borrow them).
    """
    if admin is None:
        return  # the system itself: commands, seeding
    if user.pk == admin.pk:
        raise NotAllowed(_("Nobody changes their own roles or memberships; ask another administrator."), field="user")
    check_region(admin, region_id)
    if not users_administered_by(admin).filter(pk=user.pk).exists():
        raise NotAllowed(_("This account belongs to a region you do not administer."), field="user")


def security_log(event: str, *, actor, **what) -> None:
    """One line on the `rwc.security` logger: what changed, by whom, for whom; when is the log
    record's time (and the trace id ties it to the request). Logins, ids and role names only."""
    by = getattr(actor, "username", None) or "system"
    details = " ".join(f"{k}={v}" for k, v in what.items())
    security_logger.info("%s by=%s %s", event, by, details)
