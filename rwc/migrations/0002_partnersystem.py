import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Partner systems in their own migration: oauth2_provider depends on rwc.User first."""

    dependencies = [
        ("rwc", "0001_initial"),
        migrations.swappable_dependency(settings.OAUTH2_PROVIDER_APPLICATION_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PartnerSystem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('scopes', models.CharField(default='referrals:read', help_text='Space-separated OAuth2 scopes it may ask for.', max_length=255)),
                ('application', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='partner_system', to=settings.OAUTH2_PROVIDER_APPLICATION_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='systems', to='rwc.partnerorganisation')),
            ],
            options={
                'abstract': False,
            },
        ),
    ]
