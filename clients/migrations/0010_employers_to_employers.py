"""Employers and their contact log now belong to the employers app: clients forgets them (state only;
the tables stay), and consent's employers point there.."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clients', '0009_employers_leave_triggers'),
        ('cases', '0010_employer_services_to_employers'),
        ('demo', '0002_demoemployer_to_employers'),
        ('employers', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='employer',
                    name='managing_desk',
                ),
                migrations.RemoveField(
                    model_name='employer',
                    name='region',
                ),
                migrations.RemoveField(
                    model_name='employer',
                    name='registered_by',
                ),
                migrations.RemoveField(
                    model_name='employercontactchange',
                    name='employer',
                ),
                migrations.RemoveField(
                    model_name='employercontact',
                    name='employer',
                ),
                migrations.RemoveField(
                    model_name='employerchange',
                    name='pgh_obj',
                ),
                migrations.RemoveField(
                    model_name='employerchange',
                    name='managing_desk',
                ),
                migrations.RemoveField(
                    model_name='employerchange',
                    name='pgh_context',
                ),
                migrations.RemoveField(
                    model_name='employerchange',
                    name='region',
                ),
                migrations.RemoveField(
                    model_name='employerchange',
                    name='registered_by',
                ),
                migrations.RemoveField(
                    model_name='employercontact',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='employercontact',
                    name='recorded_by_desk',
                ),
                migrations.RemoveField(
                    model_name='employercontactchange',
                    name='pgh_obj',
                ),
                migrations.RemoveField(
                    model_name='employercontactchange',
                    name='pgh_context',
                ),
                migrations.RemoveField(
                    model_name='employercontactchange',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='employercontactchange',
                    name='recorded_by_desk',
                ),
                migrations.AlterField(
                    model_name='consent',
                    name='employers',
                    field=models.ManyToManyField(blank=True, related_name='+', to='employers.employer'),
                ),
                migrations.DeleteModel(
                    name='Employer',
                ),
                migrations.DeleteModel(
                    name='EmployerChange',
                ),
                migrations.DeleteModel(
                    name='EmployerContact',
                ),
                migrations.DeleteModel(
                    name='EmployerContactChange',
                ),
            ],
            database_operations=[],
        ),
    ]
