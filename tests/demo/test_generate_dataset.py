"""`manage.py generate_dataset`: a bulk-loaded data set that is plausible, consistent, visible
through the access filters and served by the API, without change history; refused a second time
unless appending. Runs next to the demo seed of the test database (hence the allocated ids)."""
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F
from django.utils import timezone
from rest_framework.test import APIClient

from cases.choices import OPEN_STATUSES
from cases.models import Case, ContactMoment, Outcome, Transition
from clients.access import active_client_grants, clients_visible_to
from clients.models import Client, ClientDeskGrant, ClientEvent, ClientTargetGroup, Consent
from demo import dataset
from employers.models import Employer, EmployerContact, Vacancy
from referrals.choices import ReferralStatus
from referrals.models import Referral
from rwc import history
from rwc.models import Desk, Region, RegionRole, StaffMembership, User
from rwc.oauth import issue_staff_token

N = 600  # large enough for every referral status to appear


def _change_rows() -> int:
    return sum(model.objects.count() for model in history.change_models())


@pytest.fixture
def generated(db):
    before = _change_rows()
    clients_before = Client.objects.count()
    report = dataset.generate(clients=N, regions=3, seed=7)
    report.test_change_rows_before = before
    report.test_clients_before = clients_before
    return report


def _generated_clients():
    return Client.objects.filter(region__code__startswith="gen-")


def _counsellor_with_open_cases() -> User:
    case = Case.objects.filter(desk__region__code__startswith="gen-", status__in=OPEN_STATUSES,
                               access_grant__isnull=True).order_by("id").first()
    return case.owner


def test_counts_and_distributions_are_plausible(generated):
    assert generated.regions == 3
    regions = list(dataset.generated_regions())
    assert len(regions) == 3
    assert {r.code for r in regions} == {"gen-midden-utrecht", "gen-amersfoort", "gen-gooi-en-vechtstreek"}
    assert Desk.objects.filter(region__in=regions).count() == 12
    assert set(Desk.objects.filter(region__in=regions).values_list("kind", flat=True)) == {
        "leerwerkloket", "rmt", "wsp", "youth"}
    assert all(d.group_id for d in Desk.objects.filter(region__in=regions))
    assert StaffMembership.objects.filter(desk__region__in=regions, role="team_lead").count() == 12
    assert RegionRole.objects.filter(region__in=regions).count() == 6
    assert User.objects.filter(username="gen-midden-utrecht-rmt-1").exists()
    assert not User.objects.get(username="gen-midden-utrecht-rmt-1").has_usable_password()

    clients = _generated_clients()
    assert clients.count() == N == Client.objects.count() - generated.test_clients_before
    cases = Case.objects.filter(client__in=clients)
    assert 1.0 <= cases.count() / N <= 1.5
    open_share = cases.filter(status__in=OPEN_STATUSES).count() / cases.count()
    assert 0.1 <= open_share <= 0.35
    assert not cases.filter(status="closed", closing_reason="").exists()
    assert not cases.filter(status="closed", closed_at__isnull=True).exists()
    assert cases.filter(status="closed").values("closing_reason").distinct().count() >= 6
    referrals = Referral.objects.filter(client__in=clients)
    assert 0.15 <= referrals.count() / N <= 0.35
    assert set(referrals.values_list("status", flat=True)) == set(ReferralStatus.values)
    assert Consent.objects.filter(client__in=clients).count() == N
    assert 2 <= ContactMoment.objects.filter(case__in=cases).count() / cases.count() <= 6
    assert 0.4 <= Transition.objects.filter(client__in=clients).count() / N <= 0.8
    placements = Outcome.objects.filter(case__in=cases, kind="placement")
    assert 0.15 <= placements.count() / cases.filter(status="closed").count() <= 0.35
    assert placements.filter(follow_up_recorded_at__isnull=False).exists()
    assert Outcome.objects.filter(case__in=cases, kind="praktijkverklaring").exclude(sector="").exists()
    assert ClientEvent.objects.filter(client__in=clients, kind="client_registered").count() == N
    assert {"case_opened", "contact_recorded", "consent_recorded", "referral_sent"} <= set(
        ClientEvent.objects.filter(client__in=clients).values_list("kind", flat=True))
    ages = [(c.registered_at.date() - c.birth_date).days / 365.25 for c in clients.select_related(
        "registered_by_desk").filter(registered_by_desk__kind="youth")]
    assert ages and max(ages) < 28
    assert ClientTargetGroup.objects.filter(client__in=clients).exists()
    employers = Employer.objects.filter(region__in=regions)
    assert 5 <= employers.count() <= 35  # about one for every 40 clients
    assert not employers.exclude(managing_desk__region_id=F("region_id")).exists()
    assert set(employers.values_list("managing_desk__kind", flat=True)) == {"wsp"}
    assert all(len(k) == 8 and k.isdigit() for k in employers.values_list("kvk_number", flat=True))
    assert EmployerContact.objects.filter(employer__in=employers).count() >= employers.count()
    vacancies = Vacancy.objects.filter(employer__in=employers)
    assert set(vacancies.values_list("status", flat=True)) == {"open", "filled", "closed"}
    assert not vacancies.filter(status_changed_at__lt=F("posted_at")).exists()


