"""Who may see which client, and why. Every client view starts from `clients_visible_to`.

Staff see a client when their desk (or a desk merged into it) registered it, or holds an active
grant for it; the cases package adds "holds a case for it". The region's privacy officer sees the
region's clients (read only) to answer the client's rights and to audit access. Managers,
functional administrators and partner systems see no clients through these functions.
"""
import uuid

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rwc import prepared
from rwc.access import AccessProfile, profile_for
from rwc.errors import RuleViolation
from rwc.models import Desk, RegionRoleKind

from .models import Client, ClientDeskGrant

_BSN_ATTR = "_rwc_may_see_bsn"

# Other packages add reasons a desk sees a client (cases: "holds a case for it"), each a function
# AccessProfile -> a queryset of client ids (or None), registered from their AppConfig.ready();
# clients does not import them.
DESK_VISIBILITY_SOURCES: list = []


def active_client_grants():
    """Grants in force: not revoked, not expired, and the consent they rest on (if any) in force."""
    return ClientDeskGrant.objects.active()


def _granted_client_ids(profile: AccessProfile):
    return active_client_grants().filter(group__desk__id__in=profile.desk_ids).order_by().values("content_object_id")


def _own_ids(profile: AccessProfile) -> list:
    """The desk's own relationship with the client: it registered them, or holds a case for them."""
    ids = [Client.objects.filter(registered_by_desk_id__in=profile.desk_ids).order_by().values("id")]
    return ids + [extra for source in DESK_VISIBILITY_SOURCES if (extra := source(profile)) is not None]


def _in_any(id_sets: list) -> Q:
    """For sets of clients (a list, a filter of other records by client): `id IN (a UNION b ...)`,
    each part on its own index and the union hashed once. An `a OR id IN b OR id IN c` over the
    client table cannot do that, and scans all of it at national size."""
    first, *rest = id_sets
    return Q(id__in=first.union(*rest) if rest else first)


def _exists_any(id_sets: list) -> Q:
    """For one client or a few picked by another filter: `EXISTS (... WHERE client = this one)` per
    part, each an index probe, instead of building the desk's whole set (tens of thousands of ids
    at a big desk) to look one client up in it."""
    q = None
    for ids in id_sets:
        column = ids.query.values_select[0]  # each part selects the client id column alone
        part = Exists(ids.filter(**{column: OuterRef("pk")}))
        q = part if q is None else q | part
    return q


def _desk_filter(profile: AccessProfile, *, as_set: bool) -> Q | None:
    if not profile.desk_ids:
        return None
    ids = [*_own_ids(profile), _granted_client_ids(profile)]
    return _in_any(ids) if as_set else _exists_any(ids)


def clients_workable_by(principal):
    """Clients the principal's desks work with (registered, or hold a case for): they may change
    them, record consents and open cases. A grant alone lets a desk read, not write."""
    profile = profile_for(principal)
    if profile.is_partner or not profile.desk_ids:
        return Client.objects.none()
    return Client.objects.filter(_exists_any(_own_ids(profile)))


def clients_visible_to(principal, *, as_set: bool = False):
    """Clients the principal may read: its desks' clients plus, for a privacy officer, the region's.

    The same clients either way; `as_set=True` is the form for a list or for filtering other
    records by client (`client_id__in=...`), the default the form for looking clients up by id,
    BSN or another selective filter. Both use indexes only; neither scans the client table."""
    profile = profile_for(principal)
    if profile.is_partner:
        return Client.objects.none()
    key = (profile.key(), as_set, timezone.localdate())
    built = _built.get(key)
    if built is None:
        built = _build_visible(profile, as_set=as_set)
        if len(_built) >= _BUILT_MAX:
            _built.clear()
        _built[key] = built
    return built.all()  # a fresh clone: the kept queryset is never evaluated nor changed


