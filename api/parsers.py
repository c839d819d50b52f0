"""The API's JSON parser: camelCase keys to snake_case, within the body limits of `api.bodies`.

`RequestBodyLimitMiddleware` already refuses what breaks them before authentication; the parser
holds to the same limits for a body that reaches it another way (a test's request factory, a route
outside the middleware), so a deep or huge body is never handed to `json.loads` and the recursive
key conversion.
"""
import json

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from djangorestframework_camel_case.parser import CamelCaseJSONParser as _CamelCaseJSONParser
from djangorestframework_camel_case.util import underscoreize
from rest_framework.exceptions import APIException, ErrorDetail, ParseError, ValidationError

from .bodies import MAX_JSON_DEPTH, body_limit, json_nesting_exceeds


class RequestBodyTooLarge(APIException):
    status_code = 413
    default_detail = _("The request body is too large.")
    default_code = "too_large"


def _refuse_constant(name: str):
    """`NaN`, `Infinity` and `-Infinity` are not JSON (RFC 8259): Python's json reads them unless told not to."""
    raise ValueError(f"{name} is not a JSON value")


class CamelCaseJSONParser(_CamelCaseJSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = body_limit()
        raw = (stream.read() if limit is None else stream.read(limit + 1)) if stream is not None else b""
        if limit is not None and len(raw) > limit:
            raise RequestBodyTooLarge(_("The request body is larger than %(limit)s bytes.") % {"limit": limit})
        if json_nesting_exceeds(raw):
            reason = _("Arrays and objects nest at most %(depth)s levels deep.") % {"depth": MAX_JSON_DEPTH}
            raise ValidationError({"non_field_errors": [ErrorDetail(reason, code="too_deep")]})
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(raw.decode(encoding), parse_constant=_refuse_constant)
        except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            raise ParseError(_("The request body is not valid JSON: %(error)s") % {"error": exc}) from None
        return underscoreize(data, **self.json_underscoreize)
