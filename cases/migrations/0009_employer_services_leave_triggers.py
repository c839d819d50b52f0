"""Vacancies, proposals and matching events move to the employers app (employers/migrations/0001):
first their change-history triggers go (the employers app installs them again); tables and rows stay."""
import pgtrigger.migrations
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_report_indexes'),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(model_name='vacancy', name='insert_insert'),
        pgtrigger.migrations.RemoveTrigger(model_name='vacancy', name='update_update'),
        pgtrigger.migrations.RemoveTrigger(model_name='vacancy', name='delete_delete'),
        pgtrigger.migrations.RemoveTrigger(model_name='proposal', name='insert_insert'),
        pgtrigger.migrations.RemoveTrigger(model_name='proposal', name='update_update'),
        pgtrigger.migrations.RemoveTrigger(model_name='proposal', name='delete_delete'),
    ]
