"""Webhook addresses (referrals.webhook_urls, referrals.webhook_http, referrals.delivery): one partner's
endpoint can neither break the worker that delivers for everybody nor make the work centre call into
a private network. Addresses are checked strictly when registered and again at every delivery; the
delivery resolves the name once, refuses non-public answers, connects to the address it checked
(the Host header, SNI and certificate still for the name), and takes no proxy from the environment."""
import datetime
import json
import logging
import os
import ssl
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from referrals import delivery, webhook_urls
from referrals.models import DeliveryStatus, Referral, WebhookDelivery, WebhookEndpoint
from referrals.webhooks import new_secret
from tests.helpers import invalid_names, problem
from tests.referrals.receiver import Receiver, verify

ROOT = Path(__file__).resolve().parents[2]


def register(api, url):
    return api("partner").post("/api/v1/webhooks", {"url": url}, format="json")


def expire_and_deliver(world):
    """The referral's expiry writes an event for each of the partner's endpoints; the worker's second
    pass delivers them."""
    Referral.objects.filter(pk=world.referral_in_a.pk).update(answer_due_at=timezone.now() - timedelta(minutes=1))
    call_command("run_worker", "--once")
    call_command("run_worker", "--once")


@pytest.fixture
def fake_dns(monkeypatch):
    """Replaces only the resolver the delivery uses; records what it was asked."""
    answers, asked = {}, []

    def resolve(host, port):
        asked.append((host, port))
        return answers[host]

    monkeypatch.setattr(webhook_urls, "resolve", resolve)
    return answers, asked


