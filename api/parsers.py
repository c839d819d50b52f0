"""The API's JSON parser: camelCase keys to snake_case, within the body limits of `api.bodies`.

`RequestBodyLimitMiddleware` already refuses what breaks them before authentication; the parser
holds to the same limits for a body that reaches it another way (a test's request factory, a route
outside the middleware), so a deep or huge body is never handed to `json.loads` and the recursive
key conversion.
"""
from django.utils.translation import gettext_lazy as _
from djangorestframework_camel_case.parser import CamelCaseJSONParser as _CamelCaseJSONParser
from rest_framework.exceptions import APIException, ErrorDetail, ValidationError

from .bodies import MAX_JSON_DEPTH, body_limit, json_nesting_exceeds


class RequestBodyTooLarge(APIException):
    status_code = 413
    default_detail = _("The request body is too large.")
    default_code = "too_large"


class _Limited:
    """The body, read once and at most one byte past the limit."""

    def __init__(self, raw: bytes):
        self.raw = raw

    def read(self, *args):
        return self.raw


class CamelCaseJSONParser(_CamelCaseJSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = body_limit()
        raw = (stream.read() if limit is None else stream.read(limit + 1)) if stream is not None else b""
        if limit is not None and len(raw) > limit:
            raise RequestBodyTooLarge(_("The request body is larger than %(limit)s bytes.") % {"limit": limit})
        if json_nesting_exceeds(raw):
            reason = _("Arrays and objects nest at most %(depth)s levels deep.") % {"depth": MAX_JSON_DEPTH}
            raise ValidationError({"non_field_errors": [ErrorDetail(reason, code="too_deep")]})
        return super().parse(_Limited(raw), media_type, parser_context)
