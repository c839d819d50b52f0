"""The one module through which the web client reaches the reports engine. It lives in
`cases/reports/` today; when it moves to `reports/`, these imports are the only lines to change."""
from cases.reports.exports import SUPPRESSED, table, to_xlsx
from cases.reports.indicators import BY_KEY, INDICATORS
from cases.reports.periods import bucket_label, buckets
from cases.reports.service import may_read_reports, report

__all__ = ["BY_KEY", "INDICATORS", "SUPPRESSED", "bucket_label", "buckets", "may_read_reports", "report", "table",
           "to_xlsx"]
