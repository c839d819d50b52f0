"""Run by test_model_moves.py in a scratch database (DATABASE_URL): migrate to the schema of before the
model moves, fill it as a running installation would be, migrate forward, and print what was there
before and after as JSON. A subprocess, so the test database and its session seed stay untouched."""
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwc.settings.test")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

# The last migration of each app before its models moved out (the schema of main before the re-cut).
BEFORE = {
    "clients": "0007_demo_marks",
    "cases": "0008_report_indexes",
}
# Apps that did not exist before the moves.
NEW_APPS = {"demo", "employers"}
# Tables of moved models, old app label -> model names (lower case), compared row by row.
MOVED = {
    ("clients", "demo"): ["democlient", "demoemployer"],
    ("clients", "employers"): ["employer", "employercontact", "employerchange", "employercontactchange"],
    ("cases", "employers"): ["vacancy", "vacancychange", "proposal", "proposalchange", "proposalstatuschange",
                             "matchingevent", "matchingeventregistration", "matchingeventmatch"],
}
# Tracked models that moved: after the move a write still lands in their change table (the triggers).
TRACKED = {"clients_employer": "clients_employerchange", "clients_employercontact": "clients_employercontactchange",
           "cases_vacancy": "cases_vacancychange", "cases_proposal": "cases_proposalchange"}
SAMPLE = 20


def targets(executor):
    leaves = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in NEW_APPS | set(BEFORE)]
    return leaves + list(BEFORE.items())


def old_contenttypes_and_permissions(apps):
    """What post_migrate would have made at the old schema: a content type and the four default
    permissions per model, under the old app labels."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in apps.get_models():
        ct, _ = ContentType.objects.get_or_create(app_label=model._meta.app_label, model=model._meta.model_name)
        for action in ("add", "change", "delete", "view"):
            Permission.objects.get_or_create(content_type=ct, codename=f"{action}_{model._meta.model_name}",
                                             defaults={"name": f"Can {action} {model._meta.model_name}"})


def tables():
    with connection.cursor() as cursor:
        cursor.execute("select tablename from pg_tables where schemaname = 'public' and tablename <> 'django_migrations'")
        return sorted(row[0] for row in cursor.fetchall())


def snapshot():
    counts = {}
    samples = {}
    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute(f'select count(*) from "{table}"')
            counts[table] = cursor.fetchone()[0]
        for (old_app, _), models in MOVED.items():
            for model in models:
                table = f"{old_app}_{model}"
                cursor.execute(f'select row_to_json(t)::text from "{table}" t order by 1 limit {SAMPLE}')
                samples[table] = [row[0] for row in cursor.fetchall()]
        cursor.execute("select id, app_label, model from django_content_type order by id")
        content_types = [list(row) for row in cursor.fetchall()]
        cursor.execute("select id, content_type_id, codename from auth_permission order by id")
        permissions = [list(row) for row in cursor.fetchall()]
    return {"counts": counts, "samples": samples, "content_types": content_types, "permissions": permissions}


def main():
    executor = MigrationExecutor(connection)
    plan_targets = targets(executor)
    executor.migrate(plan_targets)
    old_apps = MigrationExecutor(connection).loader.project_state(plan_targets).apps
    old_contenttypes_and_permissions(old_apps)
    # The demo seed with today's models: their tables are the old ones (the moves change no schema).
    call_command("seed_demo", "--clients-per-region", "6", "--quiet-logins", stdout=sys.stderr)
    before = snapshot()
    call_command("migrate", "--noinput", verbosity=0)
    after = snapshot()
    json.dump({"before": before, "after": after, "moved": {f"{o}>{n}": m for (o, n), m in MOVED.items()},
               "history_after_write": history_after_write()}, sys.stdout)


def history_after_write():
    """Per moved tracked table: how many change rows one update of one row added (1: the trigger is back)."""
    added = {}
    with connection.cursor() as cursor:
        for table, changes in TRACKED.items():
            cursor.execute(f'select count(*) from "{changes}"')
            (before,) = cursor.fetchone()
            cursor.execute(f'update "{table}" set id = id where id = (select min(id) from "{table}")')
            cursor.execute(f'update "{table}" set uuid = gen_random_uuid() where id = (select min(id) from "{table}")')
            cursor.execute(f'select count(*) from "{changes}"')
            added[table] = cursor.fetchone()[0] - before
    return added


if __name__ == "__main__":
    main()
