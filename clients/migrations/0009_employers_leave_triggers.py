"""Employers move to the employers app (employers/migrations/0001): first their change-history
triggers go (the employers app installs them again under its own label); tables and rows stay."""
import pgtrigger.migrations
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('clients', '0008_demo_marks_to_demo'),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(model_name='employer', name='insert_insert'),
        pgtrigger.migrations.RemoveTrigger(model_name='employer', name='update_update'),
        pgtrigger.migrations.RemoveTrigger(model_name='employer', name='delete_delete'),
        pgtrigger.migrations.RemoveTrigger(model_name='employercontact', name='insert_insert'),
        pgtrigger.migrations.RemoveTrigger(model_name='employercontact', name='update_update'),
        pgtrigger.migrations.RemoveTrigger(model_name='employercontact', name='delete_delete'),
    ]
