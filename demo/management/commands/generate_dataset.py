"""Generate a large, plausible data set for benchmarks (PostgreSQL only). See `demo.dataset`."""
from django.core.management.base import BaseCommand, CommandError

from demo.dataset import MAX_REGIONS, DatasetError, generate


class Command(BaseCommand):
    help = (
        "Bulk-load generated regions, desks, staff, clients and their cases, contacts, transitions, outcomes, "
        "referrals, consents, grants, services with their funding and front-door questions with PostgreSQL COPY, in one "
        "transaction. The generated rows have no "
        "change history (the history triggers are off during the load). Refused when generated data (regions "
        "gen-*) exists, unless --append: that adds another batch of clients to the generated organisation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=1_000_000, help="How many clients (1,000,000).")
        parser.add_argument("--regions", type=int, default=MAX_REGIONS,
                            help=f"How many regions, at most {MAX_REGIONS} ({MAX_REGIONS}); ignored with --append.")
        parser.add_argument("--seed", type=int, default=2026, help="Seed of the random generator (2026).")
        parser.add_argument("--append", action="store_true",
                            help="Add another batch of clients to the generated organisation already there.")
        parser.add_argument("--chunk-size", type=int, default=20_000, help="Clients per COPY chunk (20,000).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, clients, regions, seed, append, chunk_size, no_progress, **options):
        from tqdm import tqdm

        bar = tqdm(total=clients, unit=" clients", unit_scale=True, disable=no_progress, file=self.stderr._out,
                   dynamic_ncols=True)
        try:
            report = generate(clients=clients, regions=regions, seed=seed, append=append,
                              chunk_size=max(chunk_size, 1), progress=bar.update, notify=bar.set_postfix_str)
        except DatasetError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        out = self.stdout.write
        out(self.style.SUCCESS(
            f"Generated {report.clients:,} clients in {report.regions} regions"
            f"{' (appended to the generated organisation)' if report.appended else ''}."))
        out("Rows loaded:")
        for table, count in sorted(report.rows.items(), key=lambda item: -item[1]):
            out(f"  {table:45} {count:>12,}")
        out("Timings:")
        for phase, seconds in report.timings.items():
            out(f"  {phase:50} {seconds:8.1f} s")
        out(f"Change-history rows: {report.change_rows_before:,} before, {report.change_rows_after:,} after "
            "(the generated data has no change history).")
