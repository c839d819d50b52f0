"""Outcome reports for region managers: JSON, CSV or XLSX by the Accept header or `?format=`
(a download link that works from a browser)."""
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, OpenApiTypes, extend_schema
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from reports import exports, labels, money, targets
from reports.indicators import BY_KEY, INDICATORS
from reports.labels import shown
from reports.service import period_report, report
from rwc.errors import InvalidFields, NotFound

from ..pagination import PageNumberPagination
from ..permissions import ReadsFigures
from ..renderers import CamelCaseJSONRenderer, ProblemJSONRenderer
from ..serializers import reports as s

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return exports.to_csv(data, dialect=data.get("dialect", "rfc4180"), part=data.get("part", "figures"))


class XLSXRenderer(BaseRenderer):
    media_type = XLSX
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return exports.to_xlsx(data)


class FormatOverride(DefaultContentNegotiation):
    """`?format=csv|xlsx|json` chooses the representation before `Accept` does (a link in a browser
    cannot set a header). A format that is none of these is left to the query's validation (a 400)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = request.query_params.get("format")
        for renderer in renderers:
            if wanted and renderer.format == wanted:
                return renderer, renderer.media_type
        return super().select_renderer(request, renderers, format_suffix)


def _indicator(indicator) -> dict:
    return {"id": indicator.key, "title": shown(indicator.title), "definition": shown(indicator.definition),
            "dimensions": list(indicator.dimensions),
            "dimension_labels": {d: labels.dimension(d) for d in indicator.dimensions},
            "measures": [{"key": m.key, "kind": m.kind, "label": labels.measure(m.key)} for m in indicator.measures]}


def _labelled(row: dict) -> dict:
    return {**row, "labels": {name: labels.value(name, value) for name, value in row["dimensions"].items()}}


class ReportListView(APIView):
    permission_classes = [ReadsFigures]

    @extend_schema(summary="The indicators, their definitions, dimensions and measures", tags=["reports"],
                   operation_id="reports_list", parameters=[s.PageQuerySerializer],
                   responses=s.IndicatorListSerializer)
    def get(self, request):
        """A page like every list's (page, pageSize), though all indicators fit on the first."""
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset([_indicator(i) for i in INDICATORS], request, view=self)
        return paginator.get_paginated_response(page)


class ReportView(APIView):
    permission_classes = [ReadsFigures]
    renderer_classes = [CamelCaseJSONRenderer, ProblemJSONRenderer, CSVRenderer, XLSXRenderer]
    content_negotiation_class = FormatOverride

    @extend_schema(
        summary="One indicator for a period, broken down by up to two dimensions, every count perturbed against disclosure",
        tags=["reports"], parameters=[s.ReportQuerySerializer], operation_id="reports_retrieve",
        responses={200: OpenApiResponse(s.ReportSerializer, description="JSON; `Accept: text/csv` or the XLSX "
                                        "type, or `format=csv|xlsx`, gives the same figures as a download (CSV in the "
                                        "Dutch Excel dialect with `dialect=excel-nl`; its description with "
                                        "`part=about`, linked from the figures' `Link` header).")},
    )
    def get(self, request, key=None):
        if key not in BY_KEY:
            raise NotFound(_("No such indicator; GET /api/v1/reports lists them."))
        repeated = [name for name in request.query_params if len(request.query_params.getlist(name)) > 1]
        if repeated:
            raise InvalidFields([(name, "repeated", _("Give this parameter once.")) for name in repeated])
        query = s.ReportQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        params = query.validated_data
        by = [d.strip() for d in params.get("by", "").split(",") if d.strip()]
        data = report(request.user, key, period=params["period"], by=by, region=params.get("region"),
                      desk=params.get("desk"), programme=params.get("programme"), province=params.get("province"))
        fmt = request.accepted_renderer.format
        if fmt in ("csv", "xlsx"):
            part = params.get("part", "figures")
            stem = f"{key}-{params['period'].replace('..', '_').replace('/', '_')}" + ("-about" if part == "about" else "")
            headers = {"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'}
            if fmt == "csv" and part == "figures":
                about = request.query_params.copy()
                about["part"] = "about"
                headers["Link"] = f'<{request.path}?{about.urlencode()}>; rel="describedby"'
            return Response({**data, "dialect": params.get("dialect", "rfc4180"), "part": part}, headers=headers)
        payload = {**data, "indicator": _indicator(data["indicator"]),
                   "period": {"start": data["period"].start, "end": data["period"].end},
                   "rows": [_labelled(r) for r in data["rows"]], "subtotals": [_labelled(r) for r in data["subtotals"]],
                   "total": _labelled(data["total"])}
        return Response(s.ReportSerializer(payload).data)

    def handle_exception(self, exc):
        """Errors are problem+json whatever format was asked for."""
        response = super().handle_exception(exc)
        if getattr(self.request, "accepted_renderer", None) is not None and \
                self.request.accepted_renderer.format in ("csv", "xlsx"):
            self.request.accepted_renderer = ProblemJSONRenderer()
            self.request.accepted_media_type = ProblemJSONRenderer.media_type
        return response


class PeriodReportRenderer(BaseRenderer):
    media_type = XLSX
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return exports.period_report_xlsx(data)


class PeriodReportView(APIView):
    """The standing period report of a region as one download."""

    permission_classes = [ReadsFigures]
    renderer_classes = [PeriodReportRenderer, ProblemJSONRenderer]
    content_negotiation_class = FormatOverride

    @extend_schema(
        summary="A region's standing period report (every indicator's total) as one XLSX download",
        tags=["reports"], parameters=[s.PeriodReportQuerySerializer], operation_id="reports_period_report",
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=(
            "An XLSX workbook: `figures` (indicator, measure, value; every count perturbed as in its own report), "
            "`definitions`, `about`."))},
    )
    def get(self, request):
        repeated = [name for name in request.query_params if len(request.query_params.getlist(name)) > 1]
        if repeated:
            raise InvalidFields([(name, "repeated", _("Give this parameter once.")) for name in repeated])
        query = s.PeriodReportQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        params = query.validated_data
        data = period_report(request.user, period=params["period"], region=params.get("region"))
        region = data["filters"]["region"]
        stem = f"period-report-{region.code + '-' if region else ''}{params['period'].replace('..', '_').replace('/', '_')}"
        return Response(data, headers={"Content-Disposition": f'attachment; filename="{stem}.xlsx"'})

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        self.request.accepted_renderer = ProblemJSONRenderer()
        self.request.accepted_media_type = ProblemJSONRenderer.media_type
        return response


