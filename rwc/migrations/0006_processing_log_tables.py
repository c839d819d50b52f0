"""The processing log's tables, and the triggers that make them append-only.

The models are unmanaged (so Django's flush never truncates them); this migration creates the
tables itself, then refuses UPDATE, DELETE and TRUNCATE on them with triggers, whoever asks.
"""
from django.db import migrations

TABLES = ["rwc_processing_operation", "rwc_processing_subject"]

PG_FUNCTION = """
CREATE FUNCTION rwc_processing_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the processing log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;
"""


def create(apps, schema_editor):
    for name in ("ProcessingOperation", "ProcessingSubject"):
        model = apps.get_model("rwc", name)
        schema_editor.create_model(model)
        for index in model._meta.indexes:  # create_model leaves an unmanaged model's indexes out
            schema_editor.add_index(model, index)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, None)  # no params: the % are plpgsql's own
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION rwc_processing_log_append_only()"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION rwc_processing_log_append_only()"
            )
    elif schema_editor.connection.vendor == "sqlite":  # SQLite has no TRUNCATE: DELETE is the only way
        for table in TABLES:
            for op in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'the processing log is append-only'); END"
                )


def drop(apps, schema_editor):
    for table in reversed(TABLES):
        schema_editor.execute(f"DROP TABLE {table}")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION rwc_processing_log_append_only()")


class Migration(migrations.Migration):
    dependencies = [("rwc", "0005_processing_log_and_history")]
    operations = [migrations.RunPython(create, drop)]
