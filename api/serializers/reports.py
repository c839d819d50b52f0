"""Outcome reports as the API shows them: figures, never names."""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from rwc.models import Province

from .base import StrictInputMixin

# A year 2000-2100, optionally a quarter or a month; or a range of two; or a range of days (reports.periods).
_ONE_PERIOD = r"(20[0-9]{2}|2100)(-(Q[1-4]|0[1-9]|1[0-2]))?"
_DAY = r"(20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
PERIOD_PATTERN = rf"^({_ONE_PERIOD}(\.\.{_ONE_PERIOD})?|{_DAY}/{_DAY})$"


class ReportQuerySerializer(StrictInputMixin, serializers.Serializer):
    period = serializers.RegexField(PERIOD_PATTERN, max_length=40, help_text=(
        "2025, 2025-Q3, 2025-07, a range: 2024..2025-Q2, or a range of days: 2026-01-01/2026-06-30 (both days "
        "included); years 2000 to 2100. A range that ends before it starts, or a day that does not exist, is a 400."))
    by = serializers.CharField(required=False, max_length=100,
                               help_text="Up to two dimensions, comma-separated: desk,quarter.")
    region = serializers.UUIDField(required=False, help_text="One of your regions (default: all of them).")
    province = serializers.ChoiceField(Province.choices, required=False, help_text=(
        "A province you manage (UT, NH, ...): the figures of its regions, by=region for each (a province you do not "
        "manage: 404). Default: every region you read."))
    desk = serializers.UUIDField(required=False)
    programme = serializers.CharField(required=False, max_length=40, help_text="A programme code.")
    format = serializers.ChoiceField(["json", "csv", "xlsx"], required=False, help_text=(
        "The representation, instead of the Accept header: a download link that works from a browser."))
    dialect = serializers.ChoiceField(["rfc4180", "excel-nl"], required=False, help_text=(
        "CSV only. rfc4180 (default): comma-separated, codes, the description as leading `# name,value` lines. "
        "excel-nl: what Excel with Dutch settings opens: `;`-separated, decimal comma, UTF-8 with a byte-order "
        "mark, no comment lines, labels in the request's language."))
    part = serializers.ChoiceField(["figures", "about"], required=False, help_text=(
        "CSV only: the figures (default) or the file describing them (definition, period, filters, disclosure "
        "control, moment of calculation). XLSX has both, on two sheets."))


class PeriodReportQuerySerializer(StrictInputMixin, serializers.Serializer):
    period = serializers.RegexField(PERIOD_PATTERN, max_length=40, help_text=(
        "2025, 2025-Q3, 2025-07, a range: 2024..2025-Q2, or a range of days: 2026-01-01/2026-06-30."))
    region = serializers.UUIDField(required=False, help_text="One of your regions (default: all of them).")
    format = serializers.ChoiceField(["xlsx"], required=False, help_text="xlsx (the only one): a download link.")


@extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
class DimensionsField(serializers.DictField):
    pass


class MeasureSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=["count", "rate", "median"])
    label = serializers.CharField(help_text="In the request's language.")


class IndicatorSerializer(serializers.Serializer):
    id = serializers.SlugField(help_text="Use it in /reports/{id}.")
    title = serializers.CharField()
    definition = serializers.CharField()
    dimensions = serializers.ListField(child=serializers.CharField())
    dimension_labels = DimensionsField(help_text="Each dimension's name in the request's language.")
    measures = MeasureSerializer(many=True)


class PageQuerySerializer(serializers.Serializer):
    """The paging parameters of a list that is not a queryset (documented as the paginator takes them)."""

    page = serializers.IntegerField(required=False, min_value=1)
    pageSize = serializers.IntegerField(required=False, min_value=1, max_value=100)  # noqa: N815 - as sent


class IndicatorListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = IndicatorSerializer(many=True)


@extend_schema_field({"type": "object", "additionalProperties": {"type": "number", "nullable": True}})
class ValuesField(serializers.DictField):
    pass


