"""PostgreSQL only: pg_trgm and a GIN trigram index on the folded name, for search (LIKE '%x%')
and duplicate detection (similarity). The SQLite default has neither and needs neither."""
from django.db import migrations


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("clients", "0001_initial")]

    operations = [
        migrations.RunPython(
            _on_postgres("CREATE EXTENSION IF NOT EXISTS pg_trgm"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            _on_postgres(
                "CREATE INDEX IF NOT EXISTS client_name_trgm ON clients_client USING gin (name_search gin_trgm_ops)"
            ),
            _on_postgres("DROP INDEX IF EXISTS client_name_trgm"),
        ),
    ]
