"""The functional administrator's screens. Writes go through rwc.organisation and rwc.access.

A functional administrator works on the regions they hold that role in, nothing else
(`rwc.administration`): every list, form choice, object view and save below is narrowed to those
regions (`RegionScopedAdmin`), and another region's record is "not found" (the admin redirects to
its index). Superusers see everything. Every other model in the admin (auth groups, OAuth tokens
and grants, sign-in attempts) is for superusers only (`SuperuserOnlyAdmin`, applied at the end of
`close_unscoped_admins` to whatever is registered without region scoping).
"""
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from oauth2_provider.models import Application

from . import access, administration, organisation
from .errors import DomainError, NotAllowed
from .models import (
    Desk,
    PartnerOrganisation,
    PartnerOrganisationDeskGrant,
    PartnerSystem,
    ProvinceRole,
    Region,
    RegionRole,
    StaffMembership,
    User,
)


def choices_for(model, admin_user):
    """The records of `model` the admin may pick in a form (None: leave the field's own choices)."""
    if admin_user.is_superuser:
        return None
    scoped = {
        Region: administration.regions_administered_by,
        Desk: administration.desks_administered_by,
        PartnerOrganisation: administration.partner_organisations_administered_by,
        User: administration.users_administered_by,
        Application: lambda u: administration.scope(
            Application.objects.all(), u, ("partner_system__organisation__region",)),
        PartnerSystem: lambda u: administration.scope(PartnerSystem.objects.all(), u, ("organisation__region",)),
    }
    if model in scoped:
        return scoped[model](admin_user)
    return model._default_manager.none()  # groups, permissions, anything unforeseen: nothing to pick


