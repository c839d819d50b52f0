"""Log lines carry the request's trace id; LOG_FORMAT=json gives one JSON object per line."""
import json
import logging

from rwc import processing
from rwc.logfilters import JsonFormatter, WithTraceId


def _record(message="Something happened"):
    record = logging.LogRecord("rwc.test", logging.WARNING, __file__, 1, message, (), None)
    WithTraceId().filter(record)
    return record


def test_a_line_written_during_a_request_carries_its_trace_id():
    op = processing.begin("api")
    with processing.active(op):
        record = _record()
    assert record.trace_id == op.trace_id
    assert _record().trace_id == "-"


def test_the_json_format_is_one_object_per_line_with_the_trace_id():
    op = processing.begin("api")
    with processing.active(op):
        line = JsonFormatter().format(_record("Delivery failed"))
    entry = json.loads(line)
    assert entry["trace_id"] == op.trace_id and entry["message"] == "Delivery failed"
    assert entry["level"] == "WARNING" and entry["logger"] == "rwc.test" and "\n" not in line

