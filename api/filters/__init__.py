"""Query filters. Keys are camelCase (NL GOV ADR); each filtered column has an index."""
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from cases.choices import CaseStatus
from cases.models import Case
from clients import normalise
from clients.choices import EducationLevel, TargetGroup
from clients.models import Client
from referrals.choices import ReferralStatus
from referrals.models import DeliveryStatus, Referral, WebhookDelivery
from rwc.models import Desk, DeskKind, PartnerKind, PartnerOrganisation


class StrictBooleanField(forms.Field):
    """Only `true` or `false`: anything else is a 400, never quietly "no filter"."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).lower()
        if text in ("true", "false"):
            return text == "true"
        raise ValidationError(_("Use true or false."), code="invalid")


class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class StrictFilterSet(django_filters.FilterSet):
    """An empty or repeated filter is a 400, not silently ignored: `?region=` is a mistake."""

    def is_valid(self):
        valid = super().is_valid()
        for name in self.filters:
            values = self.data.getlist(name) if name in self.data else []
            if any(value == "" for value in values):
                self.form.add_error(name, ValidationError(_("Give a value, or leave the parameter out."), code="blank"))
                valid = False
            elif len(values) > 1:
                self.form.add_error(name, ValidationError(_("Give this parameter once."), code="repeated"))
                valid = False
        self._name_allowed_choices()
        return valid

    def _name_allowed_choices(self):
        """An unknown value of a choice filter names the allowed ones, as a body's choice field does.

        The values go in as params, not pre-formatted: django-filter applies `message % params` once more,
        and a caller's `%` in the value would otherwise break that (a 500 the fuzzer found)."""
        for name, errors in list(self.form.errors.as_data().items()):
            field = self.form.fields.get(name)
            if not hasattr(field, "choices") or not any(e.code == "invalid_choice" for e in errors):
                continue
            allowed = ", ".join(str(value) for value, _label in field.choices if value != "")
            self.form.errors[name] = self.form.error_class([
                ValidationError(_('"%(value)s" is not a valid choice; use one of: %(allowed)s.'), code="invalid_choice",
                                params={"value": (e.params or {}).get("value", ""), "allowed": allowed})
                if e.code == "invalid_choice" else e
                for e in errors
            ])


class DeskFilter(StrictFilterSet):
    region = django_filters.UUIDFilter(field_name="region__uuid", help_text="Region id.")
    kind = django_filters.ChoiceFilter(choices=DeskKind.choices)
    isActive = BooleanFilter(field_name="is_active")

    class Meta:
        model = Desk
        fields = []


class PartnerOrganisationFilter(StrictFilterSet):
    region = django_filters.UUIDFilter(field_name="region__uuid", help_text="Home region id.")
    kind = django_filters.ChoiceFilter(choices=PartnerKind.choices)

    class Meta:
        model = PartnerOrganisation
        fields = []


POSTCODE_QUERY_PATTERN = "^[1-9][0-9]{3} ?[A-Za-z]{2}$"
POSTCODE_QUERY_RE = re.compile(POSTCODE_QUERY_PATTERN)


class _SearchTextField(forms.CharField):
    """Free search text: NUL and other odd characters are simply not searched for (fold() drops
    them) rather than refused, so the documented plain string is all a caller needs to know."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = [v for v in self.validators if type(v).__name__ != "ProhibitNullCharactersValidator"]


@extend_schema_field({"type": "string", "minLength": 1, "maxLength": 100})
class NameFilter(django_filters.CharFilter):
    field_class = _SearchTextField


@extend_schema_field({"type": "string", "pattern": POSTCODE_QUERY_PATTERN})
class PostcodeFilter(django_filters.CharFilter):
    pass


class ClientFilter(StrictFilterSet):
    """Each column has an index: the folded name a trigram GIN index (PostgreSQL), the rest b-trees."""

    name = NameFilter(
        method="filter_name", max_length=100, help_text="Words of the name; case and accents do not matter."
    )
    birthDate = django_filters.DateFilter(field_name="birth_date")
    postcode = PostcodeFilter(method="filter_postcode", help_text="A Dutch postcode, e.g. 3511 AB or 3511ab.")
    educationLevel = django_filters.ChoiceFilter(field_name="education_level", choices=EducationLevel.choices)
    targetGroup = django_filters.ChoiceFilter(field_name="target_groups__code", choices=TargetGroup.choices)
    desk = django_filters.UUIDFilter(field_name="registered_by_desk__uuid", help_text="Registering desk id.")

    class Meta:
        model = Client
        fields = []

    def filter_name(self, queryset, name, value):
        folded = normalise.fold(value)
        if not folded:  # nothing searchable (only punctuation, or a script we do not fold): no match
            return queryset.none()
        for word in folded.split():
            queryset = queryset.filter(name_search__contains=word)
        return queryset

    def filter_postcode(self, queryset, name, value):
        postcode = normalise.postcode(value) if POSTCODE_QUERY_RE.fullmatch(value) else None
        if postcode is None:
            raise _bad("postcode", "A Dutch postcode is four digits and two letters.", "invalid_postcode")
        return queryset.filter(postcode=postcode)


def _bad(name: str, message: str, code: str):
    from rest_framework.exceptions import ErrorDetail
    from rest_framework.exceptions import ValidationError as DRFValidationError

    return DRFValidationError({name: [ErrorDetail(message, code=code)]})


class CaseFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices)
    desk = django_filters.UUIDFilter(field_name="desk__uuid")
    programme = django_filters.UUIDFilter(field_name="programme__uuid")
    owner = django_filters.UUIDFilter(field_name="owner__uuid")
    client = django_filters.UUIDFilter(field_name="client__uuid")

    class Meta:
        model = Case
        fields = []


class ReferralFilter(StrictFilterSet):
    """`box=inbox|outbox` from the caller's desks; `overdue=true`: requested and past the answer time."""

    box = django_filters.ChoiceFilter(choices=[("inbox", "inbox"), ("outbox", "outbox")], method="filter_box")
    status = django_filters.ChoiceFilter(choices=ReferralStatus.choices)
    overdue = BooleanFilter(method="filter_overdue")
    desk = django_filters.UUIDFilter(method="filter_desk", help_text="Sent from or to this desk.")

    class Meta:
        model = Referral
        fields = []

    def filter_box(self, queryset, name, value):
        return queryset.inbox(self.request.user) if value == "inbox" else queryset.outbox(self.request.user)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset.not_overdue()

    def filter_desk(self, queryset, name, value):
        return queryset.filter(Q(from_desk__uuid=value) | Q(to_desk__uuid=value))


class WebhookDeliveryFilter(StrictFilterSet):
    """The delivery log by status, endpoint or referral (indexed: endpoint+status, the event's referral)."""

    status = django_filters.ChoiceFilter(choices=DeliveryStatus.choices)
    endpoint = django_filters.UUIDFilter(field_name="endpoint__uuid")
    referral = django_filters.UUIDFilter(field_name="event__referral__uuid")

    class Meta:
        model = WebhookDelivery
        fields = []
