"""Who may see which case. Every case view starts from `cases_visible_to`.

Counsellors and team leads see their desk's cases (the desk's caseload, and desks merged into
it); the region's privacy officer reads the region's cases. A case at a desk also makes its
client visible to that desk (registered in `clients.access` as a visibility source).
"""
import uuid

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rwc import prepared
from rwc.access import AccessProfile, desk_and_successors, profile_for
from rwc.models import RegionRoleKind

from .models import Case, ContactMoment


def case_access_in_force(desk_ids) -> Q:
    """A case opened on a grant (an accepted referral) counts only while that grant is in force.

    Such a case and its grant belong to the same desk, so only those desks' grants are looked at:
    a handful, through the grant's group index, instead of every grant in the country."""
    from clients.access import active_client_grants

    grants = active_client_grants().filter(group__desk__id__in=desk_ids)
    return Q(access_grant__isnull=True) | Q(access_grant__in=grants)


def cases_visible_to(principal):
    profile = profile_for(principal)
    if profile.is_partner:
        return Case.objects.none()
    q = (Q(desk_id__in=profile.desk_ids) & case_access_in_force(profile.desk_ids)) if profile.desk_ids else None
    officer = profile.regions_with_role(RegionRoleKind.PRIVACY_OFFICER)
    if officer:
        q = (q | Q(desk__region_id__in=officer)) if q is not None else Q(desk__region_id__in=officer)
    return Case.objects.filter(q) if q is not None else Case.objects.none()


def case_visible_to(principal, case_uuid, *, related: tuple[str, ...] = ()) -> Case | None:
    """One case by its public id when the principal may read it, else None: `cases_visible_to`'s rule
    with the `related` records joined, its SQL compiled once per access profile and day
    (`rwc.prepared`): the read behind every case page and detail call."""
    if not isinstance(case_uuid, uuid.UUID):
        try:
            case_uuid = uuid.UUID(str(case_uuid))
        except ValueError:
            return None
    profile = profile_for(principal)
    key = ("case", profile.key(), timezone.localdate(), related)
    def build(uuid):
        qs = cases_visible_to(principal).filter(uuid=uuid)
        return qs.select_related(*related) if related else qs  # select_related() alone would join every key

    return prepared.first(Case, key, build, uuid=case_uuid)


def cases_workable_by(principal):
    """Cases the principal's desks work on: contacts, plan, transitions, outcomes, moves."""
    profile = profile_for(principal)
    if profile.is_partner or not profile.desk_ids:
        return Case.objects.none()
    return Case.objects.filter(Q(desk_id__in=profile.desk_ids) & case_access_in_force(profile.desk_ids))


def client_ids_with_case_at(profile: AccessProfile):
    """Visibility source for clients: clients with a case at one of the principal's desks."""
    if not profile.desk_ids:
        return None
    cases = Case.objects.filter(Q(desk_id__in=profile.desk_ids) & case_access_in_force(profile.desk_ids))
    return cases.order_by().values("client_id")


def contacts_visible_to(principal, case: Case):
    """Confidential notes: only the case owner and the desk's team leads read them."""
    profile = profile_for(principal)
    qs = ContactMoment.objects.filter(case=case)
    if case.owner_id == profile.user_id or set(desk_and_successors(case.desk)) & profile.team_lead_desk_ids:
        return qs
    return qs.filter(confidential=False)


def case_access_reasons(client) -> list[dict]:
    """For clients.why: each desk with a case for the client (open cases keep access; closed ones too,
    as the desk keeps the history it worked on). A case opened on a grant is a reason only while that
    grant is in force, as `case_access_in_force` has it."""
    from clients.access import active_client_grants

    cases = list(Case.objects.filter(client=client).select_related("desk", "programme").order_by("opened_at", "id"))
    on_grants = {case.access_grant_id for case in cases if case.access_grant_id is not None}
    in_force = set(active_client_grants().filter(id__in=on_grants).values_list("id", flat=True)) if on_grants else set()
    return [{"kind": "case", "desk": case.desk,
             "active": case.access_grant_id is None or case.access_grant_id in in_force,
             "reason": _("%(status)s case under %(programme)s") % {
                 "status": case.get_status_display(), "programme": case.programme.name}} for case in cases]
