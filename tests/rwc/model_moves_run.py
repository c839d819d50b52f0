"""Run by test_model_moves.py in a scratch database (DATABASE_URL): migrate to the schema of before the
model moves, fill it as a running installation would be, migrate forward, and print what was there
before and after as JSON. A subprocess, so the test database and its session seed stay untouched."""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwc.settings.test")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

# The project just before the first model move (demo/ out of rwc/, clients/, cases/): clients at
# 0007_demo_marks, cases at 0008_report_indexes. Its code seeds the database the moves must carry forward.
BEFORE_COMMIT = "5d4373c"
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
ROOT = Path(__file__).resolve().parents[2]


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


def seed_with_the_code_of_before():
    """Migrate and fill the scratch database with the project as it was before the moves (its own
    tree from git history, its own seed_demo and migrations), so the data is what a real installation
    of then held, whatever columns later migrations add."""
    with tempfile.TemporaryDirectory(prefix="rwc-before-moves-") as tree:
        archive = subprocess.run(["git", "archive", BEFORE_COMMIT], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", tree], input=archive.stdout, check=True)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rwc.settings.test", "PYTHONPATH": tree}
        for command in (["migrate", "--noinput", "-v", "0"],
                        ["seed_demo", "--clients-per-region", "6", "--quiet-logins"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=tree, env=env, check=True,
                           stdout=sys.stderr)


def main():
    seed_with_the_code_of_before()
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
