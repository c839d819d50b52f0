"""W3C Trace Context, strictly: a caller cannot choose our trace id with a header the standard
forbids; an invalid `traceparent` is ignored and the request starts a trace of its own."""
import pytest

from rwc.audit_models import ProcessingOperation
from rwc.tracecontext import parse_traceparent

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT = "00f067aa0ba902b7"


@pytest.mark.parametrize("header", [
    f"00-{TRACE}-{PARENT}-01",
    f"00-{TRACE}-{PARENT}-00",
    f" 00-{TRACE}-{PARENT}-01\t",  # whitespace around a header value is not part of it
    f"01-{TRACE}-{PARENT}-01",  # a higher version: the version-00 fields are read
    f"cc-{TRACE}-{PARENT}-01-what-the-future-will-bring",
    f"fe-{TRACE}-{PARENT}-01-",
])
def test_a_valid_traceparent_gives_its_trace_and_parent(header):
    assert parse_traceparent(header) == (TRACE, PARENT)


@pytest.mark.parametrize("header", [
    f"ff-{TRACE}-{PARENT}-01",  # version ff is forbidden
    f"00-{TRACE}-{PARENT}-01-",  # version 00 is exactly 55 characters
    f"00-{TRACE}-{PARENT}-01-extra",
    f"00-{TRACE}-{PARENT}-1",
    f"00-{TRACE.upper()}-{PARENT}-01",  # lowercase hex only
    f"00-{TRACE}-{PARENT.upper()}-01",
    f"0A-{TRACE}-{PARENT}-01",
    f"00-{TRACE}-{PARENT}-0F",
    f"00-{'0' * 32}-{PARENT}-01",  # all-zero trace id
    f"00-{TRACE}-{'0' * 16}-01",  # all-zero parent id
    f"00-{TRACE[:-1]}g-{PARENT}-01",
    f"00_{TRACE}-{PARENT}-01",
    f"01-{TRACE}-{PARENT}-01x",  # a higher version: after the flags comes the end or a dash
    f"01-{TRACE}-{PARENT}-01,00-{TRACE}-{PARENT}-01",  # two headers joined
    f"01-{TRACE}-{PARENT}",  # shorter than 55
    f"00-{TRACE}-{PARENT}-01\n",
    "", None, "garbage",
])
def test_an_invalid_traceparent_is_refused(header):
    assert parse_traceparent(header) is None


@pytest.mark.django_db
def test_a_forbidden_version_does_not_choose_the_trace_id(api, world):
    response = api("counsellor").get(f"/api/v1/clients/{world.client_a.uuid}",
                                     HTTP_TRACEPARENT=f"ff-{TRACE}-{PARENT}-01")
    assert response.status_code == 200
    version, trace_id, span_id, flags = response["traceparent"].split("-")
    assert version == "00" and len(trace_id) == 32 and trace_id != TRACE
    op = ProcessingOperation.objects.get(trace_id=trace_id)
    assert op.parent_span_id == ""


@pytest.mark.django_db
def test_an_uppercase_traceparent_starts_a_trace_of_its_own(api, world):
    response = api("counsellor").get(f"/api/v1/clients/{world.client_a.uuid}",
                                     HTTP_TRACEPARENT=f"00-{TRACE.upper()}-{PARENT}-01")
    assert response["traceparent"].split("-")[1] not in (TRACE, TRACE.upper())
