"""Accountability: the processing log (privacy officer), the change history of a client or a case
(the record's desk and the privacy officer), and the client's access request (privacy officer)."""
import datetime
import io

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response

from cases.access import cases_visible_to, cases_workable_by, contacts_visible_to
from cases.models import Case
from clients.access import clients_visible_to, clients_workable_by
from clients.models import Client
from employers.employers import employers_visible_to, employers_workable_by
from employers.vacancies import vacancies_visible_to, vacancies_workable_by
from privacy import subject_access
from rwc import change_history, processing
from rwc.audit_models import ProcessingOperation, ProcessingSubject
from rwc.processing_log import operations_visible_to, privacy_regions, with_parties
from rwc.spreadsheets import csv_writer

from ..filters import StrictFilterSet
from ..permissions import AuditsProcessing, WorksWithClients, WspOnly
from ..renderers import CamelCaseJSONRenderer, ProblemJSONRenderer
from ..serializers import audit as s
from .base import get_workable

CSV_MAX_ROWS = 50_000


class FormatErrorsAsProblems:
    """Errors are problem+json whatever format was asked for."""

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        renderer = getattr(self.request, "accepted_renderer", None)
        if renderer is not None and renderer.format in ("csv", "zip"):
            self.request.accepted_renderer = ProblemJSONRenderer()
            self.request.accepted_media_type = ProblemJSONRenderer.media_type
        return response


class ProcessingLogCSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"
    COLUMNS = ["started_at", "ended_at", "trace_id", "span_id", "parent_span_id", "operation", "channel", "status",
               "actor_kind", "username", "user", "partner_system", "roles", "desks", "organisation", "purpose",
               "purpose_given", "client_count", "clients"]

    def render(self, data, accepted_media_type=None, renderer_context=None):
        out = io.StringIO()
        writer = csv_writer(out)
        writer.writerow(self.COLUMNS)
        for op in data if isinstance(data, list) else []:
            actor = op["actor"]
            writer.writerow([
                op["started_at"], op["ended_at"], op["trace_id"], op["span_id"], op["parent_span_id"], op["operation"],
                op["channel"], op["status"], actor["kind"], actor["username"], actor["user"] or "",
                actor["partner_system"], " ".join(op["roles"]), "; ".join(d["name"] for d in op["desks"]),
                (op["organisation"] or {}).get("name", ""), op["purpose"], op["purpose_given"], op["client_count"],
                " ".join(op["clients"]),
            ])
        return out.getvalue().encode("utf-8")


class ZipRenderer(BaseRenderer):
    media_type = "application/zip"
    format = "zip"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 date-time taken to UTC before it reaches the database: PostgreSQL refuses offsets
    beyond 15:59 that ISO 8601 allows (a 500 before), and one that leaves the calendar is a 400."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None or value.tzinfo is None:
            return value
        try:
            return value.astimezone(datetime.timezone.utc)
        except OverflowError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class ProcessingLogFilter(StrictFilterSet):
    client = django_filters.UUIDFilter(method="by_client", help_text="Operations that processed this client.")
    user = django_filters.UUIDFilter(field_name="user_uuid", help_text="Operations by this staff member.")
    since = UtcIsoDateTimeFilter(field_name="started_at", lookup_expr="gte",
                                             help_text="Started at or after (ISO 8601 date-time).")
    until = UtcIsoDateTimeFilter(field_name="started_at", lookup_expr="lt",
                                             help_text="Started before (ISO 8601 date-time).")

    class Meta:
        model = ProcessingOperation
        fields = []

    def by_client(self, queryset, name, value):
        regions = privacy_regions(self.request.user)
        return queryset.filter(Exists(ProcessingSubject.objects.filter(
            operation=OuterRef("pk"), client_uuid=value, region_id__in=regions)))


