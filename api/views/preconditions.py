"""If-Match and ETag, one way for every versioned record (clients, cases, employers, vacancies):
the ETag is the record's `version`, and a stale If-Match is a 412 that changes nothing."""
import re

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from rwc.errors import DomainError, PreconditionFailed


class PreconditionRequired(DomainError):
    status = 428
    code = "precondition_required"
    title = _("If-Match is required")


# The records a message names, with their article (Dutch nouns differ in it: de cliënt, het traject).
_THE_NOUN = {
    "case": _("the case"),
    "client": _("the client"),
    "employer": _("the employer"),
    "vacancy": _("the vacancy"),
    "matching event": _("the matching event"),
    "service": _("the service"),
    "question": _("the question"),
}


def the_noun(noun: str) -> str:
    return str(_THE_NOUN.get(noun, noun))


def if_match_parameter(noun: str, *, required: bool = True) -> OpenApiParameter:
    optional = "" if required else " Optional: without it the change applies to the record as it is now."
    return OpenApiParameter(
        "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=required,
        description=(f'The ETag of the {noun} as you last read it, e.g. "3" (or a list of ETags, or *). Compared '
                     f'strongly: a weak ETag (W/"3"), a stale or a malformed one gets 412.{optional}'),
    )


ETAG = OpenApiParameter("ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=True,
                        description="The version you read.")
STALE = OpenApiResponse(description="The record changed since you read it (If-Match); nothing was changed.")
MISSING = OpenApiResponse(description="If-Match is missing.")


# RFC 9110 section 8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text;
# If-Match = "*" / #entity-tag (a comma-separated list, empty elements allowed).
_LIST_ITEM = re.compile(r'[ \t]*(?:(W/)?"([\x21\x23-\x7e\x80-\xff]*)")?[ \t]*(?:,|\Z)')
_VERSION = re.compile(r"[0-9]{1,18}")  # ASCII digits only, and short enough for a bigint
MAX_IF_MATCH = 1024


def parse_if_match(header: str) -> list[tuple[bool, str]] | None:
    """The entity tags of an If-Match value as (weak, opaque) pairs; None when it is not a valid list."""
    if len(header) > MAX_IF_MATCH:
        return None
    tags, pos = [], 0
    while pos < len(header):
        match = _LIST_ITEM.match(header, pos)
        if match is None:
            return None
        if match.group(2) is not None:
            tags.append((match.group(1) is not None, match.group(2)))
        pos = match.end()
    return tags


def versions_named(header: str) -> set[int]:
    """The record versions an If-Match value names. Comparison is strong (RFC 9110 13.1.1): a weak
    tag never matches; nor do garbage, non-ASCII digits or over-long numbers (no int() of them)."""
    return {int(opaque) for weak, opaque in parse_if_match(header) or () if not weak and _VERSION.fullmatch(opaque)}


def expected_version(request, record, noun: str, *, required: bool = True) -> int | None:
    """The version If-Match holds the caller to, or None for `*` (and for an optional one left out).

    If-Match matches when one of its strong ETags is the record's version; then that version is
    returned and the domain checks it again under the row lock. Anything else (stale, weak,
    malformed) is a 412: the condition is false, and nothing is changed.
    """
    header = (request.headers.get("If-Match") or "").strip(" \t")
    if not header:
        if required:
            raise PreconditionRequired(_("Send If-Match with the ETag of %(noun)s as you read it.")
                                       % {"noun": the_noun(noun)})
        return None
    if header == "*":
        return None
    if record.version not in versions_named(header):
        raise PreconditionFailed(_("If-Match does not hold the current ETag of %(noun)s; fetch it again and retry.")
                                 % {"noun": the_noun(noun)})
    return record.version


def etag(record) -> dict:
    return {"ETag": f'"{record.version}"'}