# Registration ------------------------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("url, code", [
    ("http://127.0.0.1:9/hook with space", "invalid_characters"),
    ("https://hooks.example.org/rwc ", "invalid_characters"),
    (" https://hooks.example.org/rwc", "invalid_characters"),
    ("http://127.0.0.1:9/hook\r\nX-Injected: 1", "invalid_characters"),
    ("https://hooks.example.org/rwc\n", "invalid_characters"),
    ("https://hooks.example.org/\trwc", "invalid_characters"),
    ("https://hooks.example.org/r\x7fwc", "invalid_characters"),
    ("https://bücher.example/rwc", "invalid_characters"),
    ("https://user:pw@hooks.example.org/rwc", "credentials"),
    ("https://user@hooks.example.org/rwc", "credentials"),
    ("https://hooks.example.org/rwc#top", "fragment"),
    ("ftp://hooks.example.org/rwc", "not_https"),
    ("javascript:alert(1)", "invalid_url"),
    ("hooks.example.org/rwc", "invalid_url"),
    ("https:///rwc", "invalid_host"),
    ("https://:443/rwc", "invalid_host"),
    ("https://hooks..example.org/rwc", "invalid_host"),
    ("https://-hooks.example.org/rwc", "invalid_host"),
    ("https://127.1/rwc", "invalid_host"),  # a resolver reads these as 127.0.0.1
    ("https://2130706433/rwc", "invalid_host"),
    ("https://0x7f.1/rwc", "invalid_host"),
    ("https://[::1/rwc", "invalid_host"),
    ("https://[fe80::1%25eth0]/rwc", "invalid_host"),
    ("https://hooks.example.org:99999/rwc", "invalid_port"),
    ("https://hooks.example.org:0/rwc", "invalid_port"),
    ("https://hooks.example.org:/rwc", "invalid_port"),
    ("https://hooks.example.org:44x/rwc", "invalid_port"),
    ("https://hooks.example.org/r%zzwc", "invalid_url"),
    ("https://hooks.example.org/r<w>c", "invalid_url"),
    ("https://hooks.example.org/" + "a" * 480, "max_length"),
])
def test_a_malformed_address_is_refused_naming_url_and_nothing_is_stored(api, world, url, code):
    assert django_settings.WEBHOOK_ALLOW_INSECURE, "the test settings allow http; the syntax rules hold anyway"
    before = WebhookEndpoint.objects.count()
    answer = problem(register(api, url), 400)
    assert invalid_names(answer) == {"url"}
    assert answer["invalidParams"][0]["code"] == code, answer
    assert WebhookEndpoint.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("url, code", [
    ("http://hooks.example.org/rwc", "not_https"),
    ("HTTP://hooks.example.org/rwc", "not_https"),
    ("https://127.0.0.1/rwc", "not_public"),
    ("https://10.1.2.3/rwc", "not_public"),
    ("https://192.168.0.10:8443/rwc", "not_public"),
    ("https://169.254.169.254/latest/meta-data", "not_public"),
    ("https://100.64.0.1/rwc", "not_public"),
    ("https://0.0.0.0/rwc", "not_public"),
    ("https://224.0.1.1/rwc", "not_public"),
    ("https://[::1]/rwc", "not_public"),
    ("https://[fd00::1]/rwc", "not_public"),
    ("https://[fe80::1]/rwc", "not_public"),
    ("https://[::ffff:127.0.0.1]/rwc", "not_public"),
    ("https://[2002:7f00:1::]/rwc", "not_public"),  # 6to4 carrying 127.0.0.1
    ("https://localhost/rwc", "not_public"),
    ("https://api.localhost/rwc", "not_public"),
])
def test_in_production_http_and_literal_non_public_addresses_are_refused(api, world, settings, url, code):
    settings.WEBHOOK_ALLOW_INSECURE = False
    before = WebhookEndpoint.objects.count()
    answer = problem(register(api, url), 400)
    assert invalid_names(answer) == {"url"} and answer["invalidParams"][0]["code"] == code
    assert WebhookEndpoint.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("url, stored", [
    ("HTTPS://Hooks.Example.ORG:8443/a/b;v=1?x=1&y=%20z/?", "https://hooks.example.org:8443/a/b;v=1?x=1&y=%20z/?"),
    ("https://hooks.example.org", "https://hooks.example.org"),
    ("https://93.184.216.34/rwc", "https://93.184.216.34/rwc"),
    ("https://[2606:2800:220:1:248:1893:25c8:1946]/rwc", "https://[2606:2800:220:1:248:1893:25c8:1946]/rwc"),
    ("https://xn--bcher-kva.example/rwc", "https://xn--bcher-kva.example/rwc"),
])
def test_in_production_a_public_https_address_is_accepted_with_scheme_and_host_in_lower_case(
        api, world, settings, url, stored):
    settings.WEBHOOK_ALLOW_INSECURE = False
    response = register(api, url)
    assert response.status_code == 201, response.content
    assert response.json()["url"] == stored
    assert WebhookEndpoint.objects.get(uuid=response.json()["id"]).url == stored


@pytest.mark.django_db
def test_the_model_form_check_uses_the_same_rules(world):
    from django.core.exceptions import ValidationError
    for url, code in [("https://user@hooks.example.org/rwc", "credentials"),  # Django's URLValidator lets it by
                      ("http://127.0.0.1:9/hook with space", "invalid_characters")]:
        endpoint = WebhookEndpoint(organisation=world.partner_a, url=url, secret=new_secret())
        with pytest.raises(ValidationError) as caught:
            endpoint.full_clean()
        assert code in {error.code for error in caught.value.error_dict["url"]}


# The worker --------------------------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("bad_url", [
    "http://127.0.0.1:9/hook with space",
    "http://127.0.0.1:9/hook\r\nX-Injected: 1",
    "http://[::1:9/hook",  # urlsplit raises ValueError
    "http://127.0.0.1:99999/hook",
    "ftp://127.0.0.1/hook",
])
def test_an_endpoint_stored_with_a_bad_address_does_not_stop_the_worker(api, world, receiver, caplog, capsys,
                                                                        bad_url):
    bad = WebhookEndpoint.objects.create(organisation=world.partner_a, url=bad_url, secret=new_secret())
    good = register(api, receiver.url).json()  # after the bad one, so its delivery comes second in the batch
    receiver.start()
    with caplog.at_level(logging.WARNING, logger="referrals.delivery"):
        expire_and_deliver(world)

    assert [json.loads(body)["data"]["status"] for _, body in receiver.received] == ["expired"]
    assert verify(good["secret"], *receiver.received[0])
    failed = WebhookDelivery.objects.get(endpoint=bad)
    assert failed.status == DeliveryStatus.FAILED and failed.attempts == 1, "no retry can mend the address"
    assert "refused" in failed.attempt_log.get().error
    assert any(str(failed.uuid) in r.getMessage() for r in caplog.records), "the refusal is logged"
    assert capsys.readouterr().out.count("referral(s) expired") == 2, "housekeeping ran in both passes"


