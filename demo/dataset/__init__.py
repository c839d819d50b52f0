"""A large, plausible data set for benchmarks (`manage.py generate_dataset`), PostgreSQL only.

Rows are built in Python as COPY text and loaded chunk by chunk (a chunk of clients with all
that is theirs, one COPY per table) in ONE transaction, with `SET LOCAL session_replication_role
= replica`: that switches off the change-history triggers (django-pghistory), so the generated
data has no change history, and it switches off the foreign-key triggers too. The foreign keys
are consistent all the same, because the generator hands out every primary key itself (above
the tables' current maximum and sequence, then `setval`) and only ever references rows it made
or read. Unique and check constraints are enforced as usual.

The generated organisation is recognisable by its region codes `gen-<slug>`; staff are
`gen-<region>-<desk>-<n>` (counsellors), `gen-<region>-<desk>-lead`, `gen-<region>-manager` and
`gen-<region>-privacy-officer`, with unusable passwords (use `manage.py issue_token`).
Running again is refused while generated regions exist, unless `append=True`: that adds another
batch of clients (with their cases, referrals, ...) to the existing generated organisation.
"""
import time
from dataclasses import dataclass, field

from django.db import connection, transaction

from clients.models import Client
from rwc import history
from rwc.models import Region

from . import cases, employers, organisation, people, referrals, services, worklist
from .clock import Clock
from .copy import NULL, Ids, Indexes, Writer
from .journeys import ClientMaker
from .names import REGIONS

MAX_REGIONS = len(REGIONS)
UUID_MASK = ((1 << 128) - 1) ^ ((0xF << 76) | (0x3 << 62))
UUID_V4 = (4 << 76) | (2 << 62)


class DatasetError(Exception):
    pass


@dataclass
class Report:
    clients: int = 0
    regions: int = 0
    appended: bool = False
    rows: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)  # phase -> seconds
    change_rows_before: int = 0
    change_rows_after: int = 0


def generated_regions():
    return Region.objects.filter(code__startswith=organisation.CODE_PREFIX)


class Generator:
    def __init__(self, seed: int):
        import random

        from django.utils import timezone

        self.rng = random.Random(seed)
        self._bits = self.rng.getrandbits
        self.clock = Clock(timezone.now().date())
        self.tables = {**organisation.tables(), **people.tables(), **cases.tables(), **referrals.tables(),
                       **employers.tables(), **services.tables(), **worklist.tables()}
        self.ids = None

    def uuid(self) -> str:
        return "%032x" % ((self._bits(128) & UUID_MASK) | UUID_V4)

    def uuid_dashed(self) -> str:
        h = self.uuid()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def event(self, client_id, tick, kind, summary, actor, desk_id, subject, restricted) -> None:
        ids = self.ids.next
        self.tables["event"].rows.append(
            f"{ids['event']}\t{self.uuid()}\t{client_id}\t{self.clock.ts[tick]}\t{kind}\t{summary}\t"
            f"{actor if actor else NULL}\t{desk_id if desk_id else NULL}\t{subject if subject else NULL}\t"
            f"{restricted if restricted else NULL}")
        ids["event"] += 1


def _change_rows() -> int:
    total = 0
    with connection.cursor() as cursor:
        for model in history.change_models():
            cursor.execute(f"SELECT count(*) FROM {model._meta.db_table}")
            total += cursor.fetchone()[0]
    return total


