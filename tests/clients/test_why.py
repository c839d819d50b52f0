""""Who can see this client and why" agrees with the filter: over the demo data, for every client and
every staff member, the reasons in force for that person are non-empty exactly when the client is in
`clients_visible_to`. Includes the two cases that used to disagree: a grant whose consent has run
out, and a case opened on such a grant."""
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case, Programme
from cases.services import case_open
from clients.access import clients_visible_to
from clients.models import Client, ClientDeskGrant, Consent
from clients.services import client_grant_to_desk, consent_record
from clients.why import client_access_reasons, client_access_reasons_for, reasons_applying_to
from rwc.access import profile_for
from rwc.models import Desk, DeskKind, Region, RegionRole, StaffMembership, User

pytestmark = pytest.mark.django_db


def _grant_on_a_consent_that_ran_out():
    """A client of Midden-Utrecht's LWL, granted to its youth desk on a consent that later ran out,
    with a case the youth desk opened on that grant."""
    region = Region.objects.get(code="midden-utrecht")
    lwl, youth = (Desk.objects.get(region=region, kind=k) for k in (DeskKind.LEERWERKLOKET, DeskKind.YOUTH))
    client = Client.objects.filter(registered_by_desk=lwl).exclude(cases__desk=youth).first()
    counsellor = User.objects.filter(memberships__desk=lwl, memberships__ended_at__isnull=True).first()
    consent = consent_record(actor=counsellor, desk=lwl, client=client, data={
        "purpose": "Guidance by the youth desk", "legal_basis": "consent", "evidence": "signed",
        "data_categories": ["identity", "contact"], "desks": [youth], "partner_organisations": [],
        "valid_until": timezone.localdate() + timedelta(days=30)})
    grant = client_grant_to_desk(actor=counsellor, client=client, desk=youth, reason="Joint guidance", consent=consent)
    programme = next(p for p in Programme.objects.filter(is_active=True).order_by("pk") if DeskKind.YOUTH in p.desk_kinds)
    youth_counsellor = User.objects.filter(memberships__desk=youth, memberships__ended_at__isnull=True).first()
    case_open(actor=youth_counsellor, client=client, desk=youth, programme=programme, access_grant=grant)
    Consent.objects.filter(pk=consent.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    return client, youth


def test_the_reasons_given_are_non_empty_exactly_when_the_client_is_visible():
    call_command("seed_demo", "--clients-per-region", "8", "--quiet-logins")
    client, youth = _grant_on_a_consent_that_ran_out()
    youth_counsellor = User.objects.filter(memberships__desk=youth, memberships__ended_at__isnull=True).first()
    assert not clients_visible_to(youth_counsellor).filter(pk=client.pk).exists()
    assert client_access_reasons_for(youth_counsellor, client) == []
    listed = client_access_reasons(client)  # still listed, as no longer in force
    assert [r["active"] for r in listed if r["kind"] in ("grant", "case") and r["desk"] == youth] == [False, False]

    staff = User.objects.filter(pk__in=StaffMembership.objects.values("user")).union(
        User.objects.filter(pk__in=RegionRole.objects.values("user"))).order_by("pk")
    clients = list(Client.objects.select_related("registered_by_desk__merged_into").order_by("pk"))
    reasons = {c.pk: client_access_reasons(c) for c in clients}
    assert ClientDeskGrant.objects.exists() and Case.objects.filter(access_grant__isnull=False).exists()
    checked = disagreements = 0
    for person in staff:
        profile = profile_for(person)
        visible = set(clients_visible_to(person, as_set=True).values_list("pk", flat=True))
        for c in clients:
            checked += 1
            if bool(reasons_applying_to(profile, c, reasons[c.pk])) != (c.pk in visible):
                disagreements += 1
    assert checked > 1000
    assert disagreements == 0
