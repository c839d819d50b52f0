"""Resilience runs (`python -m bench.resilience webhooks`): a partner organisation's webhook endpoint
at a loopback receiver, and `--referrals` referrals sent to it by the reader's desk (each on a consent
covering the partner), for the run to withdraw through the API while the receiver is up, down and
back. Written to --out as JSON with the sender's token and the endpoint's secret."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.models import Case
from clients.services import consent_record
from referrals.models import WebhookEndpoint
from referrals.services import referral_send
from referrals.webhook_urls import WebhookUrlRefused, clean_webhook_url
from referrals.webhooks import new_secret
from rwc import history
from rwc.models import PartnerOrganisation
from rwc.oauth import issue_staff_token

from .bench_prepare import busiest_counsellor


class Command(BaseCommand):
    help = "Prepare a webhook-outage run: an endpoint at --webhook-url and referrals to its organisation."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True)
        parser.add_argument("--webhook-url", required=True)
        parser.add_argument("--referrals", type=int, default=60)

    def handle(self, *args, out, webhook_url, referrals, **options):
        with history.command_context("resilience_prepare"):
            counsellor, desk = busiest_counsellor()
            partner = PartnerOrganisation.objects.filter(region=desk.region, is_active=True).order_by("id").first()
            if partner is None:
                raise CommandError(f"{desk.region} has no partner organisation.")
            # Only this run's endpoint: earlier runs' receivers are gone.
            WebhookEndpoint.objects.filter(organisation=partner, deactivated_at__isnull=True).update(
                deactivated_at=timezone.now())
            try:
                webhook_url = clean_webhook_url(webhook_url)
            except WebhookUrlRefused as exc:
                raise CommandError(f"--webhook-url: {exc.detail}") from None
            endpoint = WebhookEndpoint.objects.create(organisation=partner, url=webhook_url, secret=new_secret(),
                                                      description="resilience run")
            clients = (Case.objects.filter(owner=counsellor).exclude(status="closed")
                       .exclude(client__referrals__to_partner=partner).values_list("client", flat=True)
                       .distinct()[:referrals])
            sent = []
            for client in desk.registered_clients.filter(id__in=list(clients)):
                consent = consent_record(actor=counsellor, desk=desk, client=client, data={
                    "purpose": "Referral to the partner (resilience run)", "legal_basis": "consent",
                    "evidence": "signed", "data_categories": ["identity"], "partner_organisations": [partner]})
                referral = referral_send(actor=counsellor, client=client, from_desk=desk, to_partner=partner,
                                         consent=consent, data={"reason": "Resilience run", "service_requested": "Intake"})
                sent.append(str(referral.uuid))
        if not sent:
            raise CommandError(f"No client of {counsellor} is left to refer to {partner}: generate a fresh data set.")
        Path(out).write_text(json.dumps({"token": issue_staff_token(counsellor, hours=6), "referrals": sent,
                                         "endpoint": str(endpoint.uuid), "secret": endpoint.secret}, indent=2))
        self.stdout.write(f"{len(sent)} referrals to {partner}, endpoint {webhook_url}, in {out}")
