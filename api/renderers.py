"""JSON in camelCase; errors as application/problem+json."""
from djangorestframework_camel_case.render import CamelCaseJSONRenderer as _CamelCaseJSONRenderer


class CamelCaseJSONRenderer(_CamelCaseJSONRenderer):
    charset = None  # JSON is UTF-8 by definition (RFC 8259)


class ProblemJSONRenderer(CamelCaseJSONRenderer):
    """Lets a client that asks for `Accept: application/problem+json` still be served."""

    media_type = "application/problem+json"
    format = "problem+json"
