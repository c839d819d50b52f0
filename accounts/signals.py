"""Sign-outs, wherever they happen (our page or the admin's): the security log, and the web client's tokens revoked."""
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from .security import security_event
from .webclient import web_client_tokens_revoke


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is None:
        return
    revoked = web_client_tokens_revoke(user)
    security_event("signout", request, user=user, web_client_tokens_revoked=revoked)