@pytest.mark.django_db
def test_an_unforeseen_error_in_one_delivery_is_logged_and_the_next_delivery_goes_on(api, world, receiver,
                                                                                     monkeypatch, caplog):
    """Whatever a delivery raises (a library bug, a malformed answer) is a failed attempt, not a dead worker."""
    first = register(api, receiver.url.replace("/hooks/rwc", "/first")).json()
    register(api, receiver.url)
    receiver.start()
    real = delivery.post_pinned

    def post_pinned(url, *args, **kwargs):
        if url.target == "/first":
            raise RuntimeError("something nobody foresaw")
        return real(url, *args, **kwargs)

    monkeypatch.setattr(delivery, "post_pinned", post_pinned)
    with caplog.at_level(logging.WARNING, logger="referrals.delivery"):
        expire_and_deliver(world)
    assert len(receiver.received) == 1
    broken = WebhookDelivery.objects.get(endpoint__uuid=first["id"])
    assert broken.status == DeliveryStatus.PENDING and broken.attempts == 1, "tried again after the back-off"
    assert broken.attempt_log.get().error == "RuntimeError: something nobody foresaw"
    assert any(r.exc_info and str(broken.uuid) in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_a_failing_duty_is_logged_and_the_other_duties_still_run(world, monkeypatch, caplog):
    from rwc.management.commands import run_worker

    def broken():
        raise RuntimeError("delivery bug")

    monkeypatch.setattr(run_worker, "deliver_due", broken)
    Referral.objects.filter(pk=world.referral_in_a.pk).update(answer_due_at=timezone.now() - timedelta(minutes=1))
    with caplog.at_level(logging.ERROR, logger="rwc.worker"):
        call_command("run_worker", "--once")
    world.referral_in_a.refresh_from_db()
    assert world.referral_in_a.status == "expired"
    assert any("webhook deliveries" in r.getMessage() and r.exc_info for r in caplog.records)


# Resolution, pinning, proxies --------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("addresses", [
    ["10.0.0.7"], ["127.0.0.1"], ["169.254.169.254"], ["::1"], ["::ffff:10.0.0.1"], ["fd12:3456::1"],
    ["93.184.216.34", "192.168.1.1"],  # one public answer does not excuse the other
])
def test_in_production_a_name_resolving_to_a_non_public_address_is_refused_at_delivery(
        api, world, settings, fake_dns, caplog, addresses):
    settings.WEBHOOK_ALLOW_INSECURE = False
    answers, asked = fake_dns
    answers["hooks.partner.example"] = addresses
    assert register(api, "https://hooks.partner.example/rwc").status_code == 201, "names are judged at delivery"
    with caplog.at_level(logging.WARNING, logger="referrals.delivery"):
        expire_and_deliver(world)
    item = WebhookDelivery.objects.get(endpoint__url="https://hooks.partner.example/rwc")
    assert asked == [("hooks.partner.example", 443)]
    assert item.status == DeliveryStatus.FAILED and item.attempts == 1
    error = item.attempt_log.get().error
    assert "not public" in error and addresses[-1] in error
    assert any(str(item.uuid) in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_a_name_that_does_not_resolve_is_tried_again_later(api, world, monkeypatch):
    import socket
    assert register(api, "https://gone.partner.example/rwc").status_code == 201

    def nxdomain(host, port):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(webhook_urls, "resolve", nxdomain)
    expire_and_deliver(world)
    item = WebhookDelivery.objects.get(endpoint__url="https://gone.partner.example/rwc")
    assert item.status == DeliveryStatus.PENDING and item.attempts == 1
    assert "gaierror" in item.attempt_log.get().error


@pytest.mark.django_db
def test_the_delivery_connects_to_the_checked_address_and_names_the_host(api, world, receiver, fake_dns):
    answers, asked = fake_dns
    answers["hooks.partner.example"] = ["127.0.0.1"]  # no real DNS knows this name: only the pinned address works
    url = f"http://hooks.partner.example:{receiver.port}/hooks/rwc?source=rwc"
    assert register(api, url).status_code == 201
    receiver.start()
    expire_and_deliver(world)
    assert len(receiver.received) == 1 and asked == [("hooks.partner.example", receiver.port)], "one look-up"
    headers = {k.lower(): v for k, v in receiver.received[0][0].items()}
    assert headers["host"] == f"hooks.partner.example:{receiver.port}"
    assert WebhookDelivery.objects.get(endpoint__url=url).status == DeliveryStatus.DELIVERED


@pytest.mark.django_db
def test_a_redirect_is_not_followed(api, world, receiver):
    register(api, receiver.url)
    receiver.start()
    receiver.answer = 307
    expire_and_deliver(world)
    item = WebhookDelivery.objects.get(endpoint__url=receiver.url)
    assert len(receiver.received) == 1 and item.status == DeliveryStatus.PENDING
    assert item.attempt_log.get().status_code == 307


def _certificate(tmp_path, name):
    """A self-signed certificate for `name`: (certificate file, key file)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(hours=1))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@pytest.mark.django_db
@pytest.mark.parametrize("certificate_for, delivered", [("hooks.partner.example", True),
                                                         ("elsewhere.example", False)])
def test_https_checks_the_certificate_for_the_host_name_while_connecting_to_the_checked_address(
        api, world, fake_dns, tmp_path, monkeypatch, certificate_for, delivered):
    cert_file, key_file = _certificate(tmp_path, certificate_for)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert_file))  # trust this one certificate (OpenSSL reads it per context)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert_file, key_file)
    server = Receiver(tls=tls)
    answers, _ = fake_dns
    answers["hooks.partner.example"] = ["127.0.0.1"]
    url = f"https://hooks.partner.example:{server.port}/hooks/rwc"
    assert register(api, url).status_code == 201
    server.start()
    try:
        expire_and_deliver(world)
    finally:
        server.stop()
    item = WebhookDelivery.objects.get(endpoint__url=url)
    if delivered:
        assert item.status == DeliveryStatus.DELIVERED and len(server.received) == 1
    else:  # a TLS failure is a failed attempt in the log, tried again later; the worker goes on
        assert item.status == DeliveryStatus.PENDING and server.received == []
        assert "CERTIFICATE_VERIFY_FAILED" in item.attempt_log.get().error


_SEND_ONE = """
import django; django.setup()
from referrals import delivery
from referrals.models import OutboxEvent, WebhookDelivery, WebhookEndpoint
from referrals.webhooks import new_secret
endpoint = WebhookEndpoint(url={url!r}, secret=new_secret())
print(delivery._post(WebhookDelivery(endpoint=endpoint, event=OutboxEvent(payload={{"type": "test"}})), "00-" + "1" * 32 + "-" + "2" * 16 + "-01"))
"""


def test_proxy_settings_in_the_environment_are_ignored(receiver):
    """In a fresh process, as the worker starts: HTTP_PROXY and friends set, the delivery still goes
    straight to the endpoint, and the 'proxy' hears nothing."""
    proxy = Receiver()
    receiver.start()
    proxy.start()
    try:
        proxy_url = f"http://127.0.0.1:{proxy.port}"
        env = {k: v for k, v in os.environ.items() if k.lower() != "no_proxy"}
        env.update({name: proxy_url for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
                                                 "ALL_PROXY", "all_proxy")})
        env.update(DJANGO_SETTINGS_MODULE="rwc.settings.test", WEBHOOK_ALLOW_INSECURE="true")
        result = subprocess.run([sys.executable, "-c", _SEND_ONE.format(url=receiver.url)], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
    finally:
        proxy.stop()
    assert proxy.received == [], "nothing went through the proxy"
    assert len(receiver.received) == 1, result.stdout
