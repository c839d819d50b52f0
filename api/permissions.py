"""Role checks (`may this role do this kind of thing`); record checks live in rwc.access."""
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from reports.service import may_read_reports
from rwc.access import profile_for
from rwc.models import RegionRoleKind


class IsStaffOrPartner(BasePermission):
    """Authenticated, and either a staff member with a desk or region role, or a partner system."""

    message = _("Your account has no role at a desk or region, or as a partner system.")

    def has_permission(self, request, view):
        user = request.user
        if user is None or not user.is_authenticated:
            return False
        profile = profile_for(user)
        if profile.is_partner:  # the scopes a view documents are the scopes it needs
            needed = set(getattr(view, "partner_scopes", None) or [])
            return needed <= profile.scopes
        return profile.has_any_role


class StaffOnly(IsStaffOrPartner):
    message = _("Only staff of the work centre may do this.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and not profile_for(request.user).is_partner


class WorksWithClients(StaffOnly):
    """Client records: staff of a desk read and write them; the region's privacy officer reads them.

    Managers, functional administrators and partner systems get 403: they see figures or the
    organisation, never people (partner systems reach clients only through referrals).
    """

    message = _("Only staff of a desk, or a privacy officer for reading, work with client records.")

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        profile = profile_for(request.user)
        if profile.member_desk_ids:
            return True
        reading = request.method in ("GET", "HEAD", "OPTIONS")
        return reading and bool(profile.regions_with_role(RegionRoleKind.PRIVACY_OFFICER))


class ReadsReferrals(WorksWithClients):
    """Referrals: client-record staff as for clients, plus partner systems reading what they sent."""

    def has_permission(self, request, view):
        user = request.user
        if user is not None and user.is_authenticated and profile_for(user).is_partner:
            reading = request.method in ("GET", "HEAD", "OPTIONS")
            return reading and "referrals:read" in profile_for(user).scopes
        return super().has_permission(request, view)


class SendsReferrals(WorksWithClients):
    """Sending or answering referrals: desk staff, or a partner system with `referrals:write`."""

    def has_permission(self, request, view):
        user = request.user
        if user is not None and user.is_authenticated and profile_for(user).is_partner:
            return "referrals:write" in profile_for(user).scopes
        return super().has_permission(request, view)


class ManagesWebhooks(IsStaffOrPartner):
    """Webhook endpoints and their delivery log belong to partner systems (scope webhooks:manage)."""

    message = _("Only a partner system with the webhooks:manage scope manages webhooks.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and profile_for(request.user).is_partner


class ReadsFigures(StaffOnly):
    """Outcome reports: region managers, for their own regions, and province managers, for the regions
    of their province; figures, never names."""

    message = _("Only a region manager reads the outcome reports.")

    def has_permission(self, request, view):
        """A province manager may hold no desk or region role: the reports' own rule decides."""
        user = request.user
        if user is None or not user.is_authenticated or profile_for(user).is_partner:
            return False
        return may_read_reports(user)


class EmployerServices(StaffOnly):
    """Employer services (employers, vacancies, matching events): staff of any desk read them, staff
    of a WSP desk change them. Managers, privacy officers, functional administrators and partner
    systems get 403 (figures come through the reports)."""

    message = _("Staff of a desk read employer services; only WSP staff change them.")

    def has_permission(self, request, view):
        if not super().has_permission(request, view) or not profile_for(request.user).member_desk_ids:
            return False
        if request.method in ("GET", "HEAD", "OPTIONS") or not hasattr(view, request.method.lower()):
            return True  # reading; or a method the route does not offer, which is a 405 next
        from employers.employers import works_at_wsp

        return works_at_wsp(request.user)


class WspOnly(StaffOnly):
    """The WSP's own working tools (the employer contact log, the shortlist, attendance, matches)."""

    message = _("Only staff of a WSP desk do this.")

    def has_permission(self, request, view):
        from employers.employers import works_at_wsp

        if not super().has_permission(request, view):
            return False
        return works_at_wsp(request.user) or not hasattr(view, request.method.lower())  # else a 405 next


class AuditsProcessing(StaffOnly):
    """The processing log and access requests: the region's privacy officer only."""

    message = _("Only the region's privacy officer reads the processing log and answers access requests.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and bool(
            profile_for(request.user).regions_with_role(RegionRoleKind.PRIVACY_OFFICER))


class HasWorklist(StaffOnly):
    """The worklist (tasks, notifications, appointments): staff working at a desk. Managers, privacy
    officers, functional administrators and partner systems get 403: they have no worklist."""

    message = _("Only staff working at a desk have a worklist.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and bool(profile_for(request.user).member_desk_ids)
class DeskStaff(StaffOnly):
    """Reference data desk staff work with (the service catalogue, training providers)."""

    message = _("Only staff of a desk use this.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and bool(profile_for(request.user).member_desk_ids)


class ReadsFunding(StaffOnly):
    """Funding sources and their spending: desk staff of the region (they book costs on them) and the
    region's manager (a funder's figures, no personal data)."""

    message = _("Only staff of a desk or a region manager read the funding sources.")

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        profile = profile_for(request.user)
        return bool(profile.member_desk_ids or profile.regions_with_role(RegionRoleKind.MANAGER))