class ProcessingLogView(FormatErrorsAsProblems, generics.ListAPIView):
    permission_classes = [AuditsProcessing]
    serializer_class = s.ProcessingOperationSerializer
    filterset_class = ProcessingLogFilter
    renderer_classes = [CamelCaseJSONRenderer, ProblemJSONRenderer, ProcessingLogCSVRenderer]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ProcessingOperation.objects.none()
        return operations_visible_to(self.request.user)

    @extend_schema(
        summary="Who processed which client's data, when, for whom and why (privacy officer)", tags=["audit"],
        description="Newest first. `Accept: text/csv` downloads every matching operation (at most 50,000) as CSV.",
    )
    def get(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        if request.accepted_renderer.format == "csv":
            rows = with_parties(list(queryset[:CSV_MAX_ROWS]))
            return Response(self.get_serializer(rows, many=True).data,
                            headers={"Content-Disposition": 'attachment; filename="processing-log.csv"'})
        page = with_parties(self.paginate_queryset(queryset))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


# A page of changes (documented as a list, so the document names `page` and `pageSize`, which
# api.query_parameters then accepts).
PAGE_OF_CHANGES = s.ChangeSerializer(many=True)


class _HistoryView(generics.GenericAPIView):
    permission_classes = [WorksWithClients]
    filter_backends = []  # pages of changes, not filtered
    serializer_class = s.ChangeSerializer
    denied = _("Only the record's own desk and the region's privacy officer read its change history.")

    def readable_record(self, visible, workable, model):
        record = get_object_or_404(visible, uuid=self.kwargs["id"])
        if not change_history.readable(model, workable, privacy_regions(self.request.user)).filter(pk=record.pk).exists():
            self.permission_denied(self.request, message=self.denied)
        return record

    def respond(self, record, *, across=None, **options):
        """Only the rows of records the caller may see through their own endpoints (rwc.change_history)."""
        user = self.request.user
        page = self.paginate_queryset(change_history.changes_of(record, principal=user, across=across))
        changes = change_history.describe(page, principal=user, **options)
        return self.get_paginated_response(s.ChangeSerializer(changes, many=True).data)


class ClientHistoryView(_HistoryView):
    @extend_schema(summary="Every change to the client's record and what refers to it, newest first", tags=["audit"],
                   responses=PAGE_OF_CHANGES)
    def get(self, request, id=None):
        user = request.user
        client = self.readable_record(clients_visible_to(user), clients_workable_by(user), Client)
        processing.note_subject(client.pk)
        return self.respond(client)


class CaseHistoryView(_HistoryView):
    @extend_schema(summary="Every change to the case, its contacts, plan and outcomes, newest first", tags=["audit"],
                   description="A confidential contact's summary shows as \"(confidential)\" to whoever may not read it.",
                   responses=PAGE_OF_CHANGES)
    def get(self, request, id=None):
        user = request.user
        case = self.readable_record(cases_visible_to(user), cases_workable_by(user), Case)
        processing.note_subject(case.client_id)
        # a confidential note stays with the owner and the team leads, in the history as in the log
        readable = set(contacts_visible_to(user, case).filter(confidential=True).values_list("pk", flat=True))
        return self.respond(case, readable_contact_ids=readable)


class EmployerHistoryView(_HistoryView):
    """The WSP's business records: their own desk's staff read the history (as they change them)."""

    permission_classes = [WspOnly]
    denied = _("Only staff of the WSP desk that keeps the relation read its change history.")

    @extend_schema(summary="Every change to the employer, its contact log and its vacancies, newest first",
                   tags=["audit"], responses=PAGE_OF_CHANGES)
    def get(self, request, id=None):
        employer = get_workable(self, employers_visible_to(request.user), employers_workable_by(request.user),
                                noun="employer", uuid=id)
        return self.respond(employer, across=["employers.EmployerChange", "employers.EmployerContactChange",
                                              "employers.VacancyChange"])


class VacancyHistoryView(_HistoryView):
    permission_classes = [WspOnly]

    @extend_schema(summary="Every change to the vacancy, newest first (candidates are in their clients' history)",
                   tags=["audit"], responses=PAGE_OF_CHANGES)
    def get(self, request, id=None):
        vacancy = get_workable(self, vacancies_visible_to(request.user), vacancies_workable_by(request.user),
                               noun="vacancy", uuid=id)
        return self.respond(vacancy, across=["employers.VacancyChange"])


class ClientDataExportView(FormatErrorsAsProblems, generics.GenericAPIView):
    permission_classes = [AuditsProcessing]
    renderer_classes = [ZipRenderer, CamelCaseJSONRenderer, ProblemJSONRenderer]

    @extend_schema(
        summary="The client's access request: everything held about them, as a ZIP of JSON and CSV (privacy officer)",
        tags=["audit"], responses={(200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    def get(self, request, id=None):
        client = get_object_or_404(clients_visible_to(request.user), uuid=id)
        op = processing.current()
        if op is not None:
            op.activity = subject_access.PURPOSE
        processing.note_subject(client.pk)
        body = subject_access.to_zip(subject_access.archive_for(client))
        request.accepted_renderer, request.accepted_media_type = ZipRenderer(), ZipRenderer.media_type
        return Response(body, content_type="application/zip",
                        headers={"Content-Disposition": f'attachment; filename="client-{client.uuid}.zip"'})
