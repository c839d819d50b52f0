"""W3C Trace Context (https://www.w3.org/TR/trace-context/): reading a caller's `traceparent`.

Strict, so a caller cannot pick our trace ids with a header the standard forbids: version `ff` is
invalid; version `00` is exactly 55 characters; ids are lowercase hex and never all zeros. A higher
version (`01` to `fe`) is read by the standard's forward-compatibility rule: at least 55
characters, the version-00 fields at their places, and after them the end or a dash. Anything else
is ignored and the request starts a trace of its own.
"""
import re

_FIELDS = re.compile(r"([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})")
_V00_LENGTH = 55


def parse_traceparent(value: str | None) -> tuple[str, str] | None:
    """(trace id, parent span id) of a valid `traceparent`, else None."""
    if not value:
        return None
    value = value.strip(" \t")  # optional whitespace around a header value
    match = _FIELDS.match(value)
    if match is None:
        return None
    version, trace_id, parent_id, _flags = match.groups()
    if version == "ff":
        return None
    if version == "00":
        if len(value) != _V00_LENGTH:
            return None
    elif len(value) > _V00_LENGTH and value[_V00_LENGTH] != "-":
        return None
    if trace_id == "0" * 32 or parent_id == "0" * 16:
        return None
    return trace_id, parent_id
