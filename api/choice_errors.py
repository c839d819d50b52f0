"""An `invalid_choice` error names the allowed values (issue 18), in the caller's language.

DRF's ChoiceField and MultipleChoiceField say only '"x" is not a valid choice.'; every choice field
of the API (declared or generated from a model) gets the longer message here, at start-up
(`ApiConfig.ready`), rather than a subclass that every serializer would have to remember.
"""
from django.utils.translation import gettext_lazy as _
from rest_framework import fields

INVALID_CHOICE = _('"{input}" is not a valid choice; use one of: {allowed}.')


def _fail(self, key, **kwargs):
    if key == "invalid_choice" and "allowed" not in kwargs:
        kwargs["allowed"] = ", ".join(str(value) for value in self.choices if value != "")
    return _drf_fail(self, key, **kwargs)


_drf_fail = fields.Field.fail


def install():
    for field_class in (fields.ChoiceField, fields.MultipleChoiceField):
        field_class.default_error_messages = {**field_class.default_error_messages, "invalid_choice": INVALID_CHOICE}
    fields.ChoiceField.fail = _fail
