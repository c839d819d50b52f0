"""The WSP's models, moved here from clients (employers, their contact log) and cases (vacancies,
proposals, matching events) with their tables and rows: the models are adopted in the migration state
with their old `db_table` (nothing in the database changes), their change-history triggers are
installed again under this app's label (clients 0009 and cases 0009 removed the old ones), and their
content types move here, so permissions that point at them follow."""
import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
import uuid
from django.conf import settings
from django.db import migrations, models

from rwc.model_moves import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cases', '0009_employer_services_leave_triggers'),
        ('clients', '0009_employers_leave_triggers'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('pghistory', '0007_auto_20250421_0444'),
        ('rwc', '0007_track_roles_and_partner_systems'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Employer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('kvk_number', models.CharField(max_length=8)),
                        ('trade_name', models.CharField(max_length=200)),
                        ('name_search', models.CharField(editable=False, max_length=200)),
                        ('sector', models.CharField(choices=[('zorg', 'Zorg en welzijn (care)'), ('techniek', 'Techniek (technical trades)'), ('ict', 'ICT'), ('onderwijs', 'Onderwijs (education)'), ('creatief', 'Creatieve sector'), ('logistiek', 'Logistiek'), ('detailhandel', 'Detailhandel (retail)'), ('bouw', 'Bouw (construction)'), ('horeca', 'Horeca'), ('overheid', 'Overheid (public sector)'), ('zakelijk', 'Zakelijke dienstverlening'), ('agro_food', 'Agro en food'), ('other', 'Other')], max_length=20)),
                        ('size_class', models.CharField(choices=[('micro', '1-9 employees'), ('small', '10-49 employees'), ('medium', '50-249 employees'), ('large', '250 employees or more')], max_length=10)),
                        ('locations', models.JSONField(blank=True, default=list)),
                        ('contact_persons', models.JSONField(blank=True, default=list)),
                        ('sbb_recognised', models.BooleanField(default=False, help_text='SBB recognises it as a learning company.')),
                        ('registered_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('version', models.PositiveIntegerField(default=1)),
                        ('managing_desk', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='managed_employers', to='rwc.desk')),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='employers', to='rwc.region')),
                        ('registered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'clients_employer',
                        'ordering': ['trade_name', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='EmployerChange',
                    fields=[
                        ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                        ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                        ('pgh_label', models.TextField(help_text='The event label.')),
                        ('id', models.BigIntegerField()),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('kvk_number', models.CharField(max_length=8)),
                        ('trade_name', models.CharField(max_length=200)),
                        ('name_search', models.CharField(editable=False, max_length=200)),
                        ('sector', models.CharField(choices=[('zorg', 'Zorg en welzijn (care)'), ('techniek', 'Techniek (technical trades)'), ('ict', 'ICT'), ('onderwijs', 'Onderwijs (education)'), ('creatief', 'Creatieve sector'), ('logistiek', 'Logistiek'), ('detailhandel', 'Detailhandel (retail)'), ('bouw', 'Bouw (construction)'), ('horeca', 'Horeca'), ('overheid', 'Overheid (public sector)'), ('zakelijk', 'Zakelijke dienstverlening'), ('agro_food', 'Agro en food'), ('other', 'Other')], max_length=20)),
                        ('size_class', models.CharField(choices=[('micro', '1-9 employees'), ('small', '10-49 employees'), ('medium', '50-249 employees'), ('large', '250 employees or more')], max_length=10)),
                        ('locations', models.JSONField(blank=True, default=list)),
                        ('contact_persons', models.JSONField(blank=True, default=list)),
                        ('sbb_recognised', models.BooleanField(default=False, help_text='SBB recognises it as a learning company.')),
                        ('registered_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('version', models.PositiveIntegerField(default=1)),
                        ('managing_desk', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='rwc.desk')),
                        ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                        ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='changes', to='employers.employer')),
                        ('region', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='rwc.region')),
                        ('registered_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'clients_employerchange',
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='EmployerContact',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('at', models.DateTimeField()),
                        ('kind', models.CharField(choices=[('visit', 'Company visit'), ('call', 'Phone call'), ('email', 'E-mail'), ('meeting', 'Meeting (video or at the WSP)'), ('agreement', 'Agreement made')], max_length=10)),
                        ('summary', models.TextField(max_length=5000)),
                        ('contact_person', models.CharField(blank=True, max_length=120)),
                        ('follow_up_on', models.DateField(blank=True, null=True)),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('employer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contacts', to='employers.employer')),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('recorded_by_desk', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='rwc.desk')),
                    ],
                    options={
                        'db_table': 'clients_employercontact',
                        'ordering': ['-at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='EmployerContactChange',
                    fields=[
                        ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                        ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                        ('pgh_label', models.TextField(help_text='The event label.')),
                        ('id', models.BigIntegerField()),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('at', models.DateTimeField()),
                        ('kind', models.CharField(choices=[('visit', 'Company visit'), ('call', 'Phone call'), ('email', 'E-mail'), ('meeting', 'Meeting (video or at the WSP)'), ('agreement', 'Agreement made')], max_length=10)),
                        ('summary', models.TextField(max_length=5000)),
                        ('contact_person', models.CharField(blank=True, max_length=120)),
                        ('follow_up_on', models.DateField(blank=True, null=True)),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('employer', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='employers.employer')),
                        ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                        ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='changes', to='employers.employercontact')),
                        ('recorded_by', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                        ('recorded_by_desk', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='rwc.desk')),
                    ],
                    options={
                        'db_table': 'clients_employercontactchange',
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='MatchingEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('name', models.CharField(max_length=200)),
                        ('date', models.DateField()),
                        ('place', models.CharField(max_length=200)),
                        ('sectors', models.JSONField(default=list)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('employers', models.ManyToManyField(blank=True, db_table='cases_matchingevent_employers', related_name='matching_events', to='employers.employer')),
                        ('organising_desk', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='rwc.desk')),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='matching_events', to='rwc.region')),
                    ],
                    options={
                        'db_table': 'cases_matchingevent',
                        'ordering': ['-date', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='MatchingEventRegistration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('registered_at', models.DateTimeField(auto_now_add=True)),
                        ('attended', models.BooleanField(blank=True, null=True)),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='event_registrations', to='clients.client')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='employers.matchingevent')),
                        ('registered_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('registered_by_desk', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='rwc.desk')),
                    ],
                    options={
                        'db_table': 'cases_matchingeventregistration',
                        'ordering': ['registered_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='MatchingEventMatch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('kind', models.CharField(choices=[('conversation', 'A conversation at the event'), ('follow_up_invitation', 'Invited for a follow-up'), ('hire', 'Hired')], max_length=24)),
                        ('note', models.CharField(blank=True, max_length=500)),
                        ('recorded_at', models.DateTimeField(auto_now_add=True)),
                        ('employer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='event_matches', to='employers.employer')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='matches', to='employers.matchingevent')),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='matches', to='employers.matchingeventregistration')),
                    ],
                    options={
                        'db_table': 'cases_matchingeventmatch',
                        'ordering': ['recorded_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Proposal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('status', models.CharField(choices=[('proposed', 'Proposed to the employer'), ('invited', 'Invited by the employer'), ('hired', 'Hired'), ('rejected', 'Rejected')], default='proposed', max_length=10)),
                        ('note', models.CharField(blank=True, max_length=500)),
                        ('proposed_at', models.DateTimeField()),
                        ('status_changed_at', models.DateTimeField()),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='proposals', to='clients.client')),
                        ('consent', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='proposals', to='clients.consent')),
                        ('placement', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='proposal', to='cases.outcome')),
                        ('proposed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('proposed_by_desk', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='rwc.desk')),
                    ],
                    options={
                        'db_table': 'cases_proposal',
                        'ordering': ['proposed_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ProposalStatusChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('from_status', models.CharField(blank=True, choices=[('proposed', 'Proposed to the employer'), ('invited', 'Invited by the employer'), ('hired', 'Hired'), ('rejected', 'Rejected')], max_length=10)),
                        ('to_status', models.CharField(choices=[('proposed', 'Proposed to the employer'), ('invited', 'Invited by the employer'), ('hired', 'Hired'), ('rejected', 'Rejected')], max_length=10)),
                        ('at', models.DateTimeField()),
                        ('note', models.CharField(blank=True, max_length=500)),
                        ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='employers.proposal')),
                    ],
                    options={
                        'db_table': 'cases_proposalstatuschange',
                        'ordering': ['at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Vacancy',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('title', models.CharField(max_length=200)),
                        ('occupation', models.CharField(max_length=120)),
                        ('sector', models.CharField(choices=[('zorg', 'Zorg en welzijn (care)'), ('techniek', 'Techniek (technical trades)'), ('ict', 'ICT'), ('onderwijs', 'Onderwijs (education)'), ('creatief', 'Creatieve sector'), ('logistiek', 'Logistiek'), ('detailhandel', 'Detailhandel (retail)'), ('bouw', 'Bouw (construction)'), ('horeca', 'Horeca'), ('overheid', 'Overheid (public sector)'), ('zakelijk', 'Zakelijke dienstverlening'), ('agro_food', 'Agro en food'), ('other', 'Other')], max_length=20)),
                        ('hours_per_week', models.DecimalField(decimal_places=1, max_digits=4)),
                        ('education_level', models.CharField(blank=True, choices=[('none', 'None'), ('vmbo', 'VMBO'), ('mbo_1', 'MBO level 1 (entree)'), ('mbo_2', 'MBO level 2'), ('mbo_3', 'MBO level 3'), ('mbo_4', 'MBO level 4'), ('havo', 'HAVO'), ('vwo', 'VWO'), ('hbo', 'HBO'), ('wo', 'WO'), ('foreign_unknown', 'Foreign or unknown')], help_text='The minimum level asked; blank: none asked.', max_length=20)),
                        ('city', models.CharField(max_length=80)),
                        ('postcode', models.CharField(blank=True, max_length=7)),
                        ('places', models.PositiveSmallIntegerField()),
                        ('description', models.TextField(blank=True, max_length=5000)),
                        ('status', models.CharField(choices=[('open', 'Open'), ('filled', 'Filled'), ('closed', 'Closed')], default='open', max_length=8)),
                        ('status_changed_at', models.DateTimeField()),
                        ('posted_at', models.DateTimeField()),
                        ('version', models.PositiveIntegerField(default=1)),
                        ('employer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='vacancies', to='employers.employer')),
                        ('posted_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('posted_by_desk', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='rwc.desk')),
                    ],
                    options={
                        'db_table': 'cases_vacancy',
                        'ordering': ['-posted_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ProposalChange',
                    fields=[
                        ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                        ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                        ('pgh_label', models.TextField(help_text='The event label.')),
                        ('id', models.BigIntegerField()),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('status', models.CharField(choices=[('proposed', 'Proposed to the employer'), ('invited', 'Invited by the employer'), ('hired', 'Hired'), ('rejected', 'Rejected')], default='proposed', max_length=10)),
                        ('note', models.CharField(blank=True, max_length=500)),
                        ('proposed_at', models.DateTimeField()),
                        ('status_changed_at', models.DateTimeField()),
                        ('client', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='clients.client')),
                        ('consent', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='clients.consent')),
                        ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                        ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='changes', to='employers.proposal')),
                        ('placement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='cases.outcome')),
                        ('proposed_by', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                        ('proposed_by_desk', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='rwc.desk')),
                        ('vacancy', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='employers.vacancy')),
                    ],
                    options={
                        'db_table': 'cases_proposalchange',
                        'abstract': False,
                    },
                ),
                migrations.AddField(
                    model_name='proposal',
                    name='vacancy',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='proposals', to='employers.vacancy'),
                ),
                migrations.CreateModel(
                    name='VacancyChange',
                    fields=[
                        ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                        ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                        ('pgh_label', models.TextField(help_text='The event label.')),
                        ('id', models.BigIntegerField()),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('title', models.CharField(max_length=200)),
                        ('occupation', models.CharField(max_length=120)),
                        ('sector', models.CharField(choices=[('zorg', 'Zorg en welzijn (care)'), ('techniek', 'Techniek (technical trades)'), ('ict', 'ICT'), ('onderwijs', 'Onderwijs (education)'), ('creatief', 'Creatieve sector'), ('logistiek', 'Logistiek'), ('detailhandel', 'Detailhandel (retail)'), ('bouw', 'Bouw (construction)'), ('horeca', 'Horeca'), ('overheid', 'Overheid (public sector)'), ('zakelijk', 'Zakelijke dienstverlening'), ('agro_food', 'Agro en food'), ('other', 'Other')], max_length=20)),
                        ('hours_per_week', models.DecimalField(decimal_places=1, max_digits=4)),
                        ('education_level', models.CharField(blank=True, choices=[('none', 'None'), ('vmbo', 'VMBO'), ('mbo_1', 'MBO level 1 (entree)'), ('mbo_2', 'MBO level 2'), ('mbo_3', 'MBO level 3'), ('mbo_4', 'MBO level 4'), ('havo', 'HAVO'), ('vwo', 'VWO'), ('hbo', 'HBO'), ('wo', 'WO'), ('foreign_unknown', 'Foreign or unknown')], help_text='The minimum level asked; blank: none asked.', max_length=20)),
                        ('city', models.CharField(max_length=80)),
                        ('postcode', models.CharField(blank=True, max_length=7)),
                        ('places', models.PositiveSmallIntegerField()),
                        ('description', models.TextField(blank=True, max_length=5000)),
                        ('status', models.CharField(choices=[('open', 'Open'), ('filled', 'Filled'), ('closed', 'Closed')], default='open', max_length=8)),
                        ('status_changed_at', models.DateTimeField()),
                        ('posted_at', models.DateTimeField()),
                        ('version', models.PositiveIntegerField(default=1)),
                        ('employer', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='employers.employer')),
                        ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                        ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='changes', to='employers.vacancy')),
                        ('posted_by', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                        ('posted_by_desk', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='rwc.desk')),
                    ],
                    options={
                        'db_table': 'cases_vacancychange',
                        'abstract': False,
                    },
                ),
                migrations.AddIndex(
                    model_name='employer',
                    index=models.Index(fields=['region', 'sector'], name='employer_region_sector'),
                ),
                migrations.AddIndex(
                    model_name='employer',
                    index=models.Index(fields=['region', 'size_class'], name='employer_region_size'),
                ),
                migrations.AddIndex(
                    model_name='employer',
                    index=models.Index(fields=['region', 'sbb_recognised'], name='employer_region_sbb'),
                ),
                migrations.AddIndex(
                    model_name='employer',
                    index=models.Index(fields=['managing_desk'], name='employer_managing_desk'),
                ),
                migrations.AddIndex(
                    model_name='employer',
                    index=models.Index(fields=['kvk_number'], name='employer_kvk'),
                ),
                migrations.AddConstraint(
                    model_name='employer',
                    constraint=models.UniqueConstraint(fields=('region', 'kvk_number'), name='employer_kvk_once_per_region'),
                ),
                migrations.AddIndex(
                    model_name='employercontact',
                    index=models.Index(fields=['employer', 'at'], name='employer_contact_at'),
                ),
                migrations.AddIndex(
                    model_name='matchingevent',
                    index=models.Index(fields=['region', 'date'], name='matching_event_region_date'),
                ),
                migrations.AddIndex(
                    model_name='matchingeventregistration',
                    index=models.Index(fields=['event', 'attended'], name='event_registration_attended'),
                ),
                migrations.AddConstraint(
                    model_name='matchingeventregistration',
                    constraint=models.UniqueConstraint(fields=('event', 'client'), name='event_registration_once'),
                ),
                migrations.AddIndex(
                    model_name='matchingeventmatch',
                    index=models.Index(fields=['event', 'kind'], name='event_match_kind'),
                ),
                migrations.AddConstraint(
                    model_name='matchingeventmatch',
                    constraint=models.UniqueConstraint(fields=('registration', 'employer', 'kind'), name='event_match_once'),
                ),
                migrations.AddIndex(
                    model_name='vacancy',
                    index=models.Index(fields=['employer', 'status'], name='vacancy_employer_status'),
                ),
                migrations.AddIndex(
                    model_name='vacancy',
                    index=models.Index(fields=['status', 'sector'], name='vacancy_status_sector'),
                ),
                migrations.AddIndex(
                    model_name='vacancy',
                    index=models.Index(fields=['sector', 'posted_at'], name='vacancy_sector_posted'),
                ),
                migrations.AddIndex(
                    model_name='proposal',
                    index=models.Index(fields=['vacancy', 'status'], name='proposal_vacancy_status'),
                ),
                migrations.AddIndex(
                    model_name='proposal',
                    index=models.Index(fields=['client'], name='proposal_client'),
                ),
                migrations.AddConstraint(
                    model_name='proposal',
                    constraint=models.UniqueConstraint(fields=('vacancy', 'client'), name='proposal_once_per_vacancy'),
                ),
            ],
            database_operations=[],
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='employer',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "clients_employerchange" ("contact_persons", "id", "kvk_number", "locations", "managing_desk_id", "name_search", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "region_id", "registered_at", "registered_by_id", "sbb_recognised", "sector", "size_class", "trade_name", "updated_at", "uuid", "version") VALUES (NEW."contact_persons", NEW."id", NEW."kvk_number", NEW."locations", NEW."managing_desk_id", NEW."name_search", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."region_id", NEW."registered_at", NEW."registered_by_id", NEW."sbb_recognised", NEW."sector", NEW."size_class", NEW."trade_name", NEW."updated_at", NEW."uuid", NEW."version"); RETURN NULL;', hash='a08b3eca523174dc13fcade53140a6b06880b689', operation='INSERT', pgid='pgtrigger_insert_insert_27d23', table='clients_employer', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='employer',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "clients_employerchange" ("contact_persons", "id", "kvk_number", "locations", "managing_desk_id", "name_search", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "region_id", "registered_at", "registered_by_id", "sbb_recognised", "sector", "size_class", "trade_name", "updated_at", "uuid", "version") VALUES (NEW."contact_persons", NEW."id", NEW."kvk_number", NEW."locations", NEW."managing_desk_id", NEW."name_search", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."region_id", NEW."registered_at", NEW."registered_by_id", NEW."sbb_recognised", NEW."sector", NEW."size_class", NEW."trade_name", NEW."updated_at", NEW."uuid", NEW."version"); RETURN NULL;', hash='de7a11df33087e4c4cba7d74c90d6bef3c48bf2f', operation='UPDATE', pgid='pgtrigger_update_update_b6c1a', table='clients_employer', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='employer',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "clients_employerchange" ("contact_persons", "id", "kvk_number", "locations", "managing_desk_id", "name_search", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "region_id", "registered_at", "registered_by_id", "sbb_recognised", "sector", "size_class", "trade_name", "updated_at", "uuid", "version") VALUES (OLD."contact_persons", OLD."id", OLD."kvk_number", OLD."locations", OLD."managing_desk_id", OLD."name_search", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."region_id", OLD."registered_at", OLD."registered_by_id", OLD."sbb_recognised", OLD."sector", OLD."size_class", OLD."trade_name", OLD."updated_at", OLD."uuid", OLD."version"); RETURN NULL;', hash='fa1bc43fb1dc3338888b83c2b5aaa1772bc4551f', operation='DELETE', pgid='pgtrigger_delete_delete_44e51', table='clients_employer', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='employercontact',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "clients_employercontactchange" ("at", "contact_person", "employer_id", "follow_up_on", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_at", "recorded_by_desk_id", "recorded_by_id", "summary", "uuid") VALUES (NEW."at", NEW."contact_person", NEW."employer_id", NEW."follow_up_on", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."recorded_at", NEW."recorded_by_desk_id", NEW."recorded_by_id", NEW."summary", NEW."uuid"); RETURN NULL;', hash='15bc024c9a5e980bedd5e77b013c254e25b843b6', operation='INSERT', pgid='pgtrigger_insert_insert_1dc65', table='clients_employercontact', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='employercontact',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "clients_employercontactchange" ("at", "contact_person", "employer_id", "follow_up_on", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_at", "recorded_by_desk_id", "recorded_by_id", "summary", "uuid") VALUES (NEW."at", NEW."contact_person", NEW."employer_id", NEW."follow_up_on", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."recorded_at", NEW."recorded_by_desk_id", NEW."recorded_by_id", NEW."summary", NEW."uuid"); RETURN NULL;', hash='06540ba8d0e236416907872d11cadd5962c01644', operation='UPDATE', pgid='pgtrigger_update_update_945ce', table='clients_employercontact', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='employercontact',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "clients_employercontactchange" ("at", "contact_person", "employer_id", "follow_up_on", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_at", "recorded_by_desk_id", "recorded_by_id", "summary", "uuid") VALUES (OLD."at", OLD."contact_person", OLD."employer_id", OLD."follow_up_on", OLD."id", OLD."kind", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."recorded_at", OLD."recorded_by_desk_id", OLD."recorded_by_id", OLD."summary", OLD."uuid"); RETURN NULL;', hash='eb184d521d9c13e7d232a689df2d271890489203', operation='DELETE', pgid='pgtrigger_delete_delete_10849', table='clients_employercontact', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='vacancy',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "cases_vacancychange" ("city", "description", "education_level", "employer_id", "hours_per_week", "id", "occupation", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "places", "postcode", "posted_at", "posted_by_desk_id", "posted_by_id", "sector", "status", "status_changed_at", "title", "uuid", "version") VALUES (NEW."city", NEW."description", NEW."education_level", NEW."employer_id", NEW."hours_per_week", NEW."id", NEW."occupation", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."places", NEW."postcode", NEW."posted_at", NEW."posted_by_desk_id", NEW."posted_by_id", NEW."sector", NEW."status", NEW."status_changed_at", NEW."title", NEW."uuid", NEW."version"); RETURN NULL;', hash='8c72b2b7f3171f910ea9353b929c8c45a55ff0ec', operation='INSERT', pgid='pgtrigger_insert_insert_d93b8', table='cases_vacancy', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='vacancy',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "cases_vacancychange" ("city", "description", "education_level", "employer_id", "hours_per_week", "id", "occupation", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "places", "postcode", "posted_at", "posted_by_desk_id", "posted_by_id", "sector", "status", "status_changed_at", "title", "uuid", "version") VALUES (NEW."city", NEW."description", NEW."education_level", NEW."employer_id", NEW."hours_per_week", NEW."id", NEW."occupation", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."places", NEW."postcode", NEW."posted_at", NEW."posted_by_desk_id", NEW."posted_by_id", NEW."sector", NEW."status", NEW."status_changed_at", NEW."title", NEW."uuid", NEW."version"); RETURN NULL;', hash='4735fb8ba59576e9eda19e43cc3f66c9828e14b1', operation='UPDATE', pgid='pgtrigger_update_update_f82e4', table='cases_vacancy', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='vacancy',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "cases_vacancychange" ("city", "description", "education_level", "employer_id", "hours_per_week", "id", "occupation", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "places", "postcode", "posted_at", "posted_by_desk_id", "posted_by_id", "sector", "status", "status_changed_at", "title", "uuid", "version") VALUES (OLD."city", OLD."description", OLD."education_level", OLD."employer_id", OLD."hours_per_week", OLD."id", OLD."occupation", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."places", OLD."postcode", OLD."posted_at", OLD."posted_by_desk_id", OLD."posted_by_id", OLD."sector", OLD."status", OLD."status_changed_at", OLD."title", OLD."uuid", OLD."version"); RETURN NULL;', hash='6b6f990b9bdc6a282c0152f49828cdce6a1023f1', operation='DELETE', pgid='pgtrigger_delete_delete_b1359', table='cases_vacancy', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='proposal',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "cases_proposalchange" ("client_id", "consent_id", "id", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "placement_id", "proposed_at", "proposed_by_desk_id", "proposed_by_id", "status", "status_changed_at", "uuid", "vacancy_id") VALUES (NEW."client_id", NEW."consent_id", NEW."id", NEW."note", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."placement_id", NEW."proposed_at", NEW."proposed_by_desk_id", NEW."proposed_by_id", NEW."status", NEW."status_changed_at", NEW."uuid", NEW."vacancy_id"); RETURN NULL;', hash='164383f5c12649d50b7cd9fd818ba7a699ab4167', operation='INSERT', pgid='pgtrigger_insert_insert_e8617', table='cases_proposal', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='proposal',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "cases_proposalchange" ("client_id", "consent_id", "id", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "placement_id", "proposed_at", "proposed_by_desk_id", "proposed_by_id", "status", "status_changed_at", "uuid", "vacancy_id") VALUES (NEW."client_id", NEW."consent_id", NEW."id", NEW."note", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."placement_id", NEW."proposed_at", NEW."proposed_by_desk_id", NEW."proposed_by_id", NEW."status", NEW."status_changed_at", NEW."uuid", NEW."vacancy_id"); RETURN NULL;', hash='acea643b8a621c26adf492b85fb92ddf7e7531c6', operation='UPDATE', pgid='pgtrigger_update_update_29515', table='cases_proposal', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='proposal',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "cases_proposalchange" ("client_id", "consent_id", "id", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "placement_id", "proposed_at", "proposed_by_desk_id", "proposed_by_id", "status", "status_changed_at", "uuid", "vacancy_id") VALUES (OLD."client_id", OLD."consent_id", OLD."id", OLD."note", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."placement_id", OLD."proposed_at", OLD."proposed_by_desk_id", OLD."proposed_by_id", OLD."status", OLD."status_changed_at", OLD."uuid", OLD."vacancy_id"); RETURN NULL;', hash='f3f6a7027e751d93cc93ff823c5ed7e4177d68c7', operation='DELETE', pgid='pgtrigger_delete_delete_c7b69', table='cases_proposal', when='AFTER')),
        ),
        move_content_types('clients', 'employers', ['employer', 'employercontact', 'employerchange',
                                                     'employercontactchange']),
        move_content_types('cases', 'employers', ['vacancy', 'vacancychange', 'proposal', 'proposalchange',
                                                  'proposalstatuschange', 'matchingevent', 'matchingeventregistration',
                                                  'matchingeventmatch']),
    ]
