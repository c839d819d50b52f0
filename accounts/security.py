"""The security log (`rwc.security`, not the processing log): sign-ins, failures, 2FA enrolment, sign-outs.

Names, methods and reasons only: never a password, a one-time code, a recovery code or a token.
"""
import logging

from api.lockout import client_ip

logger = logging.getLogger("rwc.security")


def security_event(event: str, request, *, user=None, **fields) -> None:
    """One line: the event, whose account (a username only once it names a real account), the address."""
    who = getattr(user, "username", None) or "-"
    details = "".join(f" {k}={v}" for k, v in fields.items())
    logger.info("%s user=%s ip=%s%s", event, who, client_ip(request), details)
