"""What one request costs in queries, with the real bearer-token path (issue 21): the token and its
principal in one query, the access profile in one, the processing log in one statement. The
counts are pinned: a change that adds a query per request has to say so here."""
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rwc import organisation
from rwc.audit_models import ProcessingOperation, ProcessingSubject
from rwc.models import RegionRole, RegionRoleKind, StaffMembership, User

from ..helpers import count_queries


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, [q["sql"] for q in ctx.captured_queries]


def test_client_detail_costs_five_queries(api, world):
    """Token with user (1), profile (1), client with desk and registrar (1), target groups (1), log (1)."""
    assert count_queries(api("counsellor"), f"/api/v1/clients/{world.client_a.uuid}") == 5


def test_client_list_costs_six_queries(api, world):
    """Token (1), profile (1), page ids with the count (1), the page's rows (1), target groups (1), log (1)."""
    assert count_queries(api("counsellor"), "/api/v1/clients?pageSize=25") == 6


def test_a_partner_token_brings_its_system_and_organisation_along(api, world):
    """The partner system and its organisation come with the token: no lookup of their own."""
    response, sql = _get(api("partner"), "/api/v1/referrals?pageSize=5")
    assert response.status_code == 200
    assert not [q for q in sql if '"rwc_partnersystem"' in q and "oauth2_provider_accesstoken" not in q]
    assert len([q for q in sql if "oauth2_provider_accesstoken" in q]) == 1


def test_the_processing_log_is_one_statement_and_loses_no_row(api, world):
    before = ProcessingOperation.objects.count()
    response, sql = _get(api("counsellor"), "/api/v1/clients?pageSize=25")
    shown = {r["id"] for r in response.json()["results"]}
    writes = [q for q in sql if "rwc_processing" in q]
    assert len(writes) == 1 and not [q for q in sql if q in ("BEGIN", "COMMIT")]
    op = ProcessingOperation.objects.get(pk__gt=0, id=ProcessingOperation.objects.latest("id").id)
    assert ProcessingOperation.objects.count() == before + 1 and op.subject_count == len(shown) > 0
    assert {str(u) for u in ProcessingSubject.objects.filter(operation=op).values_list("client_uuid", flat=True)} == shown


def test_an_ended_membership_takes_effect_on_the_next_request_with_the_same_token(api, world):
    counsellor = api("counsellor")
    url = f"/api/v1/clients/{world.client_a.uuid}"
    assert counsellor.get(url).status_code == 200
    user = User.objects.get(username="midden-rmt-counsellor")
    organisation.membership_end(StaffMembership.objects.get(user=user, desk=world.rmt_a, ended_at__isnull=True))
    assert counsellor.get(url).status_code in (403, 404)  # no desk left: no client work at all


def test_an_ended_region_role_takes_effect_on_the_next_request_with_the_same_token(api, world):
    manager = api("manager")
    url = f"/api/v1/reports/placements?period=2025&region={world.region_a.uuid}"
    assert manager.get(url).status_code == 200
    organisation.region_role_end(RegionRole.objects.get(user__username="midden-manager", role=RegionRoleKind.MANAGER,
                                                        ended_at__isnull=True))
    assert manager.get(url).status_code in (403, 404)


def test_a_write_still_records_who_and_why_in_the_history(api, world):
    from clients.models import Client

    counsellor = api("counsellor")
    client = world.client_a
    response = counsellor.patch(f"/api/v1/clients/{client.uuid}", {"city": "Zeist"}, format="json",
                                HTTP_IF_MATCH=f'"{client.version}"')
    assert response.status_code == 200, response.content
    change = Client.objects.get(pk=client.pk).changes.order_by("-pgh_id").first()
    assert change.pgh_context.metadata["username"] == "midden-rmt-counsellor"
    assert change.pgh_context.metadata["channel"] == "api" and change.pgh_context.metadata["method"] == "PATCH"
