"""No personal data in the application's logs: a seeded BSN and name are sent through the client
endpoints (success, 400s that echo input, 403, 404, 409, 412 and a crash) while every log record
is captured, and neither may appear in any message, argument or traceback."""
import logging
import uuid

import pytest
from django.db import IntegrityError, connection

from clients import services as client_services

BSN = "123456782"  # passes the eleven-test
BSN_DOTTED = "1234.56.782"
BAD_BSN = "123456783"  # fails it
GIVEN, SURNAME = "Wendelien", "Oosterbroek-Quist"
NEEDLES = [BSN, BSN_DOTTED, BAD_BSN, GIVEN, SURNAME]
PERSON = {"givenNames": GIVEN, "surname": SURNAME, "birthDate": "1979-08-14", "postcode": "3511 AB"}


def _capture_everything(caplog):
    """Every logger at DEBUG (django.request too, which the settings keep at ERROR), except SQL logging:
    the settings pin django.db.backends to INFO so that not even DEBUG=True writes query parameters
    (names in clear) to the log, and that pin is part of what is tested here."""
    caplog.set_level(logging.DEBUG)
    names = [n for n, lg in logging.root.manager.loggerDict.items() if isinstance(lg, logging.Logger)]
    for name in {*names, "django", "django.request", "django.security", "rwc", "rwc.errors", "api", "axes"}:
        if not name.startswith("django.db.backends"):
            caplog.set_level(logging.DEBUG, logger=name)


def _rendered(record) -> str:
    parts = [record.getMessage(), repr(record.args)]
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    if record.exc_text:
        parts.append(record.exc_text)
    return "\n".join(parts)


@pytest.mark.django_db
def test_no_bsn_or_name_in_the_logs_whatever_the_outcome(api, world, caplog, monkeypatch):
    _capture_everything(caplog)
    counsellor = api("youth_counsellor")  # the youth desk has a legal basis for the BSN
    counsellor.raise_request_exception = False
    connection.force_debug_cursor = True  # queries are logged as under DEBUG=True
    try:
        created = counsellor.post("/api/v1/clients", {**PERSON, "bsn": BSN_DOTTED}, format="json")
        assert created.status_code == 201, created.content
        url = f"/api/v1/clients/{created.json()['id']}"
        etag = created["ETag"]
        outcomes = {
            "read": counsellor.get(url).status_code,
            "timeline": counsellor.get(f"{url}/timeline").status_code,
            "list by name": counsellor.get("/api/v1/clients", {"name": SURNAME}).status_code,
            "search by BSN": counsellor.post("/api/v1/clients/_search", {"bsn": BSN}, format="json").status_code,
            "search by bad BSN": counsellor.post("/api/v1/clients/_search", {"bsn": BAD_BSN}, format="json").status_code,
            "bad BSN": counsellor.post("/api/v1/clients", {**PERSON, "bsn": BAD_BSN}, format="json").status_code,
            "400 echoing input": counsellor.post(
                "/api/v1/clients", {**PERSON, "educationLevel": SURNAME, "gender": GIVEN, "postcode": SURNAME},
                format="json").status_code,
            "duplicate by name": counsellor.post("/api/v1/clients", PERSON, format="json").status_code,
            "duplicate by BSN": counsellor.post(
                "/api/v1/clients", {**PERSON, "givenNames": "Other", "bsn": BSN}, format="json").status_code,
            "stale If-Match": counsellor.patch(url, {"surname": SURNAME + "x"}, format="json",
                                               HTTP_IF_MATCH='"999"').status_code,
            "not yours": api("manager").post("/api/v1/clients", {**PERSON, "bsn": BSN}, format="json").status_code,
            "unknown id": counsellor.get(f"/api/v1/clients/{uuid.uuid4()}").status_code,
            "BSN in the path": counsellor.get(f"/api/v1/clients/{BSN}").status_code,
            "name in the path": counsellor.get(f"/api/v1/clients/{SURNAME}/timeline").status_code,
        }
        assert etag
        # A crash while registering: the database's message carries the values, as PostgreSQL's do.
        values = f"({GIVEN}, {SURNAME}, {BSN})"

        def crash(**kwargs):
            raise IntegrityError(f'duplicate key value violates unique constraint\nDETAIL:  Key (x)={values} exists.')

        monkeypatch.setattr(client_services, "client_register", crash)
        outcomes["crash"] = counsellor.post("/api/v1/clients", PERSON, format="json").status_code
    finally:
        connection.force_debug_cursor = False

    assert outcomes == {
        "read": 200, "timeline": 200, "list by name": 200, "search by BSN": 200, "search by bad BSN": 400,
        "bad BSN": 400, "400 echoing input": 400, "duplicate by name": 409, "duplicate by BSN": 409,
        "stale If-Match": 412, "not yours": 403, "unknown id": 404, "BSN in the path": 404,
        "name in the path": 404, "crash": 500,
    }
    messages = [r.getMessage() for r in caplog.records]
    # The capture works: the error paths were logged (so a clean result below means something).
    assert any("Unhandled error" in m for m in messages), messages
    assert any(r.name == "django.request" and r.levelno == logging.WARNING for r in caplog.records), messages
    for record in caplog.records:
        text = _rendered(record)
        for needle in NEEDLES:
            assert needle not in text, f"{needle!r} logged by {record.name}: {text[:500]}"


