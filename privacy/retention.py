"""Retention (AVG/GDPR storage limitation): anonymising clients whose retention period has passed.

A client's retention ends a number of calendar months after their last case closed: the
programme's `retention_months` when the law for that programme sets its own period, else
`settings.RETENTION_MONTHS`. A client who never had a case is kept that long after registration.
A client is past retention on a date when their retention ended before it, no case of theirs is
still open, no referral of theirs is still running, and they were not anonymised already.

Anonymising removes what identifies the person (names, BSN, contact and address details) and the
free texts written about them (contact summaries, agreements, referral messages and feedback,
notes, the timeline), and keeps what the aggregate reports count and break down by (birth date,
education, benefit, target groups, region and desk, cases, transitions, outcomes, referral
statuses and dates), so published figures do not change. Their change history is deleted too
(`privacy.forgetting.forget`): a history that kept the old values would undo the anonymisation.

Everything is set-based: eligibility is one query with an aggregate subquery over the cases, and
anonymising is a fixed number of bulk statements per batch of clients, whatever the batch size.
"""
import calendar
from contextlib import contextmanager
from datetime import date
from types import SimpleNamespace
from typing import Callable, Iterable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear
from django.utils import timezone

from cases.choices import CaseStatus
from cases.models import Agreement, Case, CaseStatusChange, ContactMoment, InstrumentUse, Outcome, Transition
from clients import normalise
from clients.models import Client, ClientEvent, Consent, JobWish, JobWishSector
from employers.models import MatchingEventMatch, Proposal, ProposalStatusChange
from referrals.choices import ReferralStatus
from referrals.models import OutboxEvent, Referral, ReferralStatusChange
from rwc import processing

from .forgetting import forget

PLACEHOLDER = "Geanonimiseerd"
EVENT_KIND = "client_anonymised"
EVENT_SUMMARY = "Retention period passed: personal data anonymised"
BATCH_SIZE = 500

# The referral texts an outbox event repeats for the partner (referrals.events._payload).
_PAYLOAD_TEXTS = ("declineReason", "outcomeSummary", "failureReason", "partnerReference")


# -- when retention ends -------------------------------------------------------------------------
#
# Month arithmetic differs per database, so the end is computed as a sortable integer key,
# (year * 12 + month - 1 + months) * 100 + day, from the local date of the moment. Adding calendar
# months with the day clamped is monotone, so the latest key is the latest end, and
# "end < as-of" is exactly "key < key(as-of)" (the clamp only matters within the as-of's month,
# where a day beyond the month's end is never below the as-of's day). `retention_end` decodes it.

def _key(path: str, months) -> ExpressionWrapper:
    return ExpressionWrapper(
        (ExtractYear(path) * 12 + ExtractMonth(path) - 1 + months) * 100 + ExtractDay(path),
        output_field=IntegerField(),
    )


def _date_key(day: date) -> int:
    return (day.year * 12 + day.month - 1) * 100 + day.day


def retention_end(key: int | None) -> date | None:
    """The date a `retention_key` annotation stands for."""
    if key is None:
        return None
    months, day = divmod(int(key), 100)
    year, month0 = divmod(months, 12)
    return date(year, month0 + 1, min(day, calendar.monthrange(year, month0 + 1)[1]))


def with_retention_end(clients: QuerySet) -> QuerySet:
    """Annotate `retention_key` (see `retention_end`): the latest case's closing date plus its
    programme's period, or for a client without a case, the registration plus the default."""
    default = Value(settings.RETENTION_MONTHS, output_field=IntegerField())
    months = Coalesce("programme__retention_months", default, output_field=IntegerField())
    latest = (Case.objects.filter(client=OuterRef("pk"), closed_at__isnull=False).order_by().values("client")
              .annotate(key=Max(_key("closed_at", months))).values("key"))
    return clients.annotate(
        retention_key=Coalesce(Subquery(latest, output_field=IntegerField()), _key("registered_at", default),
                               output_field=IntegerField()),
    )


def _still_served() -> Q:
    """A case not closed (or closed without a date) or a referral still running keeps the client."""
    running = (ReferralStatus.REQUESTED, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)
    open_case = Case.objects.filter(client=OuterRef("pk")).filter(
        ~Q(status=CaseStatus.CLOSED) | Q(closed_at__isnull=True))
    return Exists(open_case) | Exists(Referral.objects.filter(client=OuterRef("pk"), status__in=running))


def clients_past_retention(as_of: date | None = None) -> QuerySet:
    """The clients whose retention ended before `as_of` (default: today), not yet anonymised, with
    nothing running: one query, each client annotated with `retention_key` (`retention_end`) and
    `last_programme` (the code of the programme of their last closed case, None without a case)."""
    as_of = as_of or timezone.localdate()
    last = (Case.objects.filter(client=OuterRef("pk"))
            .order_by(F("closed_at").desc(nulls_last=True), "-id").values("programme__code")[:1])
    return (with_retention_end(Client.objects.filter(anonymised_at__isnull=True))
            .exclude(_still_served())
            .filter(retention_key__lt=_date_key(as_of))
            .annotate(last_programme=Subquery(last))
            .order_by("id"))


# -- anonymising -----------------------------------------------------------------------------------

@contextmanager
def _note_in_current_operation():
    """Without an operation of its own, the batch's clients are noted in the current one, if any."""
    op = SimpleNamespace(subjects=set())
    yield op
    processing.note_subjects(op.subjects)


