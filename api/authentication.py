"""Bearer tokens (django-oauth-toolkit) for staff scripts and partner systems."""
from oauth2_provider.contrib.rest_framework import OAuth2Authentication

from rwc.oauth import PartnerPrincipal


class BearerAuthentication(OAuth2Authentication):
    """A staff token authenticates its user; a client-credentials token its partner system.

    A token bound to neither (e.g. a client-credentials token of an application that is not a
    registered partner system) authenticates nobody. The token comes with its user, application,
    partner system and organisation in one query (`rwc.oauth.Validator`).
    """

    www_authenticate_realm = "rwc"

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, token = result
        # loaded with the token (select_related): a missing one is None, without a query
        system = getattr(token.application, "partner_system", None) if token.application_id else None
        if system is not None:
            return PartnerPrincipal(system, token.scope.split()), token
        if user is not None and user.is_active and "staff" in token.scope.split():
            return user, token
        request.oauth2_error = {"error": "invalid_token", "error_description": "The token has no principal."}
        return None