def test_the_log_handler_blanks_anything_shaped_like_a_bsn_but_not_uuids():
    from rwc.logfilters import RedactBsn

    handler = next(h for h in logging.getLogger().handlers if any(isinstance(f, RedactBsn) for f in h.filters))
    for shape in (BSN, BSN_DOTTED, "123 456 782"):
        record = logging.LogRecord("rwc", logging.WARNING, __file__, 1, "looked up %s for %s", (shape, "x"), None)
        assert handler.filter(record)
        assert shape not in record.getMessage() and "[redacted]" in record.getMessage()
    an_id = "12345678-9abc-4def-8123-123456789012"
    record = logging.LogRecord("rwc", logging.WARNING, __file__, 1, "GET /api/v1/clients/%s", (an_id,), None)
    handler.filter(record)
    assert record.getMessage() == f"GET /api/v1/clients/{an_id}"


def _handlers_of_every_logger():
    """(logger name, handler) for every handler a record of any logger can reach (pytest's own aside)."""
    loggers = [logging.getLogger()] + [lg for lg in logging.root.manager.loggerDict.values()
                                       if isinstance(lg, logging.Logger)]
    for logger in loggers:
        current = logger
        while current is not None:
            for handler in current.handlers:
                if not type(handler).__module__.startswith("_pytest") and not isinstance(handler, logging.NullHandler):
                    yield logger.name, handler
            current = current.parent if current.propagate else None


def test_every_handler_any_logger_writes_to_redacts_bsns():
    import django.core.servers.basehttp  # noqa: F401 - runserver's access logger, "django.server"

    from rwc.logfilters import RedactBsn

    seen = set()
    for name, handler in _handlers_of_every_logger():
        seen.add(name)
        assert any(isinstance(f, RedactBsn) for f in handler.filters), f"{name} writes through {handler!r}"
    assert {"root", "django", "django.server", "django.request"} <= seen


def test_runserver_access_log_redacts_a_bsn_in_the_query_string():
    """A real request to Django's development server (its request handler writes the access log
    to "django.server") with a BSN in the query string: the line written has it blanked."""
    import http.client
    import io
    import threading

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

    handlers = [h for _, h in _handlers_of_every_logger() if isinstance(h, logging.StreamHandler)]
    written = io.StringIO()
    streams = [h.setStream(written) for h in handlers]
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler, allow_reuse_address=False)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        connection = http.client.HTTPConnection(*server.server_address, timeout=30)
        connection.request("GET", f"/api/v1/clients?bsn={BSN}&dotted={BSN_DOTTED}")
        assert connection.getresponse().status == 400
        connection.close()
    finally:
        server.shutdown()
        server.server_close()
        for handler, stream in zip(handlers, streams):
            handler.setStream(stream)
    log = written.getvalue()
    assert "GET /api/v1/clients?bsn=[redacted]&dotted=[redacted]" in log, log
    assert BSN not in log and BSN_DOTTED not in log


def test_gunicorn_access_log_redacts_a_bsn(tmp_path):
    """gunicorn.conf.py names the redacting logger; its access log line is written redacted."""
    import runpy
    from datetime import timedelta
    from pathlib import Path

    from gunicorn.config import Config

    conf = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    cfg = Config()
    cfg.set("logger_class", conf["logger_class"])
    cfg.set("accesslog", str(tmp_path / "access.log"))
    cfg.set("errorlog", str(tmp_path / "error.log"))
    logger = cfg.logger_class(cfg)

    class Response:
        status, status_code, sent, headers = "200 OK", 200, 10, []

    class Req:
        headers = []

    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"/api/v1/clients?bsn={BSN}", "PATH_INFO": "/api/v1/clients",
               "QUERY_STRING": f"bsn={BSN}", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1"}
    logger.access(Response(), Req(), environ, timedelta(seconds=0.01))
    logger.error_log.error("Invalid request from %s: %s", "127.0.0.1", f"/clients/{BSN}")
    for handler in logger.access_log.handlers + logger.error_log.handlers:
        handler.flush()
    written = (tmp_path / "access.log").read_text() + (tmp_path / "error.log").read_text()
    assert "[redacted]" in written and BSN not in written, written
