"""API rate limits: per staff member, per partner application, and per address for anonymous calls.

DRF's throttles keep their request history in the Django cache (`CACHE_URL`), so with a shared
cache (Redis) the limit holds across every gunicorn worker. Exactly one of the three applies to a
request, by who the caller is; a throttled call is a 429 problem+json with `Retry-After`
(`api.problems.exception_handler`). Rates come from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`,
read on every request so tests (and settings overrides) can change them.
"""
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _Throttle(SimpleRateThrottle):
    def get_rate(self):
        # DRF binds the rates dict when the class is defined; read the live settings instead.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    @staticmethod
    def _is_partner(user) -> bool:
        return getattr(user, "is_partner", False)


class StaffRateThrottle(_Throttle):
    """A staff member (bearer token or session), keyed by the user, however many tokens they hold."""

    scope = "staff"

    def get_cache_key(self, request, view):
        user = request.user
        if user is None or not user.is_authenticated or self._is_partner(user):
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.pk}


class PartnerRateThrottle(_Throttle):
    """A partner system, keyed by its OAuth application: one system's burst never slows another."""

    scope = "partner"

    def get_cache_key(self, request, view):
        user = request.user
        if user is None or not self._is_partner(user):
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.partner_system.application_id}


class AnonymousRateThrottle(_Throttle):
    """Callers without credentials (the public OpenAPI document and its viewers), keyed by address."""

    scope = "anon"

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)  # none yet on a request refused before authentication
        if user is not None and user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def count_refused_request(request):
    """A request refused before authentication (a body too large or too deep: `api.bodies`) counts
    against its address's anonymous limit, whatever credentials it carries: nobody is authenticated
    yet. Returns the 429 problem response once the address is over the limit, else None."""
    import math

    from .problems import problem_response, throttled_detail

    throttle = AnonymousRateThrottle()
    if throttle.allow_request(request, None):
        return None
    wait = throttle.wait()
    response = problem_response(429, throttled_detail(wait), request=request)
    if wait is not None:
        response["Retry-After"] = str(max(math.ceil(wait), 1))
    return response