def client_visible_to(principal, client_uuid: uuid.UUID, *, related: tuple[str, ...] = (),
                      prefetch: tuple[str, ...] = ()) -> Client | None:
    """One client by its public id when the principal may read it, else None: `clients_visible_to`'s
    rule, with the `related` records joined and `prefetch` ones read after. The read behind every
    client page and detail call, so its SQL (the visible-set filter's nested EXISTS) is compiled
    once per access profile and day (`rwc.prepared`), not on every request."""
    if not isinstance(client_uuid, uuid.UUID):
        try:
            client_uuid = uuid.UUID(str(client_uuid))
        except ValueError:
            return None
    profile = profile_for(principal)
    if profile.is_partner:
        return None
    key = ("client", profile.key(), timezone.localdate(), related, prefetch)

    def build(uuid):
        qs = clients_visible_to(principal).filter(uuid=uuid)
        qs = qs.select_related(*related) if related else qs  # select_related() alone would join every key
        return qs.prefetch_related(*prefetch) if prefetch else qs

    return prepared.first(Client, key, build, uuid=client_uuid)


# The visible-set querysets built in this process, by (access profile, form, day): building one
# takes a few milliseconds of Python (its subqueries resolved) on every request. Only the day
# (consent validity) is baked into the SQL; grant expiry is the database's NOW() at the statement,
# and revocations, new grants, cases and memberships are read by the query itself (memberships
# through the profile, computed per request), so a kept queryset never shows more than the
# database allows at that moment.
_built: dict = {}
_BUILT_MAX = 512


def _build_visible(profile: AccessProfile, *, as_set: bool):
    parts = [q for q in (_desk_filter(profile, as_set=as_set), _privacy_officer_filter(profile)) if q is not None]
    if not parts:
        return Client.objects.none()
    q = parts[0]
    for part in parts[1:]:
        q |= part
    return Client.objects.filter(q)


def client_list_for(principal, *, as_set: bool = True):
    """The clients a list shows: `clients_visible_to` (as a set by default), narrowed to the principal's regions.

    `as_set=False` is the form for reading one page when the total is already known: the region's
    name-order index is walked and each client probed against the desk's sets, stopping after the
    page (about 80 ms for any of the first pages of a 25,000-client desk at a million clients,
    against 340 ms for joining the whole set and sorting it).

    The same clients, because a client never leaves its region: it is registered at a desk of it, and
    cases, referrals and grants are refused for a desk of another region. With the region in the
    query a name search reads the trigram matches of that region, not of the whole country (at a
    million clients, 2,020 rows instead of 28,733 for "bos")."""
    profile = profile_for(principal)
    regions = profile.desk_region_ids | profile.regions_with_role(RegionRoleKind.PRIVACY_OFFICER)
    return clients_visible_to(principal, as_set=as_set).filter(region_id__in=regions)


def _privacy_officer_filter(profile: AccessProfile) -> Q | None:
    regions = profile.regions_with_role(RegionRoleKind.PRIVACY_OFFICER)
    return Q(region_id__in=regions) if regions else None


def may_see_full_bsn(principal) -> bool:
    """Staff of a desk with a legal basis for processing the BSN; everyone else sees it masked."""
    cached = getattr(principal, _BSN_ATTR, None)
    if cached is None:
        profile = profile_for(principal)
        cached = bool(profile.member_desk_ids) and Desk.objects.filter(
            id__in=profile.member_desk_ids, has_bsn_legal_basis=True, is_active=True
        ).exists()
        setattr(principal, _BSN_ATTR, cached)
    return cached


def acting_desk(principal, desk: Desk | None = None) -> Desk:
    """The desk a staff member acts for: the one they name, else their only desk."""
    profile = profile_for(principal)
    if desk is not None:
        if desk.id not in profile.member_desk_ids or not desk.is_active:
            raise RuleViolation(_("You do not work at this desk."), field="desk", code="not_your_desk")
        return desk
    active = list(Desk.objects.select_related("region").filter(id__in=profile.member_desk_ids, is_active=True))
    if len(active) == 1:
        return active[0]
    if not active:
        raise RuleViolation(_("Only staff of an active desk can do this."), field="desk", code="no_desk")
    raise RuleViolation(_("You work at several desks: name the desk you act for."), field="desk", code="required")
