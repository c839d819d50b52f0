"""Loading rows with PostgreSQL COPY: table specs checked against the models, primary keys handed
out by the generator, and a writer thread that COPYs one chunk while the next one is generated."""
import io
import queue
import threading
import time

from django.db import connection

NULL = "\\N"


class Table:
    """One table as the generator writes it: the model's table name and the columns it emits.

    Checked against `Model._meta.concrete_fields`: every emitted column must exist and every NOT
    NULL column must be emitted (COPY bypasses Django's defaults, so a forgotten one would fail or,
    worse, be NULL). Columns left out must be nullable: they load as NULL.
    """

    def __init__(self, model, columns: str):
        self.model = model
        self.name = model._meta.db_table
        self.columns = columns.split()
        fields = {f.column: f for f in model._meta.concrete_fields}
        unknown = [c for c in self.columns if c not in fields]
        missing = [c for c, f in fields.items() if not f.null and c not in self.columns]
        if unknown or missing:
            raise ValueError(f"{self.name}: unknown columns {unknown}, NOT NULL columns not emitted {missing}")
        self.sql = f"COPY {self.name} ({', '.join(self.columns)}) FROM STDIN"
        self.rows: list[str] = []


class Ids:
    """Primary keys handed out by the generator, starting above what the table and its sequence hold,
    so rows reference each other without round trips and coexist with existing data."""

    def __init__(self, tables: dict[str, Table]):
        self.next: dict[str, int] = {}
        self.sequence: dict[str, str] = {}
        with connection.cursor() as cursor:
            for key, table in tables.items():
                cursor.execute(f"LOCK TABLE {table.name} IN SHARE ROW EXCLUSIVE MODE")
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table.name])
                seq = cursor.fetchone()[0]
                cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table.name}")
                top = cursor.fetchone()[0]
                cursor.execute(f"SELECT last_value, is_called FROM {seq}")
                last, called = cursor.fetchone()
                self.sequence[key] = seq
                self.next[key] = max(top, last if called else last - 1) + 1

    def set_sequences(self) -> None:
        with connection.cursor() as cursor:
            for key, seq in self.sequence.items():
                if self.next[key] > 1:
                    cursor.execute("SELECT setval(%s, %s, true)", [seq, self.next[key] - 1])


class Writer:
    """COPYs chunks in a thread on the load's own database connection (inside its transaction):
    psycopg2 releases the GIL while PostgreSQL takes the data, so generating the next chunk in
    Python and loading this one overlap (two cores)."""

    def __init__(self):
        connection.ensure_connection()
        self._cursor = connection.connection.cursor()
        self._queue: queue.Queue = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self.seconds = 0.0
        self.rows: dict[str, int] = {}
        self._thread = threading.Thread(target=self._run, name="dataset-copy", daemon=True)
        self._thread.start()

    def _run(self):
        while True:
            batch = self._queue.get()
            if batch is None:
                return
            if self._error is not None:
                continue
            try:
                started = time.perf_counter()
                for table_name, sql, data, count in batch:
                    self._cursor.copy_expert(sql, io.BytesIO(data), size=1 << 20)
                    self.rows[table_name] = self.rows.get(table_name, 0) + count
                self.seconds += time.perf_counter() - started
            except BaseException as exc:  # handed to the generating thread
                self._error = exc

    def put(self, tables) -> None:
        """Queue the rows gathered in these tables (and empty them)."""
        self._raise()
        batch = []
        for table in tables:
            if table.rows:
                table.rows.append("")
                batch.append((table.name, table.sql, "\n".join(table.rows).encode(), len(table.rows) - 1))
                table.rows = []
        self._queue.put(batch)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self._cursor.close()
        self._raise()

    def _raise(self):
        if self._error is not None:
            raise self._error


class Indexes:
    """Drop the secondary indexes (unique constraints included) of the tables about to be loaded,
    and build them again afterwards: one sort per index is far faster than millions of random
    inserts into it. DDL is transactional in PostgreSQL, so a failed load puts them all back; a
    duplicate the generator should never make still fails the rebuild of its unique index."""

    def __init__(self, tables):
        self.saved: list[tuple[str, str, str | None, str]] = []  # (table, name, constraint def, index def)
        names = [t.name for t in tables]
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT t.relname, i.relname, c.conname IS NOT NULL, pg_get_constraintdef(c.oid), pg_get_indexdef(i.oid)
                FROM pg_index x
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
                LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
                WHERE t.relname = ANY(%s) AND NOT x.indisprimary
                ORDER BY t.relname, i.relname
                """,
                [names],
            )
            for table, index, is_constraint, constraint_def, index_def in cursor.fetchall():
                self.saved.append((table, index, constraint_def if is_constraint else None, index_def))

    def drop(self) -> None:
        with connection.cursor() as cursor:
            for table, index, constraint_def, _ in self.saved:
                if constraint_def:
                    cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{index}"')
                else:
                    cursor.execute(f'DROP INDEX "{index}"')

    def restore(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            for table, index, constraint_def, index_def in self.saved:
                if constraint_def:
                    cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{index}" {constraint_def}')
                else:
                    cursor.execute(index_def)
