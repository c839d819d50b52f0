"""Access-token lifetimes per client (OAUTH2_PROVIDER["ACCESS_TOKEN_EXPIRE_SECONDS"] is this callable).

Kept free of model imports: the settings module names it.
"""
WEB_CLIENT_APPLICATION = "rwc-web"


def access_token_seconds(request) -> int:
    """Short-lived tokens for the browser client (it refreshes), the configured lifetime for the rest."""
    from django.conf import settings

    client = getattr(request, "client", None)
    if client is not None and getattr(client, "name", None) == WEB_CLIENT_APPLICATION:
        return settings.WEB_CLIENT_ACCESS_TOKEN_SECONDS
    return settings.ACCESS_TOKEN_SECONDS
