"""Query filters of the worklist. Each filtered column is in an index (worklist.models)."""
import django_filters
from django.utils import timezone

from worklist.choices import AppointmentStatus, SubjectKind, TaskPriority, TaskStatus
from worklist.models import Appointment, Notification, Task

from . import BooleanFilter, StrictFilterSet


class TaskFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=TaskStatus.choices)
    priority = django_filters.ChoiceFilter(choices=TaskPriority.choices)
    subjectKind = django_filters.ChoiceFilter(field_name="subject_kind", choices=SubjectKind.choices)
    desk = django_filters.UUIDFilter(field_name="desk__uuid", help_text="Desk id.")
    mine = BooleanFilter(method="filter_mine", help_text="true: assigned to you; false: not assigned to you.")
    unassigned = BooleanFilter(field_name="assignee", lookup_expr="isnull", help_text="true: the desks' pools.")
    overdue = BooleanFilter(method="filter_overdue", help_text="true: open and due before today.")
    dueBefore = django_filters.DateFilter(field_name="due_on", lookup_expr="lt", help_text="Due before this date.")

    class Meta:
        model = Task
        fields = []

    def filter_mine(self, queryset, name, value):
        user_id = self.request.user.pk
        return queryset.filter(assignee_id=user_id) if value else queryset.exclude(assignee_id=user_id)

    def filter_overdue(self, queryset, name, value):
        overdue = {"status": TaskStatus.OPEN, "due_on__lt": timezone.localdate()}
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)


class NotificationFilter(StrictFilterSet):
    unread = BooleanFilter(field_name="read_at", lookup_expr="isnull", help_text="true: not yet read.")

    class Meta:
        model = Notification
        fields = []


class AppointmentFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=AppointmentStatus.choices)
    mine = BooleanFilter(method="filter_mine", help_text="true: your own appointments.")
    dateFrom = django_filters.DateFilter(field_name="starts_at__date", lookup_expr="gte", help_text="On or after.")
    dateTo = django_filters.DateFilter(field_name="starts_at__date", lookup_expr="lte", help_text="On or before.")

    class Meta:
        model = Appointment
        fields = []

    def filter_mine(self, queryset, name, value):
        user_id = self.request.user.pk
        return queryset.filter(counsellor_id=user_id) if value else queryset.exclude(counsellor_id=user_id)
