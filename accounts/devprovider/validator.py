from oauth2_provider.oauth2_validators import OAuth2Validator

from .people import amr_of


class Validator(OAuth2Validator):
    """The claims a real provider sends: sub (the username here), e-mail, name, and `amr`."""

    oidc_claim_scope = None  # every claim below, whatever the scopes

    def get_additional_claims(self, request):
        user = request.user
        return {"sub": user.username, "email": user.email, "email_verified": True,
                "name": user.get_full_name(), "amr": amr_of(user)}
