"""Writes to the organisation: desks, memberships, region roles, partner systems.

The admin, the management commands and the API all call these, so the rules hold wherever a
change comes from. Each runs in one transaction.
"""
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import Application

from .administration import check_region, check_role_change, security_log
from .errors import Conflict, RuleViolation
from .models import (
    Desk,
    DeskRole,
    PartnerOrganisation,
    PartnerSystem,
    Region,
    RegionRole,
    RegionRoleKind,
    StaffMembership,
    User,
)


@transaction.atomic
def desk_create(*, region: Region, kind: str, name: str, has_bsn_legal_basis: bool = False,
                actor: User | None = None) -> Desk:
    """A desk with its own auth group: guardian's grant tables point at groups, so a desk's
    grants are stored against it. Who belongs to the desk is `StaffMembership`, not the group."""
    if actor is not None:
        check_region(actor, region.pk)
    name = (name or "").strip()
    if not name:
        raise RuleViolation(_("A desk needs a name."), field="name")
    if Desk.objects.filter(region=region, name=name).exists():
        raise Conflict(_("Region %(region)s already has a desk called %(name)r.")
                       % {"region": region, "name": name}, field="name")
    desk = Desk(region=region, kind=kind, name=name, has_bsn_legal_basis=has_bsn_legal_basis)
    desk.group = Group.objects.create(name=f"desk:{desk.uuid}")
    desk.full_clean()
    desk.save()
    return desk


@transaction.atomic
def desk_deactivate(desk: Desk, *, actor: User | None = None) -> Desk:
    """Stop new work at a desk; its records and history stay where they are."""
    if actor is not None:
        check_region(actor, desk.region_id)
    desk = Desk.objects.select_for_update().get(pk=desk.pk)
    if not desk.is_active:
        raise Conflict(_("The desk is already inactive."))
    desk.is_active = False
    desk.deactivated_at = timezone.now()
    desk.save(update_fields=["is_active", "deactivated_at"])
    return desk


@transaction.atomic
def desk_merge(source: Desk, target: Desk) -> Desk:
    """Merge `source` into `target` (same region): its staff move over, its history stays its own.

    Staff of the target see what the source desk could see, because the access profile follows
    `merged_into` (see `rwc.access`).
    """
    source, target = (Desk.objects.select_for_update().get(pk=d.pk) for d in (source, target))
    if source.pk == target.pk:
        raise RuleViolation(_("A desk cannot be merged into itself."), field="mergedInto")
    if source.region_id != target.region_id:
        raise RuleViolation(_("Desks can only be merged within one region."), field="mergedInto")
    if not source.is_active or not target.is_active:
        raise Conflict(_("Only active desks can be merged."))
    now = timezone.now()
    for membership in source.memberships.filter(ended_at__isnull=True).select_related("user"):
        membership_end(membership, at=now)
        if not target.memberships.filter(user=membership.user, ended_at__isnull=True).exists():
            membership_add(user=membership.user, desk=target, role=membership.role)
    source.is_active = False
    source.deactivated_at = now
    source.merged_into = target
    source.save(update_fields=["is_active", "deactivated_at", "merged_into"])
    return source


@transaction.atomic
def membership_add(*, user: User, desk: Desk, role: str, actor: User | None = None) -> StaffMembership:
    """`actor` is the administrator making the change (None: the system); see rwc.administration."""
    check_role_change(actor, user=user, region_id=desk.region_id, role=role)
    if role not in DeskRole.values:
        raise RuleViolation(_("Unknown desk role %(role)r.") % {"role": role}, field="role")
    if not desk.is_active:
        raise Conflict(_("Staff cannot join an inactive desk."), field="desk")
    if StaffMembership.objects.filter(user=user, desk=desk, ended_at__isnull=True).exists():
        raise Conflict(_("%(user)s already works at %(desk)s.") % {"user": user, "desk": desk})
    membership = StaffMembership.objects.create(user=user, desk=desk, role=role)
    security_log("membership_added", actor=actor, user=user.username, desk=desk.uuid, region=desk.region_id, role=role)
    return membership


@transaction.atomic
def membership_end(membership: StaffMembership, *, at=None, actor: User | None = None) -> StaffMembership:
    check_role_change(actor, user=membership.user, region_id=membership.desk.region_id, role=membership.role)
    if membership.ended_at is not None:
        raise Conflict(_("The membership has already ended."))
    membership.ended_at = at or timezone.now()
    membership.save(update_fields=["ended_at"])
    security_log("membership_ended", actor=actor, user=membership.user.username, desk=membership.desk.uuid,
                 region=membership.desk.region_id, role=membership.role)
    return membership


