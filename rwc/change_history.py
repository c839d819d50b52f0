"""Reading the change history (`rwc.history` writes it): the changes of a record and of the
records that point at it, newest first, with internal ids turned into public ones.

A client's history holds the client and what refers to it directly (consents, grants, target
groups, cases, transitions, referrals, proposals); a case's history the case and what refers to
it (contacts, agreements, outcomes, transitions, referrals).
"""
from django.db.models import Exists, OuterRef, Q

from .history import enabled

HIDDEN_FIELDS = {"id", "name_search"}
CONFIDENTIAL = "(confidential)"


def changes_of(record, *, across: list[str] | None = None):
    """A queryset of pghistory Events: `record`'s own changes and those of the records referring to it
    (only of the `<Model>Change` tables named in `across`, when given)."""
    from pghistory.models import Events

    if not enabled():
        return Events.objects.none()
    events = Events.objects.references(record)
    if across:
        events = events.across(*across)
    return events.order_by("-pgh_created_at", "-pgh_id")


def readable(model, workable, regions):
    """Whose history a caller reads: what their desk works on, and the privacy officer's regions."""
    return model.objects.filter(Exists(workable.filter(pk=OuterRef("pk"))) | Q(**{f"{_region_path(model)}__in": regions}))


def _region_path(model) -> str:
    return "region_id" if hasattr(model, "region_id") else "client__region_id"


def describe(events, *, readable_contact_ids: set[int] | None = None) -> list[dict]:
    """Each event as who/when/what, its values before and after; foreign keys as public ids (one
    query per kind of record referred to, whatever the page size)."""
    from django.apps import apps

    events = list(events)
    tracked = {e.pgh_obj_model: apps.get_model(e.pgh_obj_model) for e in events}
    refs = _public_ids(events, tracked)
    out = []
    for e in events:
        model = tracked[e.pgh_obj_model]
        data = e.pgh_data or {}
        ctx = e.pgh_context or {}
        confidential = (model._meta.label == "cases.ContactMoment" and data.get("confidential")
                        and readable_contact_ids is not None and data.get("id") not in readable_contact_ids)
        if e.pgh_label == "update":
            pairs = {k: tuple(v) for k, v in (e.pgh_diff or {}).items()}
        elif e.pgh_label == "delete":
            pairs = {k: (v, None) for k, v in data.items()}
        else:
            pairs = {k: (None, v) for k, v in data.items()}
        changes = []
        for column, (before, after) in sorted(pairs.items()):
            name, before, after = _public(model, column, before, after, refs)
            if name is None:
                continue
            if confidential and name == "summary":
                before, after = (CONFIDENTIAL if before else None), (CONFIDENTIAL if after else None)
            changes.append({"field": name, "before": before, "after": after})
        out.append({
            "id": e.pgh_slug, "at": e.pgh_created_at, "action": e.pgh_label,
            "record": {"type": model._meta.model_name, "id": data.get("uuid")},
            "by": {"kind": ctx.get("actor", "unknown"), "username": ctx.get("username", ""),
                   "user": ctx.get("user_uuid"), "partner_system": ctx.get("partner_system", "")},
            "channel": ctx.get("channel", "unknown"), "trace_id": ctx.get("trace_id", ""),
            "changes": changes,
        })
    return out


def _foreign_keys(model) -> dict[str, type]:
    return {f.attname: f.related_model for f in model._meta.concrete_fields if f.is_relation}


def _public_ids(events, tracked) -> dict[type, dict[int, str]]:
    wanted: dict[type, set[int]] = {}
    for e in events:
        fks = _foreign_keys(tracked[e.pgh_obj_model])
        for column, value in (e.pgh_data or {}).items():
            if column in fks and value is not None and _has_uuid(fks[column]):
                wanted.setdefault(fks[column], set()).add(value)
        for column, pair in (e.pgh_diff or {}).items():
            if column in fks and _has_uuid(fks[column]):
                wanted.setdefault(fks[column], set()).update(v for v in pair if v is not None)
    return {m: {pk: str(u) for pk, u in m.objects.filter(pk__in=ids).values_list("pk", "uuid")}
            for m, ids in wanted.items()}


def _has_uuid(model) -> bool:
    return any(f.name == "uuid" for f in model._meta.concrete_fields)


def _public(model, column, before, after, refs):
    """(name, before, after) as the API shows them, or (None, ...) for what it never shows."""
    if column in HIDDEN_FIELDS or column.startswith("pgh_"):
        return None, None, None
    fks = _foreign_keys(model)
    if column in fks:
        target = fks[column]
        if not _has_uuid(target):
            return None, None, None
        ids = refs.get(target, {})
        return column.removesuffix("_id"), ids.get(before, before and "(removed)"), ids.get(after, after and "(removed)")
    return column, before, after
