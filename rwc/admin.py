"""The functional administrator's screens. Writes go through rwc.organisation and rwc.access."""
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError

from . import access, organisation
from .errors import DomainError
from .models import (
    Desk,
    PartnerOrganisation,
    PartnerOrganisationDeskGrant,
    PartnerSystem,
    Region,
    RegionRole,
    StaffMembership,
    User,
)


class DomainAdminMixin:
    """Show a domain rule's refusal as a form error instead of a crash."""

    def save_model(self, request, obj, form, change):
        try:
            self.domain_save(request, obj, form, change)
        except DomainError as exc:
            raise ValidationError(exc.detail) from exc

    def domain_save(self, request, obj, form, change):
        super().save_model(request, obj, form, change)


class MembershipInline(admin.TabularInline):
    model = StaffMembership
    extra = 0
    fields = ["desk", "role", "started_at", "ended_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Functional administrators manage accounts, not privileges: only a superuser can make
    someone staff or superuser, or hand out groups and permissions (roles come from memberships
    and region roles, through rwc.organisation)."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [f for f in self.PRIVILEGE_FIELDS if f not in fields]
        return fields


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Desk)
class DeskAdmin(DomainAdminMixin, admin.ModelAdmin):
    list_display = ["name", "region", "kind", "is_active", "merged_into", "has_bsn_legal_basis"]
    list_filter = ["region", "kind", "is_active"]
    search_fields = ["name"]
    readonly_fields = ["is_active", "deactivated_at", "merged_into", "uuid"]
    actions = ["deactivate"]

    def domain_save(self, request, obj, form, change):
        if change:
            obj.save()
            return
        desk = organisation.desk_create(
            region=obj.region, kind=obj.kind, name=obj.name, has_bsn_legal_basis=obj.has_bsn_legal_basis
        )
        obj.pk, obj.group_id, obj.uuid = desk.pk, desk.group_id, desk.uuid

    @admin.action(description="Deactivate the selected desks")
    def deactivate(self, request, queryset):
        for desk in queryset:
            try:
                organisation.desk_deactivate(desk)
            except DomainError as exc:
                self.message_user(request, f"{desk}: {exc.detail}", messages.ERROR)


@admin.register(StaffMembership)
class StaffMembershipAdmin(DomainAdminMixin, admin.ModelAdmin):
    list_display = ["user", "desk", "role", "started_at", "ended_at"]
    list_filter = ["role", "desk__region"]
    autocomplete_fields = ["user", "desk"]
    actions = ["end"]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "desk", "role", "started_at", "ended_at"] if obj else ["started_at", "ended_at"]

    def domain_save(self, request, obj, form, change):
        if not change:
            created = organisation.membership_add(user=obj.user, desk=obj.desk, role=obj.role)
            obj.pk = created.pk

    @admin.action(description="End the selected memberships")
    def end(self, request, queryset):
        for membership in queryset.filter(ended_at__isnull=True):
            organisation.membership_end(membership)


@admin.register(RegionRole)
class RegionRoleAdmin(DomainAdminMixin, admin.ModelAdmin):
    list_display = ["user", "region", "role", "started_at", "ended_at"]
    list_filter = ["role", "region"]
    autocomplete_fields = ["user"]

    def domain_save(self, request, obj, form, change):
        if not change:
            obj.pk = organisation.region_role_add(user=obj.user, region=obj.region, role=obj.role).pk


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "is_active"]
    list_filter = ["kind", "region"]
    search_fields = ["name"]


@admin.register(PartnerOrganisationDeskGrant)
class PartnerOrganisationDeskGrantAdmin(DomainAdminMixin, admin.ModelAdmin):
    """Grants of a partner organisation to a desk of another region (a recorded partnership)."""

    list_display = ["content_object", "group", "reason", "granted_by", "granted_at", "expires_at", "revoked_at"]
    fields = ["content_object", "desk", "reason", "expires_at"]
    readonly_fields = []
    actions = ["revoke"]

    def get_form(self, request, obj=None, **kwargs):
        from django import forms

        form = super().get_form(request, obj, fields=["content_object", "reason", "expires_at"], **kwargs)
        form.base_fields["desk"] = forms.ModelChoiceField(queryset=Desk.objects.filter(is_active=True))
        return form

    def domain_save(self, request, obj, form, change):
        grant = access.grant_to_desk(
            form.cleaned_data["content_object"],
            form.cleaned_data["desk"],
            reason=form.cleaned_data["reason"],
            granted_by=request.user,
            expires_at=form.cleaned_data.get("expires_at"),
        )
        obj.pk = grant.pk

    @admin.action(description="Revoke the selected grants")
    def revoke(self, request, queryset):
        for grant in queryset.select_related("group__desk", "content_object"):
            access.revoke_desk_grant(grant.content_object, grant.group.desk)


@admin.register(PartnerSystem)
class PartnerSystemAdmin(admin.ModelAdmin):
    list_display = ["application", "organisation", "scopes"]
    list_filter = ["organisation__region"]
    raw_id_fields = ["application"]
