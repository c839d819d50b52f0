"""Query filters. Keys are camelCase (NL GOV ADR); each filtered column has an index."""
import django_filters
from django import forms
from django.core.exceptions import ValidationError

from rwc.models import Desk, DeskKind, PartnerKind, PartnerOrganisation


class StrictBooleanField(forms.Field):
    """Only `true` or `false`: anything else is a 400, never quietly "no filter"."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).lower()
        if text in ("true", "false"):
            return text == "true"
        raise ValidationError("Use true or false.", code="invalid")


class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class StrictFilterSet(django_filters.FilterSet):
    """An empty or repeated filter is a 400, not silently ignored: `?region=` is a mistake."""

    def is_valid(self):
        valid = super().is_valid()
        for name in self.filters:
            values = self.data.getlist(name) if name in self.data else []
            if any(value.strip() == "" for value in values):
                self.form.add_error(name, ValidationError("Give a value, or leave the parameter out.", code="blank"))
                valid = False
            elif len(values) > 1:
                self.form.add_error(name, ValidationError("Give this parameter once.", code="repeated"))
                valid = False
        return valid


class DeskFilter(StrictFilterSet):
    region = django_filters.UUIDFilter(field_name="region__uuid", help_text="Region id.")
    kind = django_filters.ChoiceFilter(choices=DeskKind.choices)
    isActive = BooleanFilter(field_name="is_active")

    class Meta:
        model = Desk
        fields = []


class PartnerOrganisationFilter(StrictFilterSet):
    region = django_filters.UUIDFilter(field_name="region__uuid", help_text="Home region id.")
    kind = django_filters.ChoiceFilter(choices=PartnerKind.choices)

    class Meta:
        model = PartnerOrganisation
        fields = []
