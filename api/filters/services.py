"""Query filters of services and front-door questions. Keys are camelCase; each filtered column has
an index beside the case or desk the list starts from."""
from datetime import datetime, time, timedelta

import django_filters
from django.utils import timezone

from services.choices import QuestionChannel, QuestionTopic, ServiceStatus, ServiceType
from services.models import DeliveredService, FrontDoorQuestion

from . import BooleanFilter, StrictFilterSet


class DeliveredServiceFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=ServiceStatus.choices)
    serviceType = django_filters.ChoiceFilter(field_name="service_type", choices=ServiceType.choices)

    class Meta:
        model = DeliveredService
        fields = []


class QuestionFilter(StrictFilterSet):
    desk = django_filters.UUIDFilter(field_name="desk__uuid", help_text="Desk id.")
    channel = django_filters.ChoiceFilter(choices=QuestionChannel.choices)
    topic = django_filters.ChoiceFilter(choices=QuestionTopic.choices)
    followUpNeeded = BooleanFilter(field_name="follow_up_needed")
    askedFrom = django_filters.DateFilter(method="filter_asked_from", help_text="Asked on or after this date.")
    askedTo = django_filters.DateFilter(method="filter_asked_to", help_text="Asked on or before this date.")

    class Meta:
        model = FrontDoorQuestion
        fields = []

    # day bounds in the service's time zone, so the (desk, asked_at) index serves the range
    def filter_asked_from(self, queryset, name, value):
        return queryset.filter(asked_at__gte=_start_of(value))

    def filter_asked_to(self, queryset, name, value):
        return queryset.filter(asked_at__lt=_start_of(value + timedelta(days=1)))


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))
