"""The local OpenID provider (accounts.devprovider) as a second process, for the tests' real redirect flow."""
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "rwc-test"
CLIENT_SECRET = "rwc-test-secret-2026"
PASSWORD = "provider-pass-2026!"


@dataclass
class Provider:
    issuer: str

    def configure(self, settings):
        """Point the service's single sign-on at this provider (discovery through OIDC_ISSUER)."""
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_ISSUER = self.issuer


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_provider(redirect_uris, people, log_path):
    """Start `python -m accounts.devprovider`; wait (bounded) until its discovery document answers."""
    port = _free_port()
    command = [sys.executable, "-m", "accounts.devprovider", "--port", str(port), "--client-id", CLIENT_ID,
               "--client-secret", CLIENT_SECRET]
    for uri in redirect_uris:
        command += ["--redirect-uri", uri]
    for sub, email, amr in people:
        command += ["--person", f"{sub}:{PASSWORD}:{email}:{amr}"]
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        issuer = f"http://127.0.0.1:{port}/o"
        for _ in range(300):
            if process.poll() is not None:
                raise RuntimeError(f"the provider stopped: {Path(log_path).read_text()[-2000:]}")
            try:
                if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the provider did not come up")
        yield Provider(issuer=issuer)
    finally:
        process.terminate()
        process.wait(timeout=10)


def sign_in_at_provider(client, provider: Provider, sub: str, password: str = PASSWORD, start="/signin/oidc/start"):
    """The redirect flow with Django's test client on our side and HTTP on the provider's: returns our
    callback's response."""
    start_response = client.get(start)
    assert start_response.status_code == 302, start_response.content[:300]
    browser = requests.Session()
    to_login = browser.get(start_response["Location"], allow_redirects=False)
    assert to_login.status_code == 302, to_login.text[:300]
    login_url = urljoin(to_login.url, to_login.headers["Location"])
    page = browser.get(login_url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    nxt = re.search(r'name="next" value="([^"]*)"', page.text).group(1).replace("&amp;", "&")
    signed = browser.post(login_url, data={"username": sub, "password": password, "next": nxt,
                                           "csrfmiddlewaretoken": token}, allow_redirects=False)
    assert signed.status_code == 302, signed.text[:300]
    back = browser.get(urljoin(login_url, signed.headers["Location"]), allow_redirects=False)
    assert back.status_code == 302, back.text[:300]
    callback = back.headers["Location"]
    assert callback.startswith("http://testserver/signin/oidc/callback?"), callback
    return client.get(callback.removeprefix("http://testserver"))
