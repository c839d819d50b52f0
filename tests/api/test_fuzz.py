"""Schemathesis fuzzes every operation of the published OpenAPI document, in process.

All of Schemathesis' checks are on: no server errors, status codes, content types, headers and
bodies as documented, bad input rejected and good input accepted. Every operation is fuzzed as a
staff counsellor and as a partner system (both ways in, 25 examples each), and, more lightly, as a
team lead, a region manager and a privacy officer; then the stateful phase follows the links
Schemathesis infers from the document (create -> read -> change) as each of those five roles.
New endpoints join the gate by being in the document.

Budget: the stateful runs and the three lighter roles add about 3 minutes on 2 cores; raise the
numbers below only with that in mind.
"""
from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

MAX_EXAMPLES = 25  # counsellor and partner system
MAX_EXAMPLES_OTHER_ROLES = 3  # team lead, manager, privacy officer: what differs is mostly 403/404
STATEFUL_SCENARIOS = 25  # per role
STATEFUL_STEPS = 8
ROLES = ["counsellor", "team_lead", "manager", "privacy_officer", "partner"]


# Loaded at collection: the document is public and built without the database. (Not through
# schemathesis.pytest.from_fixture, which does not work with pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# The lighter roles: generated requests only (no explicit examples, no coverage sweep, which run
# whatever max_examples says); the counsellor and partner runs below cover those phases.
light_schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=SchemathesisConfig.from_dict(
    {"phases": {"examples": {"enabled": False}, "coverage": {"enabled": False}}}))


@contextmanager
def keep_test_transaction_open():
    """As Django's test client does: a request's end must not close the test's DB connection.

    Per call, because the test client (used to obtain the partner token) reconnects the handlers.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# Rules an OpenAPI document cannot state: the BSN eleven-test, a real phone number, a plausible
# birth date, a municipality code of the list (clients/municipalities.py), that a referenced desk exists, one field's
# bound by another. A 400 that names only
# such fields is the right answer to schema-valid input; any other 400 to valid input still fails.
DOMAIN_RULE_FIELDS = {
    "bsn", "phone", "email", "birthDate", "postcode", "preferredLanguage", "givenNames", "surname", "namePrefix",
    "houseNumberAddition", "city", "municipality", "municipalityCode", "desk", "desks", "partnerOrganisations",
    "overrideReason",
    "purpose", "givenAt", "validUntil", "evidence", "dataCategories", "reason",
    # cases: referenced records that must exist and fit, dates bound to the case, closing needs a reason
    "client", "programme", "owner", "closingReason", "at", "summary", "what", "who", "dueOn", "doneOn",
    # transitions and outcomes: dates bound to birth and case, fields bound to the position or kind
    "date", "case", "transition", "fromPosition", "toPosition", "hoursPerWeek", "contractType", "employerName",
    "sector", "occupation", "institution", "educationProgramme", "educationLevel", "learningRoute", "benefit",
    "instrument", "creboCode", "qualificationTitle", "workProcesses", "learningCompany",
    "learningCompanySbbRecognised", "school", "recordedOn",
    # referrals: the receiver must exist in the client's region, a consent must be the client's, ...
    "serviceRequested", "toDesk", "toPartner", "consent", "plannedMeetingAt", "note",
    # partner intake: staff and partner systems each send their own fields; webhook addresses must be usable
    "person", "basis", "partnerReference", "url",
    # reports: a period that parses but does not exist (2025-13), dimensions the indicator lacks, a region not yours
    "period", "by", "region",
    # employer services: the KvK number, normalised texts and lists, records of the region, hours and dates bound
    # to each other, the instruments' rules
    "kvkNumber", "tradeName", "locations", "contactPersons", "managingDesk", "contactPerson", "followUpOn",
    "employer", "employers", "title", "city", "places", "description", "minHours", "maxHours", "sectors", "name",
    "place", "registration", "startOn", "endOn", "intendedContractMonths", "wageValuePercentage",
    # documents: what a file's bytes are (sniffed, never its declared type), a date not in the future, normalised text
    "file", "documentDate", "author",
    # the worklist: an assignee, counsellor or subject that must exist and be yours to use; a question not in the future
    "assignee", "counsellor", "askedAt", "subject",
}


def _checked(case, response, token, recorder=None):
    """Every check, except `positive_data_acceptance` where the rejection is a documented rule."""
    headers = {"Authorization": f"Bearer {token}"}
    excluded = []
    if response.status_code == 422 and response.json().get("code") == "idempotency_key_reused":
        # Hypothesis sends the same Idempotency-Key with different bodies across examples: the
        # documented 422 is the right answer to the second, however valid its body on its own.
        excluded.append(positive_data_acceptance)
    if response.status_code == 400:
        # a nested field counts by its own name: person.bsn is the BSN rule
        names = {p["name"].split("[")[0].rsplit(".", 1)[-1] for p in response.json().get("invalidParams", [])}
        if names and names <= DOMAIN_RULE_FIELDS:
            excluded.append(positive_data_acceptance)
    case.validate_response(response, excluded_checks=excluded, headers=headers,
                           transport_kwargs={"headers": headers}, recorder=recorder)


def _call(case, token):
    # We authenticate with the bearer token; a generated session cookie beside it would make
    # Schemathesis think the (valid) request rode on that made-up cookie.
    if case.cookies:
        case.cookies.pop("sessionid", None)
    return case.call(headers={"Authorization": f"Bearer {token}"})


def _fuzz(case, token):
    with keep_test_transaction_open():
        _checked(case, _call(case, token), token)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document_as_a_counsellor(case, token_for):
    _fuzz(case, token_for("counsellor"))


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document_as_a_partner_system(case, token_for):
    _fuzz(case, token_for("partner"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["team_lead", "manager", "privacy_officer"])
@light_schema.parametrize()
@settings(max_examples=MAX_EXAMPLES_OTHER_ROLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document_as_another_staff_role(case, role, token_for):
    _fuzz(case, token_for(role))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_api_workflows_conform_to_the_document(role, token_for):
    """The stateful phase: sequences of calls along the inferred links, each response checked."""
    token = token_for(role)

    class Workflow(schema.as_state_machine()):
        def call(self, case, **kwargs):
            return _call(case, token)

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            _checked(case, response, token, recorder=getattr(self, "recorder", None))

    with keep_test_transaction_open():
        run_state_machine_as_test(Workflow, settings=settings(
            max_examples=STATEFUL_SCENARIOS, stateful_step_count=STATEFUL_STEPS, deadline=None,
            suppress_health_check=list(HealthCheck)))
