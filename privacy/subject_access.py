"""The client's right of access (AVG art. 15): everything held about one client, in one archive.

`archive_for(client)` gathers the record, consents, cases with their status history, contacts
(confidential ones too: the privacy officer who hands the copy over decides on any exemption),
agreements, transitions, outcomes and instruments, referrals, candidacies, matching-event
registrations, the timeline, the change history and who processed the data (the processing log);
`to_zip` writes it as `client.json` plus one CSV per section. The BSN is shown masked: the
archive travels by hand and mail, and the client knows their own number.
"""
import io
import json
import shutil
import zipfile
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.utils import timezone

from cases.models import Agreement, CaseStatusChange, ContactMoment, InstrumentUse, Outcome, PlacementFollowUp
from documents.models import Document, DocumentVersion
from documents.services import open_version
from referrals.models import ReferralStatusChange
from rwc import change_history, processing_log
from rwc.spreadsheets import csv_writer

SKIP = {"id", "bsn_ciphertext", "bsn_index", "name_search"}
PURPOSE = "Right of access (AVG art. 15): a copy of everything held about the client, for the client"


def _value(obj, field):
    if field.is_relation:
        related = getattr(obj, field.name)
        if related is None:
            return None
        return str(getattr(related, "uuid", None) or related)
    return getattr(obj, field.attname)


def row(obj, *, skip=()) -> dict:
    """A record as plain values: foreign keys as the public id (or name) of what they point at."""
    return {f.name: _value(obj, f) for f in obj._meta.concrete_fields if f.name not in SKIP | set(skip)}


def archive_for(client) -> dict:
    cases = list(client.cases.order_by("opened_at", "id"))
    referrals = list(client.referrals.order_by("sent_at", "id"))
    record = row(client)
    record["bsn"] = f"******{client.bsn[-3:]}" if client.has_bsn else None
    record["target_groups"] = sorted(t.code for t in client.target_groups.all())
    sections = {
        "client": [record],
        "consents": [row(c) for c in client.consents.order_by("given_at", "id")],
        "cases": [row(c, skip=["access_grant"]) for c in cases],
        "case_status_changes": [row(c) for c in CaseStatusChange.objects.filter(case__in=cases).order_by("at", "id")],
        "contacts": [row(c) for c in ContactMoment.objects.filter(case__in=cases).order_by("at", "id")],
        "agreements": [row(a) for a in Agreement.objects.filter(case__in=cases).order_by("due_on", "id")],
        "transitions": [row(t) for t in client.transitions.order_by("date", "id")],
        "outcomes": [row(o) for o in Outcome.objects.filter(case__in=cases).order_by("date", "id")],
        "later_follow_ups": [row(f) for f in PlacementFollowUp.objects.filter(placement__case__in=cases)
                             .order_by("due_on", "id")],
        "instruments": [row(i) for i in InstrumentUse.objects.filter(placement__case__in=cases).order_by("start_on", "id")],
        "referrals": [row(r, skip=["grant"]) for r in referrals],
        "referral_status_changes": [row(s) for s in ReferralStatusChange.objects.filter(referral__in=referrals)
                                    .order_by("at", "id")],
        "proposals": [row(p) for p in client.proposals.order_by("proposed_at", "id")],
        "matching_event_registrations": [row(r) for r in client.event_registrations.order_by("id")],
        "timeline": [row(e, skip=["restricted_to_desk"]) for e in client.events.order_by("occurred_at", "id")],
        "change_history": _history(client),
        "processing_log": [_access(op) for op in processing_log.accesses_of_client(client)],
    }
    documents = list(Document.objects.filter(client=client).order_by("created_at", "id"))
    versions = list(DocumentVersion.objects.filter(document__in=documents).select_related("document")
                    .order_by("document_id", "number"))
    sections["documents"] = [row(d) for d in documents]
    sections["document_versions"] = [{**row(v, skip=["storage_key"]), "file_in_archive": _file_path(v)}
                                     for v in versions]
    for case in cases:
        sections["change_history"] += _history(case)
    return {"client": str(client.uuid), "produced_at": timezone.now().isoformat(), "sections": sections,
            "files": [(_file_path(v), v) for v in versions]}


def _file_path(version) -> str:
    """Where a document version's file lies in the archive (the documents' own decrypted bytes)."""
    return f"documents/{version.document.uuid}/v{version.number}-{version.file_name}"


def _history(record) -> list[dict]:
    """All of it: the client's own copy is not filtered by a reader's desk (principal=None)."""
    events = change_history.changes_of(record, principal=None)
    return [_flat_change(c) for c in change_history.describe(events, principal=None)]


def _flat_change(change: dict) -> dict:
    return {"at": change["at"], "action": change["action"], "record_type": change["record"]["type"],
            "record": change["record"]["id"], "by": change["by"]["username"] or change["by"]["kind"],
            "channel": change["channel"], "changes": change["changes"]}


def _access(op) -> dict:
    return {"at": op.started_at, "operation": op.operation, "channel": op.channel, "by": op.username or op.actor_kind,
            "on_behalf_of": ", ".join([d.name for d in op.desks] + ([op.organisation.name] if op.organisation else [])),
            "purpose": op.purpose, "trace_id": op.trace_id}


def _jsonable(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (UUID, Decimal)):
        return str(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def to_zip(archive: dict) -> bytes:
    buffer = io.BytesIO()
    files = archive.get("files", [])
    archive = {k: v for k, v in archive.items() if k != "files"}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("client.json", json.dumps(archive, default=_jsonable, indent=2, ensure_ascii=False))
        for path, version in files:  # streamed from storage, decrypted as read
            with open_version(version) as source, z.open(path, "w", force_zip64=True) as target:
                shutil.copyfileobj(source, target, 64 * 1024)
        for name, rows in archive["sections"].items():
            z.writestr(f"{name}.csv", _csv(rows))
        z.writestr("README.txt", README.format(client=archive["client"], at=archive["produced_at"]))
    return buffer.getvalue()


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    columns = list(dict.fromkeys(k for r in rows for k in r))
    writer = csv_writer(out)
    writer.writerow(columns)
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in columns])
    return out.getvalue()


def _cell(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=_jsonable, ensure_ascii=False)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return "" if value is None else value


README = """Everything the Regional Work Centre holds about client {client}, produced {at}.

client.json holds it all; each CSV file holds one section of it:
client, consents, cases and their status changes, contacts, agreements, transitions, outcomes,
instruments, referrals and their status changes, proposals to vacancies, matching-event
registrations, the timeline, the change history (who changed what, before and after) and the
processing log (who processed the data, when, on behalf of whom and why).
The documents kept about the client are in the folder documents/, one folder per document, each
version as its own file (documents.csv and document_versions.csv describe them).
"""
