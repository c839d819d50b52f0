"""The demo marks moved to the demo app (demo/migrations/0001): the tables stay."""
from django.db import migrations

from rwc.model_moves import forget


class Migration(migrations.Migration):

    dependencies = [
        ('clients', '0007_demo_marks'),
    ]

    operations = [
        forget('DemoClient', 'DemoEmployer'),
    ]
