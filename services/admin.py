"""The service catalogue, training providers and funding sources in the admin: reference data of a
region, so a functional administrator manages those of their own regions (`RegionReferenceAdmin`, as
the organisation's screens), a superuser all. Programmes are national: any may be picked.
Delivered services, their funding and front-door questions hold personal data and are not here:
they move only through services.delivery, services.funding and services.questions (the API)."""
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cases.models import Programme
from rwc.admin import RegionReferenceAdmin
from rwc.models import DeskKind

from .models import FundingSource, ServiceOffering, TrainingProvider


class ReferenceDataAdmin(RegionReferenceAdmin):
    """Nothing is deleted: services point at it, so it is made inactive instead."""

    reference_deletes = False


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