def test_rows_are_consistent(generated):
    tables = [t for t in dataset.Generator(1).tables.values()]
    with connection.cursor() as cursor:
        for table in tables:  # the foreign-key triggers were off during the load: check every reference
            for field in table.model._meta.concrete_fields:
                if not field.is_relation or field.column not in table.columns:
                    continue
                target = field.related_model._meta
                cursor.execute(
                    f"SELECT count(*) FROM {table.name} t LEFT JOIN {target.db_table} r "
                    f"ON t.{field.column} = r.{target.pk.column} WHERE t.{field.column} IS NOT NULL "
                    f"AND r.{target.pk.column} IS NULL")
                assert cursor.fetchone()[0] == 0, f"{table.name}.{field.column} points at missing rows"
        cursor.execute("SELECT count(*) FROM (SELECT client_id, desk_id, programme_id FROM cases_case "
                       "WHERE status <> 'closed' GROUP BY 1, 2, 3 HAVING count(*) > 1) d")
        assert cursor.fetchone()[0] == 0
    clients = _generated_clients()
    assert not Case.objects.filter(client__in=clients).exclude(desk__region_id=F("client__region_id")).exists()
    accepted = Referral.objects.filter(client__in=clients, to_desk__isnull=False,
                                       status__in=["accepted", "in_progress", "completed", "failed"])
    assert accepted.exists()
    for referral in accepted.select_related("grant", "to_desk", "consent"):
        assert referral.grant is not None
        assert referral.grant.group_id == referral.to_desk.group_id
        assert referral.grant.content_object_id == referral.client_id
        assert referral.grant.consent_id == referral.consent_id
        assert referral.consent.desks.filter(pk=referral.to_desk_id).exists()
        assert referral.answered_at is not None and referral.sent_at < referral.answered_at
    assert not Referral.objects.filter(client__in=clients, status="requested", answer_due_at__lt=timezone.now()).exists()
    assert not Referral.objects.filter(client__in=clients, status="declined", decline_reason="").exists()
    for case in Case.objects.filter(client__in=clients, access_grant__isnull=False).select_related("access_grant"):
        assert case.access_grant.group_id == case.desk.group_id
    assert ClientDeskGrant.objects.filter(content_object__in=clients).count() == accepted.count()
    # The sequences were moved past the generated ids: the ORM inserts after them.
    event = ClientEvent.objects.create(client=clients.first(), occurred_at=timezone.now(), kind="note", summary="x")
    assert event.id > ClientEvent.objects.exclude(pk=event.pk).order_by("-id").first().id