@transaction.atomic
def region_role_add(*, user: User, region: Region, role: str, actor: User | None = None) -> RegionRole:
    """`actor` is the administrator making the change (None: the system); see rwc.administration."""
    check_role_change(actor, user=user, region_id=region.pk, role=role)
    if role not in RegionRoleKind.values:
        raise RuleViolation(_("Unknown region role %(role)r.") % {"role": role}, field="role")
    if RegionRole.objects.filter(user=user, region=region, role=role, ended_at__isnull=True).exists():
        raise Conflict(_("%(user)s already has that role in %(region)s.") % {"user": user, "region": region})
    if role == RegionRoleKind.FUNCTIONAL_ADMIN:
        _grant_admin_site(user)
    region_role = RegionRole.objects.create(user=user, region=region, role=role)
    security_log("region_role_added", actor=actor, user=user.username, region=region.pk, role=role)
    return region_role


FUNCTIONAL_ADMIN_GROUP = "functional administrators"
FUNCTIONAL_ADMIN_APPS = ("rwc", "oauth2_provider")


def _grant_admin_site(user: User) -> None:
    """Functional administrators manage the organisation in the Django admin."""
    from django.contrib.auth.models import Permission

    group, created = Group.objects.get_or_create(name=FUNCTIONAL_ADMIN_GROUP)
    if created or not group.permissions.exists():
        group.permissions.set(Permission.objects.filter(content_type__app_label__in=FUNCTIONAL_ADMIN_APPS))
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


@transaction.atomic
def region_role_end(role: RegionRole, *, actor: User | None = None) -> RegionRole:
    check_role_change(actor, user=role.user, region_id=role.region_id, role=role.role)
    if role.ended_at is not None:
        raise Conflict(_("The role has already ended."))
    role.ended_at = timezone.now()
    role.save(update_fields=["ended_at"])
    if role.role == RegionRoleKind.FUNCTIONAL_ADMIN and not RegionRole.objects.filter(
        user=role.user, role=RegionRoleKind.FUNCTIONAL_ADMIN, ended_at__isnull=True
    ).exists():
        _revoke_admin_site(role.user)
    security_log("region_role_ended", actor=actor, user=role.user.username, region=role.region_id, role=role.role)
    return role


def _revoke_admin_site(user: User) -> None:
    """The last functional-administrator role ended: the admin site closes for them (superusers keep it)."""
    user.groups.remove(*Group.objects.filter(name=FUNCTIONAL_ADMIN_GROUP))
    if user.is_staff and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])


@transaction.atomic
def partner_system_create(
    *, organisation: PartnerOrganisation, name: str, scopes: list[str], client_id: str | None = None,
    client_secret: str | None = None, actor: User | None = None,
) -> tuple[PartnerSystem, str]:
    """Register an OAuth2 client-credentials client for a partner; returns it and its secret.

    The secret is stored hashed, so this is the only moment it can be shown.
    """
    if actor is not None:
        check_region(actor, organisation.region_id, field="organisation")
    scopes = partner_scopes_clean(" ".join(scopes))
    if client_id and Application.objects.filter(client_id=client_id).exists():
        raise Conflict(_("This client id is taken."), field="clientId", code="client_id_taken")
    secret = client_secret or generate_client_secret()
    app_kwargs = {"client_id": client_id} if client_id else {}
    application = Application.objects.create(
        name=name,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
        skip_authorization=True,
        **app_kwargs,
    )
    system = PartnerSystem.objects.create(application=application, organisation=organisation, scopes=" ".join(sorted(set(scopes))))
    security_log("partner_system_created", actor=actor, system=system.uuid, organisation=organisation.uuid,
                 region=organisation.region_id, scopes=system.scopes)
    return system, secret


@transaction.atomic
def partner_system_update(system: PartnerSystem, *, organisation: PartnerOrganisation, scopes: str,
                          actor: User | None = None) -> PartnerSystem:
    """Rebind a partner system or change its scopes: both organisations must be the actor's to administer."""
    current = PartnerSystem.objects.select_for_update().select_related("organisation").get(pk=system.pk)
    if actor is not None:
        check_region(actor, current.organisation.region_id, field="organisation")
        check_region(actor, organisation.region_id, field="organisation")
    wanted = partner_scopes_clean(scopes)
    before = (current.organisation_id, current.scopes)
    current.organisation, current.scopes = organisation, " ".join(wanted)
    current.save(update_fields=["organisation", "scopes"])
    if before != (current.organisation_id, current.scopes):
        security_log("partner_system_changed", actor=actor, system=current.uuid, organisation=organisation.uuid,
                     region=organisation.region_id, scopes=current.scopes)
    return current


def partner_scopes_clean(scopes: str) -> list[str]:
    """The space-separated scopes of a partner system, sorted; a non-empty subset of the partner scopes."""
    from django.conf import settings

    known = set(settings.OAUTH2_PROVIDER["SCOPES"]) - {"staff"}
    wanted = set((scopes or "").split())
    if not wanted or wanted - known:
        raise RuleViolation(_("Scopes must be a non-empty subset of %(known)s.")
                            % {"known": sorted(known)}, field="scopes")
    return sorted(wanted)
