"""Forgetting: deleting the change history of anonymised clients and of everything that is theirs.

The change history (`rwc.history`) keeps every old value; after anonymisation (`privacy.retention`)
that copy would undo it, so it goes too.
"""
from django.db.models import Q

from clients.models import Client
from rwc import history


def forget(client_ids) -> int:
    """Delete the change history of these clients and of all that is theirs (their consents,
    cases, the contacts and outcomes of those cases, ...), for the retention run: a history that
    kept the old names would undo the anonymisation. Returns the number of rows deleted."""
    models = history.change_models()
    reach: dict[type, set[int]] = {Client: set(client_ids)}
    for _ in range(3):  # client -> case -> outcome -> instrument: three hops reach everything
        for change in models:
            tracked = change.pgh_tracked_model
            links = _links(change, reach)
            if links is not None and tracked is not Client:
                ids = set(change.objects.filter(links).values_list("id", flat=True))
                reach[tracked] = reach.get(tracked, set()) | ids
    deleted = 0
    for change in models:
        ids = reach.get(change.pgh_tracked_model)
        condition = _links(change, reach)
        if ids:
            condition = (condition | Q(pgh_obj_id__in=ids)) if condition else Q(pgh_obj_id__in=ids)
        if condition:
            deleted += change.objects.filter(condition)._raw_delete(change.objects.db)
    return deleted


def _links(change, reach):
    """Rows of `change` whose copied foreign keys point at a record in `reach` (None: no such key)."""
    condition = None
    for field in change.pgh_tracked_model._meta.concrete_fields:
        target = field.related_model if field.is_relation else None
        if target in reach and reach[target]:
            q = Q(**{f"{field.attname}__in": reach[target]})
            condition = q if condition is None else condition | q
    return condition
