from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("cases", "0006_retention_and_change_history")]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["desk", "client", "access_grant"], name="case_desk_client_grant"),
        ),
    ]
