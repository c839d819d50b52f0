"""The one module through which the web client reaches the reports engine (`reports/`)."""
from reports.exports import SUPPRESSED, table, to_xlsx
from reports.indicators import BY_KEY, INDICATORS
from reports.periods import bucket_label, buckets
from reports.service import may_read_reports, report

__all__ = ["BY_KEY", "INDICATORS", "SUPPRESSED", "bucket_label", "buckets", "may_read_reports", "report", "table",
           "to_xlsx"]
