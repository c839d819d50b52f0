"""Query filters of the employer services. Keys are camelCase; each filtered column has an index
(the folded trade name a trigram GIN index on PostgreSQL, the rest b-trees)."""
import django_filters

from clients import normalise
from clients.choices import Sector
from employers.choices import SizeClass, VacancyStatus
from employers.models import Employer, MatchingEvent, Vacancy

from . import BooleanFilter, NameFilter, StrictFilterSet


class EmployerFilter(StrictFilterSet):
    name = NameFilter(method="filter_name", max_length=100, help_text="Words of the trade name; case and accents "
                                                                       "do not matter.")
    kvkNumber = django_filters.CharFilter(field_name="kvk_number", max_length=8, min_length=8,
                                          help_text="The eight digits.")
    sector = django_filters.ChoiceFilter(choices=Sector.choices)
    sizeClass = django_filters.ChoiceFilter(field_name="size_class", choices=SizeClass.choices)
    sbbRecognised = BooleanFilter(field_name="sbb_recognised")
    managingDesk = django_filters.UUIDFilter(field_name="managing_desk__uuid", help_text="Managing desk id.")

    class Meta:
        model = Employer
        fields = []

    def filter_name(self, queryset, name, value):
        folded = normalise.fold(value)
        if not folded:
            return queryset.none()
        for word in folded.split():
            queryset = queryset.filter(name_search__contains=word)
        return queryset


class VacancyFilter(StrictFilterSet):
    employer = django_filters.UUIDFilter(field_name="employer__uuid", help_text="Employer id.")
    status = django_filters.ChoiceFilter(choices=VacancyStatus.choices)
    sector = django_filters.ChoiceFilter(choices=Sector.choices)

    class Meta:
        model = Vacancy
        fields = []


class MatchingEventFilter(StrictFilterSet):
    dateFrom = django_filters.DateFilter(field_name="date", lookup_expr="gte", help_text="On or after this date.")
    dateTo = django_filters.DateFilter(field_name="date", lookup_expr="lte", help_text="On or before this date.")

    class Meta:
        model = MatchingEvent
        fields = []
