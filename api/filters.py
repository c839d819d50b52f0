"""Query filters. Keys are camelCase (NL GOV ADR); each filtered column has an index."""
import django_filters

from rwc.models import Desk, DeskKind, PartnerKind, PartnerOrganisation


class DeskFilter(django_filters.FilterSet):
    region = django_filters.UUIDFilter(field_name="region__uuid", help_text="Region id.")
    kind = django_filters.ChoiceFilter(choices=DeskKind.choices)
    isActive = django_filters.BooleanFilter(field_name="is_active")

    class Meta:
        model = Desk
        fields = []


class PartnerOrganisationFilter(django_filters.FilterSet):
    region = django_filters.UUIDFilter(field_name="region__uuid", help_text="Home region id.")
    kind = django_filters.ChoiceFilter(choices=PartnerKind.choices)

    class Meta:
        model = PartnerOrganisation
        fields = []
