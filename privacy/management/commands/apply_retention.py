"""Anonymise the clients whose retention period has passed (AVG/GDPR); run it e.g. monthly (cron).

    python manage.py apply_retention --dry-run            # who would be anonymised, changes nothing
    python manage.py apply_retention                      # anonymise them
    python manage.py apply_retention --dry-run --as-of 2027-01-01

A client's retention ends RETENTION_MONTHS (default 24) calendar months after their last case
closed, or the programme's own `retention_months` when it sets one; a client without a case, that
long after registration. Clients with an open case or a running referral are kept. Anonymising
removes names, BSN, contact details and the free texts about the person and keeps what the reports
count (see `privacy.retention`), so report figures do not change. Both runs are written to the
processing log (the dry run reads the listed clients' data too); the real run in one log operation
per batch of clients, in the transaction that anonymises them.
"""
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from privacy import retention
from rwc import processing

PURPOSE = "Retention period passed: personal data anonymised"
DRY_RUN_PURPOSE = "Retention review (dry run)"
DOCUMENTS_PURPOSE = "Retention of documents: deleted or past their retention class, purged"


class Command(BaseCommand):
    help = ("Anonymise the clients past their retention period (their last case closed longer ago than the "
            "programme's or the default RETENTION_MONTHS); --dry-run lists them and changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="List who would be anonymised, per region and programme, and change nothing.")
        parser.add_argument("--as-of", metavar="YYYY-MM-DD",
                            help="Judge retention on this date (default: today). A real run does not take a "
                                 "future date: data is anonymised once its period has passed, not before.")
        parser.add_argument("--batch-size", type=int, default=retention.BATCH_SIZE,
                            help=f"Clients per transaction ({retention.BATCH_SIZE}).")

    def handle(self, *args, dry_run=False, as_of=None, batch_size=retention.BATCH_SIZE, **options):
        as_of = self._as_of(as_of, dry_run=dry_run)
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if dry_run:
            self._review(as_of)
        else:
            self._apply(as_of, batch_size)

    def _as_of(self, value, *, dry_run: bool) -> date:
        today = timezone.localdate()
        if value is None:
            return today
        try:
            day = date.fromisoformat(value)
        except (TypeError, ValueError):
            raise CommandError(f"--as-of must be a date as YYYY-MM-DD (e.g. 2027-01-31), not {value!r}.") from None
        if day > today and not dry_run:
            raise CommandError(f"--as-of {day} lies in the future: a real run anonymises only data whose "
                               f"retention has passed by today. Use --dry-run to look ahead.")
        return day

    def _review(self, as_of: date) -> None:
        out = self.stdout.write
        with processing.command_operation("apply_retention", purpose=DRY_RUN_PURPOSE) as op:
            due = retention.clients_past_retention(as_of)
            rows = list(due.values_list("id", "uuid", "retention_key"))
            op.subjects.update(pk for pk, _, _ in rows)
            out(f"Dry run as of {as_of}: {len(rows)} client(s) would be anonymised; nothing was changed.")
            if not rows:
                return
            out("Per region:")
            for row in due.order_by().values("region__name").annotate(n=Count("id")).order_by("region__name"):
                out(f"  {row['region__name']}: {row['n']}")
            out("Per programme of their last case:")
            for row in due.order_by().values("last_programme").annotate(n=Count("id")).order_by("last_programme"):
                out(f"  {row['last_programme'] or '(no case)'}: {row['n']}")
            out("Clients (uuid, retention ended on):")
            for _, uuid, key in rows:
                out(f"  {uuid}  {retention.retention_end(key)}")

    def _apply(self, as_of: date, batch_size: int) -> None:
        if retention.documents_past_retention(as_of).exists():  # logged as its own operation when it purges
            with processing.command_operation("apply_retention", purpose=DOCUMENTS_PURPOSE):
                purged = retention.purge_documents(as_of)
            self.stdout.write(f"As of {as_of}: {purged} document(s) past retention or deleted "
                              f"{settings.DOCUMENTS_PURGE_AFTER_DAYS}+ days ago purged, files included.")
        due = retention.clients_past_retention(as_of)
        if not due.exists():  # a run that found nothing is logged too
            with processing.command_operation("apply_retention", purpose=PURPOSE):
                pass
            self.stdout.write(f"As of {as_of}: no client is past retention; nothing was changed.")
            return
        summary = retention.anonymise(
            due, as_of=as_of, batch_size=batch_size,
            operation=lambda: processing.command_operation("apply_retention", purpose=PURPOSE),
        )
        self.stdout.write(self.style.SUCCESS(f"As of {as_of}: {summary['Client']} client(s) anonymised."))
        for name, n in sorted(summary.items()):
            if name != "Client":
                self.stdout.write(f"  {name}: {n}" + (" change-history row(s) deleted" if name == "history" else ""))