def anonymise(clients: Iterable[Client] | QuerySet | Iterable[int], *, as_of: date | None = None,
              batch_size: int = BATCH_SIZE, operation: Callable | None = None) -> dict[str, int]:
    """Anonymise these clients, those of them still past retention on `as_of` (checked again, under
    a row lock, in the batch's transaction: a case opened meanwhile keeps its client).

    Each batch is one transaction of a fixed number of bulk statements. `operation`, a factory of
    a context manager yielding a `rwc.processing` operation (`command_operation`), is entered inside
    each batch's transaction and gets the batch's clients as subjects, so the processing log has the
    run exactly when the data was changed. Returns the rows changed (or deleted) per model.
    """
    as_of = as_of or timezone.localdate()
    ids = _ids(clients)
    summary: dict[str, int] = {}
    for start in range(0, len(ids), batch_size):
        with transaction.atomic(), (operation or _note_in_current_operation)() as op:
            done = _anonymise_batch(ids[start:start + batch_size], as_of=as_of, summary=summary)
            op.subjects.update(done)
    summary.setdefault("Client", 0)
    return summary


def _ids(clients) -> list[int]:
    if isinstance(clients, QuerySet):
        return list(clients.order_by().values_list("id", flat=True))
    return sorted({c if isinstance(c, int) else c.pk for c in clients})


def _add(summary: dict, name: str, count: int) -> None:
    summary[name] = summary.get(name, 0) + count


def _anonymise_batch(batch: list[int], *, as_of: date, summary: dict) -> list[int]:
    ids = list(clients_past_retention(as_of).filter(id__in=batch).select_for_update(of=("self",))
               .values_list("id", flat=True))
    if not ids:
        return []
    now = timezone.now()
    count = lambda name, n: _add(summary, name, n)  # noqa: E731

    count("Client", Client.objects.filter(id__in=ids).update(
        given_names=PLACEHOLDER, name_prefix="", surname=PLACEHOLDER,
        name_search=normalise.fold(f"{PLACEHOLDER} {PLACEHOLDER}"), gender="", email="", phone="", postcode="",
        house_number=None, house_number_addition="", city="", municipality="", municipality_code="", preferred_language="",
        bsn_ciphertext="", bsn_index=None, duplicate_override_reason="", duplicate_override_candidates=[],
        anonymised_at=now, updated_at=now, version=F("version") + 1,
    ))
    count("Consent", Consent.objects.filter(client_id__in=ids).update(purpose="", withdrawal_reason=""))
    # Work wishes serve matching only; an anonymised client is matched no more.
    count("JobWishSector", JobWishSector.objects.filter(client_id__in=ids).delete()[0])
    count("JobWish", JobWish.objects.filter(client_id__in=ids).delete()[0])
    # The timeline repeats what was written (agreements, services, reasons) and no report reads it:
    # it goes, and one line says why.
    count("ClientEvent", ClientEvent.objects.filter(client_id__in=ids).delete()[0])
    ClientEvent.objects.bulk_create(
        [ClientEvent(client_id=i, occurred_at=now, kind=EVENT_KIND, summary=EVENT_SUMMARY) for i in ids])

    of_cases = {"case__client_id__in": ids}
    count("ContactMoment", ContactMoment.objects.filter(**of_cases).update(summary=""))
    count("Agreement", Agreement.objects.filter(**of_cases).update(what="", who=""))
    count("CaseStatusChange", CaseStatusChange.objects.filter(**of_cases).update(reason=""))
    # Kept: positions, dates, contract, hours, sector, level, route, benefit (the reports' dimensions).
    count("Transition", Transition.objects.filter(client_id__in=ids).update(
        employer_name="", occupation="", institution="", education_programme=""))
    # Kept: kind, dates, follow-up, crebo, qualification title and sector (praktijkverklaringen by qualification).
    count("Outcome", Outcome.objects.filter(**of_cases).update(learning_company="", school=""))
    count("InstrumentUse", InstrumentUse.objects.filter(placement__case__client_id__in=ids).update(note=""))
    count("Proposal", Proposal.objects.filter(client_id__in=ids).update(note=""))
    count("ProposalStatusChange", ProposalStatusChange.objects.filter(proposal__client_id__in=ids).update(note=""))
    count("MatchingEventMatch", MatchingEventMatch.objects.filter(registration__client_id__in=ids).update(note=""))
    count("Referral", Referral.objects.filter(client_id__in=ids).update(
        reason="", service_requested="", message="", decline_reason="", outcome_summary="", failure_reason="",
        partner_reference="", version=F("version") + 1))
    count("ReferralStatusChange", ReferralStatusChange.objects.filter(referral__client_id__in=ids).update(note=""))
    count("OutboxEvent", OutboxEvent.objects.filter(referral__client_id__in=ids).update(payload=_blank_payload_texts()))

    count("history", forget(ids))
    return ids


def _blank_payload_texts():
    """The payload with the referral's free texts emptied where present (never added)."""
    if connection.vendor == "postgresql":
        sql = "payload"
        for name in _PAYLOAD_TEXTS:
            sql = f"jsonb_set({sql}, '{{data,{name}}}', '\"\"'::jsonb, false)"
        return RawSQL(sql, [])
    paths = ", ".join(f"'$.data.{name}', ''" for name in _PAYLOAD_TEXTS)
    return RawSQL(f"json_replace(payload, {paths})", [])
