"""The programmes every work centre starts with; functional administrators manage them in the admin."""
from django.db import migrations

PROGRAMMES = [
    ("rmt-regulation", "RMT regulation (Regionaal Mobiliteitsteam)", ["rmt"], 6, 90),
    ("raj", "RAJ youth approach (Regionale Aanpak Jongeren)", ["youth"], 6, 90),
    ("hoofdzaak-werk-ips", "Hoofdzaak Werk / IPS", ["rmt", "youth", "leerwerkloket"], 6, 90),
    ("praktijkverklaringen", "Praktijkverklaringen", ["leerwerkloket", "wsp"], 6, 90),
    ("servicepunt-techniek", "Servicepunt Techniek", ["wsp", "leerwerkloket"], 6, 90),
    ("general", "General guidance", ["leerwerkloket", "rmt", "wsp", "youth"], 6, 90),
]


def add(apps, schema_editor):
    Programme = apps.get_model("cases", "Programme")
    for code, name, kinds, months, days in PROGRAMMES:
        Programme.objects.get_or_create(
            code=code, defaults={"name": name, "desk_kinds": kinds, "follow_up_months": months, "reopen_days": days}
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
