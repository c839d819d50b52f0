"""The demo marks, moved here from clients (clients/migrations/0008) with their tables and rows."""
import django.db.models.deletion
from django.db import migrations, models

from rwc.model_moves import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('clients', '0008_demo_marks_to_demo'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DemoClient',
                    fields=[
                        ('client', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='clients.client')),
                    ],
                    options={'db_table': 'clients_democlient'},
                ),
                migrations.CreateModel(
                    name='DemoEmployer',
                    fields=[
                        ('employer', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='clients.employer')),
                    ],
                    options={'db_table': 'clients_demoemployer'},
                ),
            ],
            database_operations=[],
        ),
        move_content_types('clients', 'demo', ['democlient', 'demoemployer']),
    ]
