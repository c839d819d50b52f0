"""If-Match and ETag, one way for every versioned record (clients, cases, employers, vacancies):
the ETag is the record's `version`, and a stale If-Match is a 412 that changes nothing."""
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from rwc.errors import DomainError, PreconditionFailed


class PreconditionRequired(DomainError):
    status = 428
    code = "precondition_required"
    title = "If-Match is required"


def if_match_parameter(noun: str, *, required: bool = True) -> OpenApiParameter:
    optional = "" if required else " Optional: without it the change applies to the record as it is now."
    return OpenApiParameter(
        "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=required,
        description=f'The ETag of the {noun} as you last read it, e.g. "3". A stale one gets 412.{optional}',
    )


ETAG = OpenApiParameter("ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=True,
                        description="The version you read.")
STALE = OpenApiResponse(description="The record changed since you read it (If-Match); nothing was changed.")
MISSING = OpenApiResponse(description="If-Match is missing.")


def expected_version(request, noun: str, *, required: bool = True) -> int | None:
    """The version named by If-Match, or None for `*` (and for an optional one left out)."""
    header = (request.headers.get("If-Match") or "").strip()
    if not header:
        if required:
            raise PreconditionRequired(f"Send If-Match with the ETag of the {noun} as you read it.")
        return None
    if header == "*":
        return None
    value = header.removeprefix("W/").strip('"')
    if not value.isdigit():
        raise PreconditionFailed(f"If-Match does not hold an ETag of this {noun}.")
    return int(value)


def etag(record) -> dict:
    return {"ETag": f'"{record.version}"'}
