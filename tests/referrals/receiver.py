"""A real webhook receiver on 127.0.0.1, and the signature check a partner runs."""
import base64
import hashlib
import hmac
import ssl
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer


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


class ThreadedReceiver:
    """A real HTTP endpoint on 127.0.0.1 answering requests in parallel, after `delay(n)` seconds for
    the n-th request (from 0); each arrival is kept as (webhook-id, headers, answered in time)."""

    def __init__(self, delay=lambda n: 0.0, timeout: float = 1.0):
        probe = HTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
        self.port = probe.server_address[1]
        probe.server_close()
        self.delay, self.timeout, self.server = delay, timeout, None
        self.arrivals, self.lock, self.in_flight = [], threading.Lock(), 0

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hooks/rwc"

    def start(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                import time

                self.rfile.read(int(self.headers["Content-Length"]))
                with owner.lock:
                    n = len(owner.arrivals)
                    owner.arrivals.append(None)
                    owner.in_flight += 1
                wait = owner.delay(n)
                try:
                    time.sleep(wait)
                    self.send_response(204)
                    self.end_headers()
                finally:
                    with owner.lock:
                        owner.in_flight -= 1
                        owner.arrivals[n] = (self.headers["webhook-id"], dict(self.headers.items()),
                                             wait < owner.timeout * 0.8)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def ids(self) -> list[str]:
        with self.lock:
            return [a[0] for a in self.arrivals if a is not None]

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
