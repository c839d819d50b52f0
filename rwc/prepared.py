"""Querysets compiled once per process and connection, run again with new values.

Django turns a queryset into SQL on every evaluation. For the hottest reads of a request (the
bearer token with its principal, a record looked up through the visible-set filters with their
nested EXISTS) building that SQL costs more CPU than PostgreSQL spends answering it. A prepared
read builds its queryset once with marker values, keeps the compiled SQL and the compiler that
knows how to turn rows into model instances (select_related included), and on each later call
only swaps the markers for the caller's values.

The key must name everything the queryset's shape depends on besides the values (e.g. the
caller's access profile and the day for a visible-set filter): the SQL kept under a key is reused
as is. Values are passed as the database sees them (a `uuid.UUID`, a `str`, an `int`), and each
must appear in the compiled parameters exactly once.
"""
import uuid
from collections import OrderedDict
from typing import Callable

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import QuerySet, prefetch_related_objects

_MAX = 256  # per connection, least recently used out: about 70 KB each (compiler and query), 18 MB at most
_NOTHING = object()


def fetch(model, key, build: Callable[..., QuerySet], **values) -> list:
    """The `model` instances `build(**values)` would give, from SQL compiled on the first call."""
    prepared = _prepared(model, key, build, values)
    if prepared is _NOTHING:
        return []
    compiler, sql, params, positions, prefetch = prepared
    params = list(params)
    for name, value in values.items():
        params[positions[name]] = value
    compiler.as_sql = lambda *args, **kwargs: (sql, params)
    try:
        rows = compiler.execute_sql()
        objects = _instances(compiler, rows)
    finally:
        del compiler.as_sql
    if prefetch and objects:
        prefetch_related_objects(objects, *prefetch)
    return objects


def first(model, key, build: Callable[..., QuerySet], **values):
    found = fetch(model, key, build, **values)
    return found[0] if found else None


def _prepared(model, key, build, values):
    connection = connections[router.db_for_read(model)]
    cache = connection.__dict__.setdefault("_rwc_prepared", OrderedDict())
    prepared = cache.get(key)
    if prepared is not None:
        cache.move_to_end(key)
        return prepared
    markers = {name: _marker(value) for name, value in values.items()}
    queryset = build(**markers)
    if queryset.model is not model or queryset.db != connection.alias:
        raise ValueError(f"{key!r} builds a queryset of {queryset.model.__name__} on {queryset.db}")
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # e.g. `none()`: no SQL at all, and never a row
        while len(cache) >= _MAX:
            cache.popitem(last=False)
        cache[key] = _NOTHING
        return _NOTHING
    positions = {}
    for name, marker in markers.items():
        found = [i for i, p in enumerate(params) if p == marker]
        if len(found) != 1:
            raise ValueError(f"{name} appears {len(found)} times in the compiled parameters of {key!r}")
        positions[name] = found[0]
    while len(cache) >= _MAX:  # the least recently used goes (keys are per user and day)
        cache.popitem(last=False)
    prepared = cache[key] = (compiler, sql, tuple(params), positions, tuple(queryset._prefetch_related_lookups))
    return prepared


def _marker(value):
    """A value of the same type no real call passes."""
    if isinstance(value, uuid.UUID):
        return uuid.uuid4()
    if isinstance(value, str):
        return f"rwc-prepared-{uuid.uuid4().hex}"
    if isinstance(value, int) and not isinstance(value, bool):
        return -(uuid.uuid4().int >> 66)
    raise TypeError(f"a prepared value must be a UUID, str or int, not {type(value).__name__}")


def _instances(compiler, rows) -> list:
    """As Django's ModelIterable does: the root model from its columns, select_related ones after."""
    from django.db.models.query import get_related_populators

    db = compiler.using
    select, klass_info = compiler.select, compiler.klass_info
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    init_list = [f[0].target.attname for f in select[start:end]]
    populators = get_related_populators(klass_info, select, db)
    model = klass_info["model"]
    objects = []
    for row in compiler.results_iter(rows):
        obj = model.from_db(db, init_list, row[start:end])
        for populator in populators:
            populator.populate(row, obj)
        for name, position in (compiler.annotation_col_map or {}).items():
            setattr(obj, name, row[position])
        objects.append(obj)
    return objects
