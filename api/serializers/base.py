"""Serializer helpers shared by the resource serializers."""
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from rwc import processing
from rwc.errors import RuleViolation


class NotesDataSubject:
    """Output that shows a client's data names the client in the processing log (rwc.processing):
    `subject_attr` is the instance's attribute holding the client's primary key."""

    subject_attr = "pk"

    def to_representation(self, instance):
        processing.note_subject(getattr(instance, self.subject_attr, None))
        return super().to_representation(instance)


class StrictInputMixin:
    """Unknown fields in a request body are a 400 naming them, not silently dropped; so is a number or
    a boolean where the document asks for text (DRF would turn 13 into "13")."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            writable = {name: f for name, f in self.fields.items() if not f.read_only}
            errors = {name: [serializers.ErrorDetail(_("Unknown field."), code="unknown_field")]
                      for name in sorted(set(data) - set(writable))}
            errors.update({name: [serializers.ErrorDetail(_("Give text here, in quotes."), code="not_a_string")]
                           for name, f in writable.items() if isinstance(f, serializers.CharField)
                           and data.get(name) is not None and not isinstance(data[name], str)})
            if errors:
                try:
                    super().to_internal_value(data)
                except serializers.ValidationError as exc:
                    errors = {**exc.detail, **errors}
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


def rule(cleaner):
    """A field validator that runs a domain cleaner: the rule lives in the domain, the API names the field."""

    def validate(self, value):
        try:
            return cleaner(value)
        except RuleViolation as exc:
            raise serializers.ValidationError(exc.detail, code=exc.code) from None

    return validate


class UserRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    display_name = serializers.CharField(read_only=True)


PHONE_PATTERN = r"^\+?[0-9 ()./-]{6,30}$"  # blank is allowed beside it


class PhoneField(serializers.CharField):
    """A phone number's shape, stated in the document (digits, spaces, `+ ( ) . / -`); whether it is a
    real number is the domain's rule (clients.normalise.phone)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("help_text", "Dutch (`030 123 4567`, `06-12345678`) or international (`+32 2 123 45 67`).")
        super().__init__(**kwargs)
        self.validators.append(RegexValidator(PHONE_PATTERN, _("Digits, spaces and + ( ) . / - only."), "invalid_phone"))


def describe_conditional_fields(serializer_class, selector: str, belongs_to: dict, required_for: dict | None = None):
    """Write the conditional rules of a body (which field goes with which value of `selector`, and
    which is then required) into the fields' descriptions: OpenAPI 3.0 has no if-then, and a
    partner's developer should read the rule in the document rather than learn it from a 400.
    `belongs_to` and `required_for` map snake_case field names to the values; they come from the
    domain's own tables, so the document follows the rule."""
    head, *rest = selector.split("_")
    selector = head + "".join(word.title() for word in rest)
    for name, values in belongs_to.items():
        field = serializer_class._declared_fields[name]
        text = f"Only with {selector} " + " or ".join(f"`{v}`" for v in values)
        required = (required_for or {}).get(name)
        if required:
            text += "; required with " + " or ".join(f"`{v}`" for v in required)
        text += " (else 400 naming this field)."
        field.help_text = f"{field.help_text} {text}" if field.help_text else text
        field._kwargs["help_text"] = field.help_text  # a serializer deep-copies its fields from their kwargs