class SuperuserOnlyAdmin:
    """Only superusers see or touch this model in the admin."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class RegionScopedAdmin:
    """Narrow a ModelAdmin to the functional administrator's regions.

    `region_lookups` are ORM paths from the model to a region: a row is the admin's when one of
    them leads to a region they administer. Lists, object views (view, change, delete, history),
    foreign-key and many-to-many choices and actions all start from the narrowed queryset, and
    `admin_clean` (called from the form's `clean`) lets a model refuse a save the domain forbids.
    """

    region_lookups: tuple[str, ...] = ()
    superuser_adds = False  # only superusers create these (e.g. regions)
    superuser_deletes = False  # only superusers delete these (roles end, they are not deleted)

    def get_queryset(self, request):
        return administration.scope(super().get_queryset(request), request.user, self.region_lookups)

    def in_scope(self, request, obj) -> bool:
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.superuser_deletes and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj) and self.in_scope(request, obj)

    def has_add_permission(self, request, *args):
        if self.superuser_adds and not request.user.is_superuser:
            return False
        return super().has_add_permission(request, *args)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        queryset = choices_for(db_field.related_model, request.user)
        if queryset is not None:
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        queryset = choices_for(db_field.related_model, request.user)
        if queryset is not None:
            kwargs["queryset"] = queryset
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        model_admin = self

        class ScopedForm(form):
            def clean(self):
                data = super().clean()
                try:
                    model_admin.admin_clean(request, obj, data)
                except DomainError as exc:
                    raise ValidationError(exc.detail) from exc
                return data

        ScopedForm.__name__ = form.__name__
        return ScopedForm

    def admin_clean(self, request, obj, data) -> None:
        """Refuse (with a DomainError) what the domain would refuse; regions are checked for every
        foreign key to a region, desk or partner organisation in the submitted data."""
        for value in data.values():
            if isinstance(value, Region):
                administration.check_region(request.user, value.pk)
            elif isinstance(value, (Desk, PartnerOrganisation)):
                administration.check_region(request.user, value.region_id)


class RegionReferenceAdmin(RegionScopedAdmin):
    """Reference data of a region (a catalogue, a budget, a target): every functional administrator
    manages that of their regions, a superuser all. The right comes from the region role itself, not
    from Django model permissions: the functional administrators' group is given the permissions of
    the organisation's apps once (rwc.organisation), and a group made before a newer app existed
    would otherwise never reach its screens. `reference_deletes`: whether a row may be deleted
    (False where records point at it, so it is made inactive instead)."""

    reference_deletes = True

    def _administers(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_staff and (
            user.is_superuser or bool(administration.administered_region_ids(user)))

    def has_module_permission(self, request):
        return self._administers(request)

    def has_view_permission(self, request, obj=None):
        return self._administers(request) and self.in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._administers(request) and self.in_scope(request, obj)

    def has_add_permission(self, request, *args):
        return self._administers(request)

    def has_delete_permission(self, request, obj=None):
        return self.reference_deletes and self._administers(request) and self.in_scope(request, obj)


class _Refused(Exception):
    """A domain rule refused a save the form had accepted (e.g. a duplicate membership)."""

    def __init__(self, detail):
        super().__init__(detail)
        self.detail = detail


class DomainAdminMixin:
    """A domain rule's refusal on save is an error message on the same form, nothing saved (the
    admin's transaction rolls back); a refused permission is a 403.

    Django's admin does not catch errors raised in `save_model` (the form has validated by then):
    a ValidationError there was a 500. So the refusal leaves the admin's atomic block as an
    exception and is turned into a message and a redirect back to the form outside it."""

    def save_model(self, request, obj, form, change):
        try:
            self.domain_save(request, obj, form, change)
        except NotAllowed as exc:
            raise PermissionDenied(exc.detail) from exc
        except DomainError as exc:
            raise _Refused(exc.detail) from exc

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except _Refused as refused:
            self.message_user(request, refused.detail, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def domain_save(self, request, obj, form, change):
        super().save_model(request, obj, form, change)


class MembershipInline(admin.TabularInline):
    model = StaffMembership
    extra = 0
    fields = ["desk", "role", "started_at", "ended_at"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return administration.scope(super().get_queryset(request), request.user, ("desk__region",))

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Functional administrators manage accounts, not privileges: only a superuser can make
    someone staff or superuser, or hand out groups and permissions (roles come from memberships
    and region roles, through rwc.organisation). They see the staff of their regions and accounts
    not placed anywhere yet, and change (or set the password of) only accounts that work in their
    regions alone (`rwc.administration.may_manage_user`). Nobody changes their own privileges."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(pk__in=administration.users_administered_by(request.user).values("pk"))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or self.get_queryset(request).filter(pk=obj.pk).exists())

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or (self.get_queryset(request).filter(pk=obj.pk).exists()
                            and administration.may_manage_user(request.user, obj)))

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.pk == request.user.pk:
            return False
        return super().has_delete_permission(request, obj) and (
            obj is None or self.has_change_permission(request, obj))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser or (obj is not None and obj.pk == request.user.pk):
            fields += [f for f in self.PRIVILEGE_FIELDS if f not in fields]
        return fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model in (Group, Permission) and not request.user.is_superuser:
            kwargs["queryset"] = db_field.related_model.objects.none()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            administration.check_user_manageable(request.user, obj) if obj.pk else None
        super().save_model(request, obj, form, change)
        changed = [f for f in form.changed_data if f in ("is_active", *self.PRIVILEGE_FIELDS)]
        if not change or changed:
            administration.security_log("account_created" if not change else "account_privileges_changed",
                                        actor=request.user, user=obj.username, fields=",".join(changed) or "-",
                                        is_staff=obj.is_staff, is_superuser=obj.is_superuser, is_active=obj.is_active)

    def delete_model(self, request, obj):
        administration.check_user_manageable(request.user, obj)
        administration.security_log("account_deleted", actor=request.user, user=obj.username)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            target = User.objects.filter(pk=id).values_list("username", flat=True).first()
            administration.security_log("password_set", actor=request.user, user=target)
        return response


@admin.register(Region)
class RegionAdmin(RegionScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "province"]
    search_fields = ["name", "code"]
    region_lookups = ("id",)
    superuser_adds = superuser_deletes = True

    def get_readonly_fields(self, request, obj=None):
        # the province decides which province manager reads the region's figures: a superuser sets it
        return [] if request.user.is_superuser else ["province"]


@admin.register(ProvinceRole)
class ProvinceRoleAdmin(SuperuserOnlyAdmin, admin.ModelAdmin):
    """Province managers: national, so the superuser gives and ends them."""

    list_display = ["user", "province", "started_at", "ended_at"]
    list_filter = ["province"]
    readonly_fields = ["started_at"]
    autocomplete_fields = ["user"]


@admin.register(Desk)
class DeskAdmin(RegionScopedAdmin, DomainAdminMixin, admin.ModelAdmin):
    list_display = ["name", "region", "kind", "is_active", "merged_into", "has_bsn_legal_basis"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    readonly_fields = ["is_active", "deactivated_at", "merged_into", "uuid"]
    actions = ["deactivate"]
    region_lookups = ("region",)
    superuser_deletes = True

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "region"] if obj else self.readonly_fields

    def domain_save(self, request, obj, form, change):
        if change:
            administration.check_region(request.user, obj.region_id)
            obj.save()
            return
        desk = organisation.desk_create(
            region=obj.region, kind=obj.kind, name=obj.name, has_bsn_legal_basis=obj.has_bsn_legal_basis,
            actor=request.user,
        )
        obj.pk, obj.group_id, obj.uuid = desk.pk, desk.group_id, desk.uuid

    @admin.action(description=_("Deactivate the selected desks"))
    def deactivate(self, request, queryset):
        for desk in queryset:
            try:
                organisation.desk_deactivate(desk, actor=request.user)
            except DomainError as exc:
                self.message_user(request, f"{desk}: {exc.detail}", messages.ERROR)


class RoleAdminMixin(RegionScopedAdmin, DomainAdminMixin):
    """Roles are given and ended here (never changed in place, never deleted but by a superuser),
    by someone else than the person concerned, and each change is in the security log."""

    superuser_deletes = True

    def admin_clean(self, request, obj, data):
        super().admin_clean(request, obj, data)
        if obj is None and data.get("user") is not None and data.get("role"):
            region_id = data["desk"].region_id if data.get("desk") else getattr(data.get("region"), "pk", None)
            if region_id is not None:
                administration.check_role_change(request.user, user=data["user"], region_id=region_id,
                                                 role=data["role"])

    def delete_model(self, request, obj):
        administration.check_role_change(request.user, user=obj.user, region_id=self.region_of(obj), role=obj.role)
        super().delete_model(request, obj)
        administration.security_log(f"{self.model._meta.model_name}_deleted", actor=request.user,
                                    user=obj.user.username, region=self.region_of(obj), role=obj.role)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def _end_selected(self, request, queryset, end):
        for role in queryset.filter(ended_at__isnull=True):
            try:
                end(role, actor=request.user)
            except DomainError as exc:
                self.message_user(request, f"{role}: {exc.detail}", messages.ERROR)


@admin.register(StaffMembership)
class StaffMembershipAdmin(RoleAdminMixin, admin.ModelAdmin):
    list_display = ["user", "desk", "role", "started_at", "ended_at"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "desk"]
    actions = ["end"]
    region_lookups = ("desk__region",)

    @staticmethod
    def region_of(obj):
        return obj.desk.region_id

    def get_readonly_fields(self, request, obj=None):
        return ["user", "desk", "role", "started_at", "ended_at"] if obj else ["started_at", "ended_at"]

    def domain_save(self, request, obj, form, change):
        if not change:
            created = organisation.membership_add(user=obj.user, desk=obj.desk, role=obj.role, actor=request.user)
            obj.pk = created.pk

    @admin.action(description=_("End the selected memberships"))
    def end(self, request, queryset):
        self._end_selected(request, queryset, organisation.membership_end)


@admin.register(RegionRole)
class RegionRoleAdmin(RoleAdminMixin, admin.ModelAdmin):
    list_display = ["user", "region", "role", "started_at", "ended_at"]
    list_filter = ["role"]
    autocomplete_fields = ["user"]
    actions = ["end"]
    region_lookups = ("region",)

    @staticmethod
    def region_of(obj):
        return obj.region_id

    def get_readonly_fields(self, request, obj=None):
        return ["user", "region", "role", "started_at", "ended_at"] if obj else ["started_at", "ended_at"]

    def domain_save(self, request, obj, form, change):
        if not change:
            obj.pk = organisation.region_role_add(user=obj.user, region=obj.region, role=obj.role, actor=request.user).pk

    @admin.action(description=_("End the selected roles"))
    def end(self, request, queryset):
        self._end_selected(request, queryset, organisation.region_role_end)


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(RegionScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "region", "is_active"]
    list_filter = ["kind"]
    search_fields = ["name"]
    region_lookups = ("region",)
    superuser_deletes = True

    def save_model(self, request, obj, form, change):
        if change:  # both the region it had and the one it gets must be the admin's
            administration.check_region(request.user, PartnerOrganisation.objects.get(pk=obj.pk).region_id)
        administration.check_region(request.user, obj.region_id)
        super().save_model(request, obj, form, change)


@admin.register(PartnerOrganisationDeskGrant)
class PartnerOrganisationDeskGrantAdmin(RegionScopedAdmin, DomainAdminMixin, admin.ModelAdmin):
    """Grants of a partner organisation to a desk of another region (a recorded partnership).

    The organisation's home region shares it: its administrator makes, changes and revokes the
    grant, to an active desk of any region (a partnership crosses regions by nature; the desk list
    is the one choice not narrowed to the admin's regions). The receiving desk's administrator sees
    the grant and may revoke it.
    """

    list_display = ["content_object", "group", "reason", "granted_by", "granted_at", "expires_at", "revoked_at"]
    fields = ["content_object", "desk", "reason", "expires_at"]
    readonly_fields = []
    actions = ["revoke"]
    region_lookups = ("content_object__region", "group__desk__region")
    superuser_deletes = True

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or administration.may_administer_region(request.user, obj.content_object.region_id))

    def get_form(self, request, obj=None, **kwargs):
        kwargs["fields"] = ["content_object", "reason", "expires_at"]  # the desk is a form field, not a column
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["desk"] = forms.ModelChoiceField(queryset=Desk.objects.filter(is_active=True))
        return form

    def admin_clean(self, request, obj, data):
        if data.get("content_object") is not None:
            administration.check_region(request.user, data["content_object"].region_id, field="content_object")

    def domain_save(self, request, obj, form, change):
        administration.check_region(request.user, form.cleaned_data["content_object"].region_id)
        grant = access.grant_to_desk(
            form.cleaned_data["content_object"],
            form.cleaned_data["desk"],
            reason=form.cleaned_data["reason"],
            granted_by=request.user,
            expires_at=form.cleaned_data.get("expires_at"),
        )
        obj.pk = grant.pk

    @admin.action(description=_("Revoke the selected grants"))
    def revoke(self, request, queryset):
        for grant in queryset.select_related("group__desk", "content_object"):
            access.revoke_desk_grant(grant.content_object, grant.group.desk)


class PartnerSystemAddForm(forms.ModelForm):
    """A new partner system: its OAuth2 client is made by `organisation.partner_system_create`."""

    name = forms.CharField(max_length=255, help_text="The name of the OAuth2 client, e.g. the partner's system.")

    class Meta:
        model = PartnerSystem
        fields = ["organisation", "name", "scopes"]


@admin.register(PartnerSystem)
class PartnerSystemAdmin(RegionScopedAdmin, DomainAdminMixin, admin.ModelAdmin):
    """Partner systems of the admin's regions. Adding one makes its OAuth2 client and shows the
    client secret once; it can be rebound only to an organisation of the admin's regions."""

    list_display = ["application", "organisation", "scopes"]
    region_lookups = ("organisation__region",)
    superuser_deletes = True

    def get_fields(self, request, obj=None):
        return ["application", "organisation", "scopes"] if obj else ["organisation", "name", "scopes"]

    def get_readonly_fields(self, request, obj=None):
        return ["application"] if obj else []

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = PartnerSystemAddForm
        return super().get_form(request, obj, **kwargs)

    def admin_clean(self, request, obj, data):
        super().admin_clean(request, obj, data)
        if "scopes" in data:
            organisation.partner_scopes_clean(data["scopes"])

    def domain_save(self, request, obj, form, change):
        if change:
            organisation.partner_system_update(obj, organisation=obj.organisation, scopes=obj.scopes,
                                               actor=request.user)
            return
        system, secret = organisation.partner_system_create(
            organisation=obj.organisation, name=form.cleaned_data["name"], scopes=obj.scopes.split(),
            actor=request.user,
        )
        obj.pk, obj.application_id, obj.uuid = system.pk, system.application_id, system.uuid
        self.message_user(request, _("Client id %(client_id)s, client secret %(secret)s "
                                     "(shown only now: it is stored hashed).")
                          % {"client_id": system.application.client_id, "secret": secret}, messages.WARNING)


def _region_scoped_application_admin(base):
    class ApplicationAdmin(RegionScopedAdmin, base):
        """OAuth2 clients of the admin's regions' partner systems; new ones come from the partner
        system screen (superusers may add others, e.g. for staff tools)."""

        region_lookups = ("partner_system__organisation__region",)
        superuser_adds = superuser_deletes = True

    return ApplicationAdmin


def _superuser_only(base):
    return type(base.__name__, (SuperuserOnlyAdmin, base), {"__doc__": base.__doc__, "__module__": __name__})


def close_unscoped_admins(site=admin.site) -> None:
    """Every model admin without region scoping becomes superuser-only (auth groups, OAuth2 tokens
    and grants, sign-in attempts, and whatever an app registers later); the OAuth2 applications are
    region-scoped. Run from `RwcConfig.ready`, after every app's admin module is loaded."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, (RegionScopedAdmin, UserAdmin, SuperuserOnlyAdmin)):
            continue
        base = type(model_admin)
        site.unregister(model)
        site.register(model, _region_scoped_application_admin(base) if model is Application else _superuser_only(base))