class FigureSerializer(serializers.Serializer):
    dimensions = DimensionsField(help_text="The cell's value of each dimension broken down by (a code).")
    labels = DimensionsField(help_text="The same values as a person reads them, in the request's language.")
    values = ValuesField(help_text=(
        "Each measure. A count is perturbed (cell key method, docs/indicators.md): 0, or at least "
        "minimumCellSize and within maximumNoise of the true count; a published 0 stands for any true count "
        "below minimumCellSize + maximumNoise. A rate or a median is null where the count it is taken over is "
        "published as 0."))
    suppressed = serializers.ListField(child=serializers.CharField(),
                                       help_text="The measures that are null here (rates and medians only).")


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()


class FilterSerializer(serializers.Serializer):
    region = serializers.CharField(allow_null=True, source="region.name", default=None)
    desk = serializers.CharField(allow_null=True, source="desk.name", default=None)
    programme = serializers.CharField(allow_null=True, source="programme.code", default=None)


class ReportSerializer(serializers.Serializer):
    indicator = IndicatorSerializer()
    period = PeriodSerializer()
    by = serializers.ListField(child=serializers.CharField())
    filters = FilterSerializer()
    minimum_cell_size = serializers.IntegerField(
        help_text="k: true counts from 1 to k-1 are published as 0, and no count is published as 1 to k-1.")
    maximum_noise = serializers.IntegerField(
        help_text="D: a count published as more than 0 is within D of the true count. Totals and subtotals are "
                  "perturbed on their own, so rows need not add up to them.")
    calculated_at = serializers.DateTimeField()
    rows = FigureSerializer(many=True, help_text="The cells; a cell whose every count is published as 0 is left out.")
    subtotals = FigureSerializer(many=True, help_text="With two dimensions: the totals of each value of each "
                                                      "(left out, like rows, where every count is published as 0).")
    total = FigureSerializer()


class SpendQuerySerializer(StrictInputMixin, serializers.Serializer):
    period = serializers.RegexField(PERIOD_PATTERN, max_length=40, help_text=(
        "2025, 2025-Q3, 2025-07, a range: 2024..2025-Q2, or a range of days: 2026-01-01/2026-06-30. The funding "
        "sources whose own period overlaps it are listed; amounts are as at its end."))
    region = serializers.UUIDField(required=False, help_text="One of your regions (default: all of them).")
    format = serializers.ChoiceField(["json", "csv", "xlsx"], required=False, help_text=(
        "The representation, instead of the Accept header: a download link that works from a browser."))
    dialect = serializers.ChoiceField(["rfc4180", "excel-nl"], required=False,
                                      help_text="CSV only: rfc4180 (default) or excel-nl (as for the other reports).")
    part = serializers.ChoiceField(["figures", "about"], required=False,
                                   help_text="CSV only: the figures (default) or the file describing them.")


class CostQuerySerializer(SpendQuerySerializer):
    by = serializers.ChoiceField(["region", "desk", "programme"], required=False,
                                 help_text="One dimension to break the cost down by (default: the total only).")
    desk = serializers.UUIDField(required=False, help_text="A desk of your regions.")
    programme = serializers.CharField(required=False, max_length=40, help_text="A programme code.")


@extend_schema_field({"type": "object", "additionalProperties": {"type": "integer", "nullable": True}})
class EurosField(serializers.DictField):
    pass


class SpendRowSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="The funding source's code.")
    name = serializers.CharField()
    region = serializers.CharField(help_text="The region's name.")
    kind = serializers.ChoiceField(["fund", "scheme", "programme_budget"])
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    values = EurosField(help_text=(
        "Whole euros (rounded half up): budget, approved (services approved up to the period's end), "
        "approvedInPeriod, realised (of the approved, on services started by the period's end), remaining "
        "(budget minus approved; negative if overspent)."))


