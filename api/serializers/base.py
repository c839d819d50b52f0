"""Serializer helpers shared by the resource serializers."""
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
            errors = {name: [serializers.ErrorDetail("Unknown field.", code="unknown_field")]
                      for name in sorted(set(data) - set(writable))}
            errors.update({name: [serializers.ErrorDetail("Give text here, in quotes.", code="not_a_string")]
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
