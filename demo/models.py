"""Which clients and employers `seed_demo` invented.

The demo seeders act only on records marked here, so a second `seed_demo` run never opens cases,
records consents or proposes candidates for people registered through the API or the admin.
"""
from django.db import models


class DemoClient(models.Model):
    client = models.OneToOneField("clients.Client", on_delete=models.CASCADE, primary_key=True, related_name="+")

    class Meta:
        db_table = "clients_democlient"  # moved from clients with its rows


class DemoEmployer(models.Model):
    employer = models.OneToOneField("employers.Employer", on_delete=models.CASCADE, primary_key=True, related_name="+")

    class Meta:
        db_table = "clients_demoemployer"
