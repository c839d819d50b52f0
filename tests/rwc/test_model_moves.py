"""Models moved between apps (the re-cut into demo/, employers/, ...) keep every table and row: a
database at the schema of before the moves, with data in it, migrates forward with nothing lost."""
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def scratch_database(django_db_blocker):
    """An empty database beside the test database, dropped afterwards."""
    settings = connection.settings_dict
    name = f"{settings['NAME']}_moves"[:63]
    params = {"host": settings["HOST"] or "127.0.0.1", "port": settings["PORT"] or 5432,
              "user": settings["USER"], "password": settings["PASSWORD"], "dbname": "postgres"}
    admin = psycopg2.connect(**params)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'drop database if exists "{name}"')
        cursor.execute(f'create database "{name}"')
    auth = f"{settings['USER']}:{settings['PASSWORD']}@" if settings["PASSWORD"] else f"{settings['USER']}@"
    yield f"postgres://{auth}{params['host']}:{params['port']}/{name}"
    with admin.cursor() as cursor:
        cursor.execute(f'drop database if exists "{name}" with (force)')
    admin.close()


def test_forward_migration_from_before_the_moves_loses_nothing(scratch_database):
    env = {**os.environ, "DATABASE_URL": scratch_database, "DJANGO_SETTINGS_MODULE": "rwc.settings.test"}
    result = subprocess.run([sys.executable, "-m", "tests.rwc.model_moves_run"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads(result.stdout)
    before, after = report["before"], report["after"]

    # every table of then, every row (later apps add tables of their own, and their content types and
    # permissions, which are compared row by row below)
    grown = {"django_content_type", "auth_permission",
             "cases_transitionchange"}  # cases.0011 maps free-text sectors to codes: the history keeps the texts
    assert all(after["counts"][t] >= before["counts"][t] for t in grown)
    assert {t: n for t, n in after["counts"].items() if t in before["counts"] and t not in grown} == \
        {t: n for t, n in before["counts"].items() if t not in grown}
    for moved, models in report["moved"].items():
        assert all(before["counts"][f"{moved.split('>')[0]}_{m}"] for m in models), f"no rows to move in {moved}"
    assert after["samples"] == before["samples"]
    kept = {tuple(row) for row in after["permissions"]}
    assert [row for row in before["permissions"] if tuple(row) not in kept] == []  # same ids, same content types

    old_types = {ct_id: (app, model) for ct_id, app, model in before["content_types"]}
    new_types = {ct_id: (app, model) for ct_id, app, model in after["content_types"]}
    for moved, models in report["moved"].items():
        old_app, new_app = moved.split(">")
        for ct_id, (app, model) in old_types.items():
            if app == old_app and model in models:
                assert new_types[ct_id] == (new_app, model)  # the same row: permissions and grants follow
    assert set(old_types) <= set(new_types)
    moved_types = {(moved.split(">")[0], m) for moved, models in report["moved"].items() for m in models}
    assert {i: t for i, t in old_types.items() if t not in moved_types} == \
        {i: new_types[i] for i, t in old_types.items() if t not in moved_types}
    # the change-history triggers of the moved models were installed again: one update, one change row
    assert report["history_after_write"] == {table: 1 for table in report["history_after_write"]}