class MoneyCSVRenderer(CSVRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        return exports.money_csv(data, dialect=data.get("dialect", "rfc4180"), part=data.get("part", "figures"))


class MoneyXLSXRenderer(XLSXRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        return exports.money_xlsx(data)


_DOWNLOAD = ("JSON; `Accept: text/csv` or the XLSX type, or `format=csv|xlsx`, gives the same figures as a download "
             "(CSV in the Dutch Excel dialect with `dialect=excel-nl`; its description with `part=about`).")


class MoneyReportView(APIView):
    """The money reports (reports/money.py): the query is checked here, every rule is there."""

    permission_classes = [ReadsFigures]
    renderer_classes = [CamelCaseJSONRenderer, ProblemJSONRenderer, MoneyCSVRenderer, MoneyXLSXRenderer]
    content_negotiation_class = FormatOverride
    query_serializer = None

    def _params(self, request) -> dict:
        repeated = [name for name in request.query_params if len(request.query_params.getlist(name)) > 1]
        if repeated:
            raise InvalidFields([(name, "repeated", _("Give this parameter once.")) for name in repeated])
        query = self.query_serializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        return query.validated_data

    def _respond(self, request, params: dict, data: dict, name: str, serializer, payload: dict):
        fmt = request.accepted_renderer.format
        if fmt in ("csv", "xlsx"):
            part = params.get("part", "figures")
            stem = f"{name}-{params['period'].replace('..', '_').replace('/', '_')}" + ("-about" if part == "about" else "")
            return Response({**data, "dialect": params.get("dialect", "rfc4180"), "part": part},
                            headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'})
        return Response(serializer(payload).data)

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if getattr(self.request, "accepted_renderer", None) is not None and \
                self.request.accepted_renderer.format in ("csv", "xlsx"):
            self.request.accepted_renderer = ProblemJSONRenderer()
            self.request.accepted_media_type = ProblemJSONRenderer.media_type
        return response


class SpendReportView(MoneyReportView):
    query_serializer = s.SpendQuerySerializer

    @extend_schema(
        summary="Spend per funding source against its budget: approved, realised, remaining, in whole euros",
        tags=["reports"], parameters=[s.SpendQuerySerializer], operation_id="reports_spend",
        responses={200: OpenApiResponse(s.SpendSerializer, description=_DOWNLOAD)},
    )
    def get(self, request):
        params = self._params(request)
        data = money.spend(request.user, period=params["period"], region=params.get("region"))
        payload = {**data, "period": {"start": data["period"].start, "end": data["period"].end}}
        return self._respond(request, params, data, "spend", s.SpendSerializer, payload)


class CostReportView(MoneyReportView):
    query_serializer = s.CostQuerySerializer

    @extend_schema(
        summary="Cost per person helped and per placement, by region, desk or programme; averages over fewer than k "
                "people suppressed",
        tags=["reports"], parameters=[s.CostQuerySerializer], operation_id="reports_cost",
        responses={200: OpenApiResponse(s.CostSerializer, description=_DOWNLOAD)},
    )
    def get(self, request):
        params = self._params(request)
        by = [params["by"]] if params.get("by") else []
        data = money.cost(request.user, period=params["period"], by=by, region=params.get("region"),
                          desk=params.get("desk"), programme=params.get("programme"))
        payload = {**data, "period": {"start": data["period"].start, "end": data["period"].end},
                   "rows": [_labelled(r) for r in data["rows"]], "total": _labelled(data["total"])}
        return self._respond(request, params, data, "cost", s.CostSerializer, payload)


class TargetsCSVRenderer(CSVRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        return exports.targets_csv(data, dialect=data.get("dialect", "rfc4180"), part=data.get("part", "figures"))


class TargetsReportView(MoneyReportView):
    """Programmes' targets against the realised figures (reports/targets.py): JSON, or CSV as the other reports."""

    renderer_classes = [CamelCaseJSONRenderer, ProblemJSONRenderer, TargetsCSVRenderer]
    query_serializer = s.TargetsQuerySerializer

    @extend_schema(
        summary="Programme targets for a year against what was realised (perturbed as every count), per region",
        tags=["reports"], parameters=[s.TargetsQuerySerializer], operation_id="reports_targets",
        responses={200: OpenApiResponse(s.TargetsSerializer, description=(
            "JSON; `Accept: text/csv` or `format=csv` gives the same rows as a download (CSV in the Dutch Excel "
            "dialect with `dialect=excel-nl`; its description with `part=about`)."))},
    )
    def get(self, request):
        params = self._params(request)
        data = targets.targets(request.user, period=params["period"], region=params.get("region"),
                               province=params.get("province"))
        rows = [{**row, "measure_label": labels.target_measure(row["measure"])} for row in data["rows"]]
        payload = {**data, "rows": rows, "period": {"start": data["period"].start, "end": data["period"].end}}
        return self._respond(request, params, data, "targets", s.TargetsSerializer, payload)