def test_no_change_history_was_written_and_the_triggers_are_back_on(generated):
    assert generated.change_rows_before == generated.change_rows_after
    assert _change_rows() == generated.test_change_rows_before
    # A client the generator did not already mark over 55 (the draw may have marked the first one).
    client = _generated_clients().exclude(target_groups__code="over_55").first()
    ClientTargetGroup.objects.create(client=client, code="over_55")  # after the load: tracked
    assert _change_rows() == generated.test_change_rows_before + 1


def test_access_filters_work_on_the_generated_data(generated):
    counsellor = _counsellor_with_open_cases()
    desks = set(StaffMembership.objects.filter(user=counsellor, ended_at__isnull=True).values_list("desk_id", flat=True))
    visible = set(clients_visible_to(counsellor).values_list("id", flat=True))
    registered = set(Client.objects.filter(registered_by_desk_id__in=desks).values_list("id", flat=True))
    with_case = set(Case.objects.filter(desk_id__in=desks).values_list("client_id", flat=True))
    granted = set(active_client_grants().filter(group__desk__id__in=desks).values_list("content_object_id", flat=True))
    assert visible and registered <= visible
    assert visible <= registered | with_case | granted
    region = Desk.objects.get(pk=next(iter(desks))).region_id
    assert not Client.objects.filter(id__in=visible).exclude(region_id=region).exists()
    # A desk that received referrals sees the referred clients through their grants.
    grant = active_client_grants().filter(content_object__region__code__startswith="gen-").select_related(
        "group__desk").first()
    receiver = StaffMembership.objects.filter(desk=grant.group.desk, role="counsellor").first().user
    assert clients_visible_to(receiver).filter(pk=grant.content_object_id).exists()
    assert grant.content_object.registered_by_desk_id != grant.group.desk.id


def test_the_api_serves_the_generated_data(generated):
    counsellor = _counsellor_with_open_cases()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(counsellor)}")
    caseload = api.get("/api/v1/caseload")
    assert caseload.status_code == 200, caseload.content
    assert caseload.json()["cases"]
    clients = api.get("/api/v1/clients")
    assert clients.status_code == 200, clients.content
    assert clients.json()["count"] > 0
    first = clients.json()["results"][0]["id"]
    timeline = api.get(f"/api/v1/clients/{first}/timeline")
    assert timeline.status_code == 200 and timeline.json()["count"] > 0
    referrals = api.get("/api/v1/referrals")
    assert referrals.status_code == 200
    region = Vacancy.objects.filter(employer__region__code__startswith="gen-", status="open").first().employer.region
    wsp = StaffMembership.objects.filter(desk__region=region, desk__kind="wsp", role="counsellor").first().user
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(wsp)}")
    employers = api.get("/api/v1/employers?pageSize=100")
    assert employers.status_code == 200 and employers.json()["count"] > 0, employers.content
    assert {e["id"] for e in employers.json()["results"]} <= {
        str(u) for u in Employer.objects.filter(region__desks__memberships__user=wsp).values_list("uuid", flat=True)}
    vacancies = api.get("/api/v1/vacancies?status=open")
    assert vacancies.status_code == 200 and vacancies.json()["count"] > 0, vacancies.content


def test_a_second_run_is_refused_unless_appending(generated):
    with pytest.raises(dataset.DatasetError, match="--append"):
        dataset.generate(clients=10, regions=3, seed=7)
    with pytest.raises(CommandError, match="already exists"):
        call_command("generate_dataset", "--clients", "10", "--no-progress")
    regions = set(dataset.generated_regions().values_list("id", flat=True))
    report = dataset.generate(clients=100, seed=7, append=True)
    assert report.appended and report.regions == 3
    assert set(dataset.generated_regions().values_list("id", flat=True)) == regions
    assert _generated_clients().count() == N + 100
    assert Client.objects.values("uuid").distinct().count() == Client.objects.count()


