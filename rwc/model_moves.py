"""Moving models from one app to another without touching their tables or rows.

A move is two migrations: the old app forgets the models (`forget`), the new app adopts them with
their old `db_table` (`adopt`, written by hand as `CreateModel(..., options={"db_table": ...})` in a
`SeparateDatabaseAndState`). Rows that name the model by app label move with it here: the content
type (and so every permission and generic guardian grant that points at it).
"""
from django.db import migrations


def forget(*model_names):
    """The old app's half: drop the models from the migration state, keep the tables."""
    return migrations.SeparateDatabaseAndState(
        state_operations=[migrations.DeleteModel(name) for name in model_names], database_operations=[])


def move_content_types(old_app, new_app, model_names):
    """A RunPython moving the content types of `model_names` (lower case) from `old_app` to `new_app`.

    Permissions and guardian's generic object permissions refer to the content type's id, so they
    follow. A content type the new app already has (made by a `migrate` in between) is kept only
    when the old one does not exist."""

    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for model in model_names:
            old = ContentType.objects.using(db).filter(app_label=old_app, model=model).first()
            if old is None:
                continue
            ContentType.objects.using(db).filter(app_label=new_app, model=model).delete()
            old.app_label = new_app
            old.save(update_fields=["app_label"])

    def backwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for model in model_names:
            ContentType.objects.using(db).filter(app_label=new_app, model=model).update(app_label=old_app)

    return migrations.RunPython(forwards, backwards)
