"""Programmes in the admin: the reference data cases run under (who runs them, follow-up, reopen and
retention periods). Cases themselves are not here: they hold personal data and move only through
the lifecycle in `cases.services`, which the API uses."""
from django import forms
from django.contrib import admin

from rwc.admin import SuperuserOnlyAdmin
from rwc.models import DeskKind

from .models import Programme


class ProgrammeForm(forms.ModelForm):
    desk_kinds = forms.TypedMultipleChoiceField(
        choices=DeskKind.choices, widget=forms.CheckboxSelectMultiple, help_text="The desks that run it."
    )

    class Meta:
        model = Programme
        fields = ["code", "name", "desk_kinds", "follow_up_months", "reopen_days", "retention_months", "is_active"]


@admin.register(Programme)
class ProgrammeAdmin(SuperuserOnlyAdmin, admin.ModelAdmin):
    """Programmes are national, so only the superuser manages them (a region's functional
    administrator must not change them for every region). A programme in use is never deleted
    (its cases point at it): make it inactive instead."""

    form = ProgrammeForm
    list_display = ["name", "code", "desk_kinds", "follow_up_months", "reopen_days", "retention_months", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj else []  # the code is how the API and the reports name it

    def has_delete_permission(self, request, obj=None):
        return False
