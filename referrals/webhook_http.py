"""One webhook POST to an address that was checked (`webhook_urls.delivery_target`).

It connects to that IP address itself, so no second DNS look-up can send it elsewhere, while the
request still names the host: the `Host` header and, for https, SNI and the certificate check are for
the host name. Plain `http.client`: no proxy from the environment (`HTTP_PROXY`, `HTTPS_PROXY`,
`ALL_PROXY`), no redirects followed (a 3xx is an answer like any other non-2xx), no cookies.
"""
import http.client
import socket
import ssl

from .webhook_urls import WebhookUrl

MAX_ANSWER_BYTES = 64 * 1024  # the answer's body is not used; read a little so the connection ends cleanly


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        try:
            self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def post_pinned(url: WebhookUrl, address: str, body: bytes, headers: dict, timeout: float) -> int:
    """POST `body` to `url` through a connection to `address`; the answer's status code. Raises
    OSError (refused, time-out, TLS) or http.client.HTTPException (a malformed answer)."""
    kind = _PinnedHTTPSConnection if url.scheme == "https" else _PinnedHTTPConnection
    connection = kind(url.host, url.port, address=address, timeout=timeout)
    try:
        connection.request("POST", url.target, body=body, headers=headers)
        response = connection.getresponse()
        response.read(MAX_ANSWER_BYTES)
        return response.status
    finally:
        connection.close()
