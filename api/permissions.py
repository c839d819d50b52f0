"""Role checks (`may this role do this kind of thing`); record checks live in rwc.access."""
from rest_framework.permissions import BasePermission

from rwc.access import profile_for


class IsStaffOrPartner(BasePermission):
    """Authenticated, and either a staff member with a desk or region role, or a partner system."""

    message = "Your account has no role at a desk or region, or as a partner system."

    def has_permission(self, request, view):
        user = request.user
        if user is None or not user.is_authenticated:
            return False
        return profile_for(user).has_any_role


class StaffOnly(IsStaffOrPartner):
    message = "Only staff of the work centre may do this."

    def has_permission(self, request, view):
        return super().has_permission(request, view) and not profile_for(request.user).is_partner
