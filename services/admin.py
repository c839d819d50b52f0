"""The service catalogue, training providers and funding sources in the admin: reference data of a
region, so a functional administrator manages those of their own regions (`RegionScopedAdmin`, as
the organisation's screens), a superuser all. Programmes are national: any may be picked.
Delivered services, their funding and front-door questions hold personal data and are not here:
they move only through services.delivery, services.funding and services.questions (the API)."""
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cases.models import Programme
from rwc import administration
from rwc.admin import RegionScopedAdmin
from rwc.models import DeskKind

from .models import FundingSource, ServiceOffering, TrainingProvider


class ReferenceDataAdmin(RegionScopedAdmin):
    """Every functional administrator manages this reference data of their regions. The right comes
    from the region role itself, not from Django model permissions: the functional administrators'
    group is given the permissions of the organisation's apps once (rwc.organisation), and a group
    made before this app existed would otherwise never reach these screens. Nothing is deleted:
    services point at it, so it is made inactive instead."""

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
        return False


class ServiceOfferingForm(forms.ModelForm):
    desk_kinds = forms.TypedMultipleChoiceField(
        choices=DeskKind.choices, widget=forms.CheckboxSelectMultiple, label=_("Desk kinds"),
        help_text=_("The desks that may deliver it."))

    class Meta:
        model = ServiceOffering
        fields = ["region", "service_type", "description", "desk_kinds", "programmes", "is_active"]


@admin.register(ServiceOffering)
class ServiceOfferingAdmin(ReferenceDataAdmin, admin.ModelAdmin):
    form = ServiceOfferingForm
    list_display = ["service_type", "region", "desk_kinds", "is_active"]
    list_filter = ["service_type", "is_active"]
    region_lookups = ("region",)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Programme:  # national reference data: every admin may pick them
            kwargs["queryset"] = Programme.objects.filter(is_active=True)
            return admin.ModelAdmin.formfield_for_manytomany(self, db_field, request, **kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(TrainingProvider)
class TrainingProviderAdmin(ReferenceDataAdmin, admin.ModelAdmin):
    list_display = ["name", "kvk_number", "region", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "kvk_number"]
    region_lookups = ("region",)


@admin.register(FundingSource)
class FundingSourceAdmin(ReferenceDataAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "region", "period_start", "period_end", "budget_ceiling", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    region_lookups = ("region",)

    def get_readonly_fields(self, request, obj=None):
        return ["region", "code"] if obj else []  # the code is how the API and the reports name it