class SpendTotalSerializer(serializers.Serializer):
    values = EurosField(help_text="The sums over the sources, each rounded on its own: rows need not add up to it.")


class MoneyFiltersSerializer(serializers.Serializer):
    region = serializers.CharField(allow_null=True, source="region.name", default=None)


class SpendSerializer(serializers.Serializer):
    period = PeriodSerializer()
    filters = MoneyFiltersSerializer()
    calculated_at = serializers.DateTimeField()
    rows = SpendRowSerializer(many=True, help_text="Per funding source, by region and name.")
    total = SpendTotalSerializer()


class CostFigureSerializer(serializers.Serializer):
    dimensions = DimensionsField(help_text="The group (a region's or desk's name, a programme code); empty in the total.")
    labels = DimensionsField(help_text="The same values as a person reads them, in the request's language.")
    values = EurosField(help_text=(
        "costPerPerson and costPerPlacement in whole euros; null where taken over fewer than minimumCellSize people "
        "(the cost per placement also over fewer than minimumCellSize placements)."))
    suppressed = serializers.ListField(child=serializers.CharField(), help_text="The measures that are null here.")


class CostSerializer(serializers.Serializer):
    period = PeriodSerializer()
    by = serializers.ListField(child=serializers.CharField())
    filters = FilterSerializer()
    minimum_cell_size = serializers.IntegerField(help_text="k: no average is published over fewer than k people.")
    calculated_at = serializers.DateTimeField()
    rows = CostFigureSerializer(many=True, help_text="The groups; one whose every average is suppressed is left out.")
    total = CostFigureSerializer()


class TargetsQuerySerializer(StrictInputMixin, serializers.Serializer):
    period = serializers.RegexField(r"^\d{4}$", max_length=4, help_text="One year: targets are per year.")
    region = serializers.UUIDField(required=False, help_text="One of your regions (default: all of them).")
    province = serializers.ChoiceField(Province.choices, required=False, help_text=(
        "A province you manage (UT, NH, ...): the figures of its regions, by=region for each (a province you do not "
        "manage: 404). Default: every region you read."))
    format = serializers.ChoiceField(["json", "csv"], required=False, help_text=(
        "The representation, instead of the Accept header: a download link that works from a browser."))
    dialect = serializers.ChoiceField(["rfc4180", "excel-nl"], required=False,
                                      help_text="CSV only: rfc4180 (default) or excel-nl (as for the other reports).")
    part = serializers.ChoiceField(["figures", "about"], required=False,
                                   help_text="CSV only: the figures (default) or the file describing them.")


class TargetRowSerializer(serializers.Serializer):
    region = serializers.CharField(source="region.name", help_text="The region's name.")
    region_id = serializers.UUIDField(source="region.uuid")
    programme = serializers.CharField(source="programme.code", help_text="The programme's code.")
    programme_name = serializers.CharField(source="programme.name")
    measure = serializers.ChoiceField(["trajectories", "people", "placements"], help_text=(
        "What the target counts: trajectories started (cases opened under the programme: `intakes`), people helped "
        "(`people-helped`), placements in work (`placements`)."))
    measure_label = serializers.CharField()
    indicator = serializers.CharField(help_text="The indicator whose total for the region and programme is realised.")
    target = serializers.IntegerField()
    own_target = serializers.BooleanField(help_text="The region's own target; false: the default for every region.")
    realised = serializers.IntegerField(help_text="Published as the indicator publishes it: perturbed (cell key "
                                                  "method), 1 to minimumCellSize-1 as 0.")
    share = serializers.FloatField(help_text="realised / target (above 1 when the target is passed).")


class TargetsSerializer(serializers.Serializer):
    period = PeriodSerializer()
    filters = MoneyFiltersSerializer()
    minimum_cell_size = serializers.IntegerField()
    maximum_noise = serializers.IntegerField()
    calculated_at = serializers.DateTimeField()
    rows = TargetRowSerializer(many=True, help_text="Per region, programme and measure.")
