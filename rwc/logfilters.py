"""Keeping personal data out of the application's logs.

The code logs no client data on purpose (a test scans the logs for a seeded BSN and name). What it
cannot control is what a caller puts in a URL: a BSN typed into a path ends up in Django's request
log lines ("Not Found: /api/v1/clients/123456782") and in runserver's access log (a query string).
`RedactBsn` sits on the log handler, the one every logger writes through (Django's own included:
see LOGGING), and on the request loggers, and blanks anything shaped like a BSN (nine digits,
optionally grouped with dots or spaces) in the message and any exception text before a record is
written. A name typed into a URL has no shape to recognise, so
`WithholdUnmatchedPaths` keeps only paths that matched a route (fixed words and UUIDs) in Django's
request log: a path that matched nothing is logged as "[unmatched path withheld]".
"""
import logging
import re

BSN_SHAPED = re.compile(r"(?<![\w.-])\d(?:[ .]?\d){8}(?![\w-])")
REDACTED = "[redacted]"


def redact(text: str) -> str:
    return BSN_SHAPED.sub(REDACTED, text)


class RedactBsn(logging.Filter):
    """On the log handler (so on every logger's records) and the request loggers: the message, and
    the text of an exception or stack written with it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = _EXCEPTION_TEXT.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_EXCEPTION_TEXT = logging.Formatter()


UNMATCHED = "[unmatched path withheld]"


class WithholdUnmatchedPaths(logging.Filter):
    """For django.request: a path no route matched may hold anything the caller typed; drop it."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is None or getattr(request, "resolver_match", None) is not None or not record.args:
            return True
        paths = {getattr(request, "path", None), getattr(request, "path_info", None)}
        if isinstance(record.args, tuple):
            record.args = tuple(UNMATCHED if arg in paths else arg for arg in record.args)
        return True


class WithTraceId(logging.Filter):
    """Every record carries the trace id of the request (or command) it was written for, the same id
    the processing log and the change history keep, so one request can be followed across them."""

    def filter(self, record: logging.LogRecord) -> bool:
        from .processing import current

        op = current()
        if op is not None:
            record.trace_id = op.trace_id
        elif not getattr(record, "trace_id", None):  # a task may name its trace: extra={"trace_id": ...}
            record.trace_id = "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line (LOG_FORMAT=json), for a log shipper: time, level, logger, trace id,
    message, and the exception's type and trace when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        import json

        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname,
                 "logger": record.name, "trace_id": getattr(record, "trace_id", "-"), "message": record.getMessage()}
        if record.exc_info or record.exc_text:  # the text RedactBsn left, when it ran
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