def test_the_command_reports_rows_and_timings(db, capsys):
    call_command("generate_dataset", "--clients", "50", "--regions", "1", "--no-progress")
    out = capsys.readouterr().out
    assert "Generated 50 clients in 1 regions" in out
    assert "clients_client" in out and "total" in out
    assert "no change history" in out


def test_it_needs_postgresql(db, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("generate_dataset", "--clients", "10", "--no-progress")


def test_the_number_of_regions_is_bounded(db):
    with pytest.raises(CommandError, match="--regions"):
        call_command("generate_dataset", "--clients", "10", "--regions", str(dataset.MAX_REGIONS + 1), "--no-progress")
    assert not Region.objects.filter(code__startswith="gen-").exists()


def test_services_training_funding_and_questions_obey_the_domain_rules(generated):
    """About 0.6 services per case of a realistic mix, funded within every budget, invoices once,
    dates in order and never in the future; questions at the front door, some linked to the client."""
    from decimal import Decimal

    from django.db.models import Count, Q, Sum

    from services.models import DeliveredService, FrontDoorQuestion, FundingSource, ServiceFunding, ServiceOffering

    regions = list(dataset.generated_regions())
    assert ServiceOffering.objects.filter(region__in=regions).count() == 9 * 3
    assert ServiceOffering.objects.get(region=regions[0], service_type="ips_job_coaching").programmes.count() == 1
    sources = FundingSource.objects.filter(region__in=regions)
    assert sources.count() == 5 * 3
    services = DeliveredService.objects.filter(case__desk__region__in=regions)
    cases = Case.objects.filter(desk__region__in=regions).count()
    assert 0.45 < services.count() / cases < 0.75
    assert generated.rows["services_deliveredservice"] == services.count()
    by_status = dict(services.values_list("status").annotate(n=Count("id")))
    assert set(by_status) == {"planned", "started", "completed", "stopped_early"}
    assert not services.filter(status="stopped_early", stop_reason="").exists()
    courses = services.filter(service_type__in=["training", "language_course"])
    assert courses.filter(qualification_code__regex=r"^\d{5}$").exists()
    assert courses.filter(status="completed", certificate_obtained=True).exists()
    assert not services.exclude(service_type__in=["training", "language_course"]).exclude(course_name="").exists()
    assert not services.exclude(status="completed").filter(certificate_obtained__isnull=False).exists()
    assert not courses.exclude(provider_kind="training_provider").exists()
    assert not courses.filter(training_provider__isnull=True).exists()
    # the catalogue: the desk may deliver the type; IPS only under Hoofdzaak Werk
    for service in services.select_related("case__desk", "case__programme"):
        offering = ServiceOffering.objects.get(region_id=service.case.desk.region_id, service_type=service.service_type)
        assert service.case.desk.kind in offering.desk_kinds
    assert not services.filter(service_type="ips_job_coaching").exclude(
        case__programme__code="hoofdzaak-werk-ips").exists()
    # dates in order, nothing that happened lies in the future, within the case's life
    today = timezone.localdate()
    assert not services.filter(planned_end__lt=F("planned_start")).exists()
    assert not services.filter(actual_end__lt=F("actual_start")).exists()
    assert not services.filter(Q(actual_start__gt=today) | Q(actual_end__gt=today)).exists()
    assert not services.filter(status__in=["completed", "stopped_early"], actual_end__isnull=True).exists()
    assert not services.filter(status="planned", actual_start__isnull=False).exists()
    assert not services.filter(case__closed_at__isnull=False, status__in=["planned", "started"]).exists()
    assert not services.filter(recorded_at__lt=F("case__opened_at")).exists()
    # funding: the parts add up to the cost; approval by the desk's team lead; no budget overspent
    funded = services.annotate(total=Sum("funding__amount")).filter(total__isnull=False)
    assert funded.exists()
    assert not funded.exclude(total=F("cost")).exists()
    assert services.annotate(n=Count("funding")).filter(n=2).exists()
    approved = services.filter(approved_at__isnull=False)
    assert approved.exists()
    # every other planned paid service (the first included) still awaits its team lead
    planned_paid = services.filter(status="planned", cost__isnull=False)
    assert planned_paid.filter(approved_at__isnull=True).count() >= (planned_paid.count() + 1) // 2
    leads = set(StaffMembership.objects.filter(role="team_lead").values_list("user_id", "desk_id"))
    assert all((s.approved_by_id, s.case.desk_id) in leads for s in approved.select_related("case"))
    assert not services.filter(cost__lt=0).exists()
    for source in sources:
        spent = ServiceFunding.objects.filter(source=source, service__approved_at__isnull=False).aggregate(
            s=Sum("amount"))["s"] or Decimal("0")
        assert spent <= source.budget_ceiling
    invoices = list(services.exclude(invoice_reference="").values_list("invoice_reference", flat=True))
    assert invoices and len(invoices) == len(set(invoices))
    assert not services.exclude(invoice_reference="").filter(approved_at__isnull=True).exists()
    # questions at the front door: anonymous or pseudonymous, a share linked to the client registered after
    questions = FrontDoorQuestion.objects.filter(region__in=regions)
    assert 0.08 < questions.count() / N < 0.25
    assert questions.filter(pseudonym="").exists() and questions.exclude(pseudonym="").exists()
    converted = questions.filter(client__isnull=False)
    assert converted.exists() and not converted.filter(converted_at__isnull=True).exists()
    assert not converted.filter(converted_at__lt=F("asked_at")).exists()
    assert not converted.exclude(client__region=F("region")).exists()
    assert questions.filter(follow_up_needed=True, follow_up_on__isnull=False).exists()


def test_the_worklist_is_generated_and_served(generated):
    from worklist.models import Appointment, Notification, Task

    regions = list(dataset.generated_regions())
    tasks = Task.objects.filter(desk__region__in=regions)
    assert tasks.filter(status="open", assignee__isnull=False).exists()
    assert tasks.filter(status="open", assignee__isnull=True).exists()  # the desks' pools
    assert tasks.filter(status="done").exists()
    assert not tasks.filter(assignee__isnull=False).exclude(case__owner=F("assignee")).exclude(
        case__isnull=True).exists()
    notifications = Notification.objects.filter(recipient__memberships__desk__region__in=regions).distinct()
    assert notifications.filter(read_at__isnull=True).exists() and notifications.filter(read_at__isnull=False).exists()
    appointments = Appointment.objects.filter(desk__region__in=regions)
    assert {"held", "no_show", "planned"} <= set(appointments.values_list("status", flat=True))
    assert generated.rows[Task._meta.db_table] == tasks.count()

    busiest = (Task.objects.filter(status="open", assignee__isnull=False, desk__region__in=regions)
               .values("assignee").annotate(n=Count("id")).order_by("-n").first())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_staff_token(User.objects.get(pk=busiest['assignee']))}")
    body = client.get("/api/v1/tasks?status=open&mine=true").json()
    assert body["count"] == busiest["n"] and body["counts"]["open"] >= busiest["n"]
    assert client.get("/api/v1/notifications").json()["count"] >= 0
    calendar = client.get("/api/v1/appointments")
    assert calendar.status_code == 200, calendar.content


def test_every_generated_region_lies_in_a_province(generated):
    """A province manager reads the figures of its regions: a generated region without one is invisible to them."""
    from demo.dataset.names import PROVINCES, REGIONS
    from rwc.models import Province

    assert set(PROVINCES) == {slug for _, slug, _, _ in REGIONS} and set(PROVINCES.values()) <= set(Province.values)
    regions = list(dataset.generated_regions())
    assert regions and all(r.province == PROVINCES[r.code.removeprefix("gen-")] for r in regions)
