"""The cell key method: every published count is perturbed, consistently, so that no set of
overlapping tables can be subtracted down to a true small count (docs/indicators.md, "Small counts").

- **Record keys.** Every record counted has a key: the first 4 bytes of
  HMAC-SHA256(`REPORT_CELL_KEY_SECRET`, "<app_label>.<model>:<id>") as an integer in [0, 2^32).
  It is computed in the database (`RecordKey`: HMAC written out with PostgreSQL's own sha256, so no
  record is loaded), and never published.
- **Cell keys.** A cell's key is the sum of its records' keys modulo 2^32 (read as a fraction of
  2^32, a number in [0, 1)): the same records give the same key, whatever query, period or breakdown
  they were counted in.
- **The perturbation table** (`ptable`) maps the true count n and the cell key to the published
  value: 0 stays 0; 1 to k-1 are published as 0; from k on, n + noise with noise from -D to +D
  (most often 0), and where that would land on 1..k-1 it is published as 0 too. So the same cell
  always gets the same noise, a published value is 0 or at least k, every value >= k is within D of
  the true count, and a published 0 stands for any true count from 0 to k+D-1.

Totals and margins are cells of their own (their own records, their own key), not sums of
perturbed cells: tables are therefore not additive.
"""
import hashlib
import hmac
from bisect import bisect_right
from functools import lru_cache

from django.conf import settings
from django.db.models import BigIntegerField, Func

KEY_SPACE = 2 ** 32
_BLOCK = 64  # SHA-256's block size: HMAC pads its key to it


def record_key(secret: str, label: str, pk) -> int:
    """One record's key (the reference the SQL of `RecordKey` follows; tests compare the two)."""
    digest = hmac.new(secret.encode(), f"{label}:{pk}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big")


def _pads(secret: str) -> tuple[bytes, bytes]:
    """HMAC's inner and outer padded keys (RFC 2104): HMAC(K, m) = H(K^opad || H(K^ipad || m))."""
    key = secret.encode()
    if len(key) > _BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


class RecordKey(Func):
    """The record key of the record at `path` (its primary key) of model `label`, in SQL.

    PostgreSQL: HMAC-SHA256 spelled out with the built-in `sha256()` and the padded keys as constants;
    SQLite (the local demo): a Python function registered on the connection (`rwc_record_key`)."""

    output_field = BigIntegerField()

    def __init__(self, label: str, path: str, secret: str | None = None):
        self.label, self.secret = label, secret if secret is not None else settings.REPORT_CELL_KEY_SECRET
        super().__init__(path)

    def as_postgresql(self, compiler, connection, **extra):
        inner, outer = _pads(self.secret)
        sql, params = compiler.compile(self.source_expressions[0])
        digest = f"sha256(%s::bytea || sha256(%s::bytea || convert_to(%s || ({sql})::text, 'UTF8')))"
        return (f"('x' || encode(substring({digest} from 1 for 4), 'hex'))::bit(32)::bigint",
                [outer, inner, f"{self.label}:", *params])

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"rwc_record_key(%s, %s, {sql})", [self.secret, self.label, *params]


def register_sqlite_function(sender, connection, **kwargs):
    """connection_created hook: `rwc_record_key(secret, label, pk)` for SQLite."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "rwc_record_key", 3, lambda secret, label, pk: None if pk is None else record_key(secret, label, pk),
            deterministic=True)


def noise_weights(max_noise: int) -> dict[int, float]:
    """Noise from -D to +D, most often 0: weight (D + 1 - |j|)^2, normalised (D=2: 0.47 for 0,
    0.21 for each of +-1, 0.05 for each of +-2)."""
    raw = {j: (max_noise + 1 - abs(j)) ** 2 for j in range(-max_noise, max_noise + 1)}
    total = sum(raw.values())
    return {j: w / total for j, w in raw.items()}


@lru_cache(maxsize=64)
def _row(n: int, k: int, max_noise: int) -> tuple[tuple[float, ...], tuple[int, ...]]:
    """(cumulative probabilities, published values) of the ptable row for true count n."""
    if n < k:
        return (1.0,), (0,)
    outcomes: dict[int, float] = {}
    for j, p in noise_weights(max_noise).items():
        published = n + j
        if published < k:
            published = 0
        outcomes[published] = outcomes.get(published, 0.0) + p
    values = tuple(sorted(outcomes))
    cumulative, running = [], 0.0
    for v in values:
        running += outcomes[v]
        cumulative.append(running)
    cumulative[-1] = 1.0
    return tuple(cumulative), values


def perturb(n: int | None, cell_key: int, *, k: int, max_noise: int) -> int | None:
    """The published value of a cell of true count n whose cell key is `cell_key` (mod 2^32)."""
    if n is None:
        return None
    cumulative, values = _row(int(n), k, max_noise)
    u = (int(cell_key) % KEY_SPACE) / KEY_SPACE
    return values[min(bisect_right(cumulative, u), len(values) - 1)]


def possible_counts(published: int, *, k: int, max_noise: int) -> range:
    """The true counts that can be published as `published`: what an attacker who knows the method,
    k and D learns from one figure alone."""
    if published == 0:
        return range(0, k + max_noise)
    return range(max(k, published - max_noise), published + max_noise + 1)
