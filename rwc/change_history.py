"""Reading the change history (`rwc.history` writes it): the changes of a record and of the
records that point at it, newest first, with internal ids turned into public ones.

A client's history holds the client and what refers to it directly (consents, grants, target
groups, cases, transitions, referrals, proposals); a case's history the case and what refers to
it (contacts, agreements, outcomes, transitions, referrals).

A reader sees only the rows of records they may see through those records' own endpoints: each
tracked model names, through `visible_through`, the `*_visible_to` function that decides and the
column of the row that names the record it judges (the row itself, or the case or client it
belongs to, so a deleted row is judged too). The domain packages register theirs from their
AppConfig.ready(); rwc imports none of them. A tracked model without a rule shows nobody. A
reference to a record the reader may not see shows as "(hidden)", not as its id.
"""
from typing import Callable

from django.db.models import BigIntegerField, Exists, OuterRef, Q
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from .history import enabled

HIDDEN_FIELDS = {"id", "name_search"}
CONFIDENTIAL = "(confidential)"
HIDDEN_RECORD = "(hidden)"

# tracked model label ("cases.Case") -> (column of the change row, principal -> visible queryset)
VISIBILITY: dict[str, tuple[str, Callable]] = {}


def visible_through(model, column: str, visible_to: Callable) -> None:
    """A change row of `model` shows to whoever `visible_to(principal)` lets see the record whose
    primary key the row holds in `column` ("id": the record itself; "case_id": its case)."""
    VISIBILITY[model._meta.label] = (column, visible_to)


def changes_of(record, *, principal, across: list[str] | None = None):
    """A queryset of pghistory Events: `record`'s own changes and those of the records referring to it
    (only of the `<Model>Change` tables named in `across`, when given), as far as `principal` may
    see them. `principal=None` is everything: the client's own copy (the access request)."""
    from pghistory.models import Events

    if not enabled():
        return Events.objects.none()
    events = Events.objects.references(record)
    if across:
        events = events.across(*across)
    if principal is not None:
        events = _visible(events, principal)
    return events.order_by("-pgh_created_at", "-pgh_id")


def _visible(events, principal):
    """One EXISTS per kind of record in the same statement (an index probe per row on the record's
    key), never a query per row: the page costs the same whatever it shows or hides."""
    columns, condition = {}, None
    for label, (column, visible_to) in VISIBILITY.items():
        key = f"_seen_{column}"
        columns[key] = Cast(KeyTextTransform(column, "pgh_data"), BigIntegerField())
        q = Q(pgh_obj_model=label) & Exists(visible_to(principal).filter(pk=OuterRef(key)))
        condition = q if condition is None else condition | q
    if condition is None:
        return events.none()
    return events.annotate(**columns).filter(condition)


def _visible_records(model, principal):
    """The records of `model` `principal` may see (None: no rule, the record is not personal data
    or work of a desk, such as a desk, a programme, a staff member)."""
    rule = VISIBILITY.get(model._meta.label)
    if rule is None or principal is None:
        return None
    column, visible_to = rule
    if column == "id":
        return visible_to(principal)
    return model.objects.filter(Exists(visible_to(principal).filter(pk=OuterRef(column))))


def readable(model, workable, regions):
    """Whose history a caller reads: what their desk works on, and the privacy officer's regions."""
    return model.objects.filter(Exists(workable.filter(pk=OuterRef("pk"))) | Q(**{f"{_region_path(model)}__in": regions}))


def _region_path(model) -> str:
    return "region_id" if hasattr(model, "region_id") else "client__region_id"


def describe(events, *, principal, readable_contact_ids: set[int] | None = None) -> list[dict]:
    """Each event as who/when/what, its values before and after; foreign keys as public ids, or
    "(hidden)" for a record `principal` may not see (one query per kind of record referred to,
    whatever the page size)."""
    from django.apps import apps

    events = list(events)
    tracked = {e.pgh_obj_model: apps.get_model(e.pgh_obj_model) for e in events}
    refs = _public_ids(events, tracked, principal)
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


def _public_ids(events, tracked, principal) -> dict[type, dict[int, str]]:
    wanted: dict[type, set[int]] = {}
    for e in events:
        fks = _foreign_keys(tracked[e.pgh_obj_model])
        for column, value in (e.pgh_data or {}).items():
            if column in fks and value is not None and _has_uuid(fks[column]):
                wanted.setdefault(fks[column], set()).add(value)
        for column, pair in (e.pgh_diff or {}).items():
            if column in fks and _has_uuid(fks[column]):
                wanted.setdefault(fks[column], set()).update(v for v in pair if v is not None)
    return {m: _resolve(m, ids, principal) for m, ids in wanted.items()}


def _resolve(model, ids, principal) -> dict[int, str]:
    records = model.objects.filter(pk__in=ids)
    visible = _visible_records(model, principal)
    if visible is None:
        return {pk: str(u) for pk, u in records.values_list("pk", "uuid")}
    records = records.annotate(_seen=Exists(visible.filter(pk=OuterRef("pk"))))
    return {pk: str(u) if seen else HIDDEN_RECORD for pk, u, seen in records.values_list("pk", "uuid", "_seen")}


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
