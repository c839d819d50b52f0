from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("clients", "0005_list_order_indexes")]

    operations = [
        migrations.AddIndex(
            model_name="client",
            index=models.Index(fields=["registered_by_desk", "id"], name="client_desk_id"),
        ),
    ]
