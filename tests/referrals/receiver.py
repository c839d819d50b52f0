"""A real webhook receiver on 127.0.0.1, and the signature check a partner runs."""
import base64
import hashlib
import hmac
import ssl
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer


class Receiver:
    """A real HTTP endpoint on 127.0.0.1 that can be down (nothing listening), failing (503) or up."""

    def __init__(self, tls: ssl.SSLContext | None = None):
        probe = HTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
        self.port = probe.server_address[1]
        probe.server_close()
        self.received, self.answer, self.server, self.tls = [], 200, None, tls

    @property
    def url(self):
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}/hooks/rwc"

    def start(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                owner.received.append((dict(self.headers.items()), body))
                self.send_response(owner.answer)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", self.port), Handler)
        if self.tls is not None:
            self.server.socket = self.tls.wrap_socket(self.server.socket, server_side=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


def verify(secret: str, headers: dict, body: bytes) -> bool:
    """The Standard Webhooks check a partner runs, written out independently of referrals.webhooks."""
    headers = {k.lower(): v for k, v in headers.items()}
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(base64.b64decode(secret[len("whsec_"):]), signed, hashlib.sha256).digest())
    return headers["webhook-signature"] == "v1," + expected.decode()
