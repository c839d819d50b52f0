"""Is this person already known in the region? Certain by BSN, probable by birth date and name.

On PostgreSQL the name comparison is trigram similarity over the folded name (pg_trgm); on the
SQLite default it falls back to an exact match of the folded name.
"""
from dataclasses import dataclass

from django.db import connection

from . import bsn as bsn_codec
from .models import Client

SIMILARITY_THRESHOLD = 0.45
MAX_CANDIDATES = 10


@dataclass(frozen=True)
class Candidate:
    client: Client
    match: str  # "certain" (BSN) or "probable" (birth date and similar name)


def find_duplicates(*, region_id: int, name_search: str, birth_date, bsn: str | None, exclude_id=None) -> list[Candidate]:
    """At most MAX_CANDIDATES candidates, certain ones first. Two indexed queries at most."""
    found: dict[int, Candidate] = {}
    base = Client.objects.filter(region_id=region_id).select_related("registered_by_desk")
    if exclude_id is not None:
        base = base.exclude(id=exclude_id)
    if bsn:
        for client in base.filter(bsn_index=bsn_codec.blind_index(bsn))[:MAX_CANDIDATES]:
            found[client.id] = Candidate(client, "certain")
    same_birth = base.filter(birth_date=birth_date)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        probable = (
            same_birth.annotate(similarity=TrigramSimilarity("name_search", name_search))
            .filter(similarity__gte=SIMILARITY_THRESHOLD)
            .order_by("-similarity", "id")
        )
    else:
        probable = same_birth.filter(name_search=name_search).order_by("id")
    for client in probable[:MAX_CANDIDATES]:
        found.setdefault(client.id, Candidate(client, "probable"))
    return sorted(found.values(), key=lambda c: (c.match != "certain", c.client.id))[:MAX_CANDIDATES]