def generate(*, clients: int, regions: int = MAX_REGIONS, seed: int = 2026, append: bool = False,
             chunk_size: int = 20_000, rebuild_indexes: bool | None = None, progress=None, notify=None) -> Report:
    """Generate `clients` clients (in `regions` new regions, or the existing generated ones when
    appending). `progress(n)` is called after each chunk with the clients it added, `notify(text)`
    when a phase after the rows begins.

    `rebuild_indexes`: drop the secondary indexes of the client tables for the load and build them
    again at the end; by default when the load adds at least half as many clients as there are."""
    if connection.vendor != "postgresql":
        raise DatasetError("generate_dataset loads with PostgreSQL COPY: it needs a PostgreSQL database.")
    if not 1 <= regions <= MAX_REGIONS:
        raise DatasetError(f"--regions must lie between 1 and {MAX_REGIONS}.")
    if clients < 0:
        raise DatasetError("--clients cannot be negative.")
    report = Report(clients=clients, appended=append)
    timed = _Timer(report.timings)
    gen = Generator(seed)
    with transaction.atomic():
        with connection.cursor() as cursor:
            try:
                cursor.execute("SET LOCAL session_replication_role = replica")
            except Exception as exc:
                raise DatasetError("SET session_replication_role needs a superuser connection (it switches "
                                   f"the change-history triggers off for the load): {exc}") from exc
        existing = generated_regions().exists()
        if existing and not append:
            raise DatasetError("Generated data already exists (regions with code gen-*): run with --append to "
                               "add another batch of clients to it, or load into a fresh database.")
        report.change_rows_before = _change_rows()
        with timed("organisation"):
            gen.ids = Ids(gen.tables)
            # Deterministic for a seed and a database state; another batch (--append) draws other uuids.
            gen.rng.seed(f"{seed}-{gen.ids.next['client']}-{gen.ids.next['event']}")
            org = organisation.existing() if existing else organisation.create(gen, regions, clients)
            if not org:
                raise DatasetError("The generated organisation is incomplete (a desk without counsellors).")
            report.regions = len(org)
            maker = ClientMaker(gen, org)  # reads reference data: the connection is the writer's from here on
        if rebuild_indexes is None:
            rebuild_indexes = clients >= Client.objects.count() / 2
        indexes = None
        if rebuild_indexes:
            with timed("drop indexes"):
                organisation_tables = {t.name for t in organisation.tables().values()}
                indexes = Indexes([t for t in gen.tables.values() if t.name not in organisation_tables])
                indexes.drop()
        writer = Writer()
        try:
            writer.put(gen.tables.values())
            first_case, first_client = gen.ids.next["case"], gen.ids.next["client"]
            done = 0
            while done < clients:
                n = min(chunk_size, clients - done)
                with timed("generate rows (Python)"):
                    make = maker.make
                    for _ in range(n):
                        make()
                with timed("waiting for COPY"):
                    writer.put(gen.tables.values())
                done += n
                if progress is not None:
                    progress(n)
            with timed("waiting for COPY"):
                writer.close()
            first_rows, first_seconds = dict(writer.rows), writer.seconds
            with timed("worklist"):  # tasks, notifications, appointments of the batch's open cases
                worklist.make(gen, first_case, first_client)
                writer = Writer()
                writer.put(gen.tables.values())
                writer.close()
        except BaseException:
            if writer._thread.is_alive():
                writer.close()
            raise
        report.timings["copy (PostgreSQL, overlapping the generation)"] = first_seconds + writer.seconds
        report.rows = {**first_rows, **writer.rows}
        if indexes is not None:
            if notify:
                notify("building indexes")
            with timed("build indexes"):
                indexes.restore()
        with timed("sequences"):
            gen.ids.set_sequences()
        report.change_rows_after = _change_rows()
        if report.change_rows_after != report.change_rows_before:
            raise DatasetError(f"The change-history tables grew ({report.change_rows_before} -> "
                               f"{report.change_rows_after} rows): the triggers were not switched off.")
        with connection.cursor() as cursor:  # triggers on again for whatever follows in an outer transaction
            cursor.execute("SET LOCAL session_replication_role = origin")
        committing = time.perf_counter()
    report.timings["commit"] = time.perf_counter() - committing
    if notify:
        notify("analyzing")
    with timed("analyze"), connection.cursor() as cursor:
        # VACUUM as well where it may run (not inside a transaction, as in the tests): it sets the
        # visibility map, so a desk's ids are read off the index alone from the first query on.
        verb = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        cursor.execute(f"{verb} " + ", ".join(sorted({t.name for t in gen.tables.values()})))
    report.timings["total"] = time.perf_counter() - timed.started
    return report


class _Timer:
    """`with timed("phase"):` adds the time spent to `timings["phase"]`."""

    def __init__(self, timings: dict):
        self.timings = timings
        self.started = time.perf_counter()

    def __call__(self, phase: str):
        return _Phase(self.timings, phase)


class _Phase:
    def __init__(self, timings, phase):
        self.timings, self.phase = timings, phase

    def __enter__(self):
        self.t = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.timings[self.phase] = self.timings.get(self.phase, 0.0) + time.perf_counter() - self.t
        return False


__all__ = ["DatasetError", "Report", "generate", "generated_regions", "MAX_REGIONS"]
