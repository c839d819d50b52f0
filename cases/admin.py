"""Programmes in the admin: the reference data cases run under (who runs them, follow-up, reopen and
retention periods). Cases themselves are not here: they hold personal data and move only through
the lifecycle in `cases.services`, which the API uses."""
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rwc.admin import RegionReferenceAdmin, SuperuserOnlyAdmin
from rwc.errors import RuleViolation
from rwc.models import DeskKind

from .models import Programme, ProgrammeTarget
from .outcomes import later_follow_ups_schedule


class MonthsField(forms.CharField):
    """Whole months, comma-separated ("12, 24"), kept as a list."""

    def prepare_value(self, value):
        return ", ".join(str(m) for m in value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value)
        parts = [p.strip() for p in (text or "").split(",") if p.strip()]
        if not all(p.isdigit() for p in parts):
            raise forms.ValidationError("Whole months, comma-separated, e.g. 12, 24.")
        return [int(p) for p in parts]


class ProgrammeForm(forms.ModelForm):
    later_follow_up_months = MonthsField(
        required=False, help_text="Later placement follow-ups after (months), ascending, after the first, "
                                  "at most 60: e.g. 12, 24. Existing placements get the points added.")

    desk_kinds = forms.TypedMultipleChoiceField(
        choices=DeskKind.choices, widget=forms.CheckboxSelectMultiple, help_text="The desks that run it."
    )

    class Meta:
        model = Programme
        fields = ["code", "name", "desk_kinds", "follow_up_months", "later_follow_up_months", "reopen_days",
                  "retention_months", "is_active"]


@admin.register(Programme)
class ProgrammeAdmin(SuperuserOnlyAdmin, admin.ModelAdmin):
    """Programmes are national, so only the superuser manages them (a region's functional
    administrator must not change them for every region). A programme in use is never deleted
    (its cases point at it): make it inactive instead."""

    form = ProgrammeForm
    list_display = ["name", "code", "desk_kinds", "follow_up_months", "later_follow_up_months", "reopen_days",
                    "retention_months", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj else []  # the code is how the API and the reports name it

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "later_follow_up_months" in form.changed_data:
            later_follow_ups_schedule(obj)


@admin.register(ProgrammeTarget)
class ProgrammeTargetAdmin(RegionReferenceAdmin, admin.ModelAdmin):
    """Targets of a programme per year: a functional administrator manages those of their regions (the
    right comes from the region role, as the services catalogue's), a superuser also the default
    without a region. Programmes are national: any may be picked."""

    list_display = ["programme", "year", "region", "measure", "target"]
    list_filter = ["year", "measure"]
    region_lookups = ("region",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Programme:
            kwargs["queryset"] = Programme.objects.filter(is_active=True)
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def admin_clean(self, request, obj, data) -> None:
        super().admin_clean(request, obj, data)
        if data.get("region") is None and not request.user.is_superuser:
            raise RuleViolation(_("Name one of your regions; only a superuser sets the default for every region."),
                                field="region")
