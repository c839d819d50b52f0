"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what arrives, for the digest tests."""
import email
import socket
import time
from email.policy import default

from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address: str):
        return [m for rcpt, m in self.messages if any(address in r for r in rcpt)]

    def wait_for(self, address: str, limit: float = 60):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.to(address):
                return self.to(address)
            time.sleep(0.2)
        return []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()
