"""Domain errors. The domain raises these; the API turns them into problem+json responses.

Their messages are marked with gettext_lazy where they are written, so an answer is in the
caller's language (LocaleMiddleware); codes stay English.
"""
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A business rule said no. `field` names the offending input where there is one; `subjects`
    the clients (primary keys) whose data the answer shows, for the processing log (a 409 listing
    duplicate candidates): an error answer is logged with exactly these, and without any is not."""

    status = 400
    code = "invalid"
    title = _("The request breaks a business rule")

    def __init__(self, detail: str, *, field: str | None = None, code: str | None = None, extra=None,
                 subjects=()):
        super().__init__(detail)
        self.detail = detail
        self.field = field
        if code:
            self.code = code
        self.extra = extra or {}
        self.subjects = list(subjects)


class RuleViolation(DomainError):
    """Input that is well-formed but not allowed (400)."""


class NotFound(DomainError):
    status = 404
    code = "not_found"
    title = _("Not found")


class Conflict(DomainError):
    """An illegal state change, or a clash with what is already stored (409)."""

    status = 409
    code = "conflict"
    title = _("Conflict with the current state")


class PreconditionFailed(DomainError):
    status = 412
    code = "precondition_failed"
    title = _("The record changed since you read it")


class InvalidFields(RuleViolation):
    """Several fields broke rules at once: `errors` is a list of (field, code, message)."""

    def __init__(self, errors: list[tuple[str, str, str]]):
        super().__init__(_("The request has invalid fields; see invalidParams."), code="invalid")
        self.errors = errors


class NotAllowed(DomainError):
    """The caller may see the record but not make this change (403)."""

    status = 403
    code = "not_allowed"
    title = _("You may not do this")


def one_of(choices) -> str:
    """The allowed values for the reason of an `invalid_choice` error: a TextChoices class's values,
    or the keys of a mapping, comma-separated."""
    values = choices.values if hasattr(choices, "values") and not isinstance(choices, dict) else choices
    return ", ".join(str(value) for value in values)
