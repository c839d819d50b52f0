"""The public web client: OAuth2 authorization code with PKCE (django-oauth-toolkit), no secret.

A browser application signs the person in here (/signin/), gets a code at /oauth/authorize and a
short-lived access token (WEB_CLIENT_ACCESS_TOKEN_SECONDS) with a refresh token at /oauth/token.
Signing out ends the session and revokes every token the web client holds for that person.
"""
from oauth2_provider.models import AccessToken, Application, RefreshToken

from .lifetimes import WEB_CLIENT_APPLICATION


def web_client_register(*, redirect_uris: list[str], allowed_origins: list[str] = ()) -> Application:
    """Create or update the one web-client application; returns it (its client_id is public)."""
    app, _ = Application.objects.update_or_create(
        name=WEB_CLIENT_APPLICATION,
        defaults={
            "client_type": Application.CLIENT_PUBLIC,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "redirect_uris": " ".join(redirect_uris),
            "allowed_origins": " ".join(allowed_origins),
            "skip_authorization": True,  # our own client: no consent screen
            "client_secret": "",
            "hash_client_secret": False,
        },
    )
    return app


def web_client_tokens_revoke(user) -> int:
    """Revoke the web client's refresh and access tokens of this person; how many access tokens went."""
    for refresh in RefreshToken.objects.filter(user=user, application__name=WEB_CLIENT_APPLICATION, revoked__isnull=True):
        refresh.revoke()
    tokens = AccessToken.objects.filter(user=user, application__name=WEB_CLIENT_APPLICATION)
    count = tokens.count()
    for token in tokens:
        token.revoke()
    return count
