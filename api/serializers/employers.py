"""Employers, their contact log, vacancies, candidate proposals and job seekers' work wishes as the
API shows them. Input serializers check shape; the rules live in employers.employers,
clients.job_wishes, employers.vacancies and employers.proposals, which name the offending field."""
from rest_framework import serializers

from cases.choices import ContractType, EmployerInstrument, Position
from cases.models import InstrumentUse
from clients.choices import EducationLevel, Sector
from employers import employers as employer_rules
from employers.choices import EmployerContactKind, MatchKind, ProposalStatus, SizeClass, VacancyStatus
from employers.models import (
    Employer,
    EmployerContact,
    MatchingEvent,
    MatchingEventMatch,
    MatchingEventRegistration,
    Proposal,
    Vacancy,
)
from rwc.models import Desk

from .base import PhoneField, StrictInputMixin, UserRefSerializer, rule
from .cases import ClientRefSerializer
from .organisation import DeskRefSerializer, RegionRefSerializer


class LocationSerializer(StrictInputMixin, serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True)
    city = serializers.CharField(max_length=80)


class ContactPersonSerializer(StrictInputMixin, serializers.Serializer):
    name = serializers.CharField(max_length=120)
    role = serializers.CharField(max_length=120, required=False, allow_blank=True)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)
    phone = PhoneField()


class EmployerRefSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)

    class Meta:
        model = Employer
        fields = ["id", "trade_name", "kvk_number"]
        read_only_fields = fields


class EmployerListSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    managing_desk = DeskRefSerializer(read_only=True)

    class Meta:
        model = Employer
        fields = ["id", "kvk_number", "trade_name", "sector", "size_class", "sbb_recognised", "managing_desk"]
        read_only_fields = fields


class EmployerSerializer(EmployerListSerializer):
    region = RegionRefSerializer(read_only=True)
    locations = LocationSerializer(many=True, read_only=True)
    contact_persons = ContactPersonSerializer(many=True, read_only=True)
    registered_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta(EmployerListSerializer.Meta):
        fields = EmployerListSerializer.Meta.fields + [
            "region", "locations", "contact_persons", "registered_by", "registered_at", "updated_at", "version",
        ]
        read_only_fields = fields


class EmployerInputSerializer(StrictInputMixin, serializers.Serializer):
    kvk_number = serializers.CharField(max_length=12, help_text="Eight digits; unique within the region.")
    trade_name = serializers.CharField(max_length=200)
    sector = serializers.ChoiceField(choices=Sector.choices)
    size_class = serializers.ChoiceField(choices=SizeClass.choices)
    locations = LocationSerializer(many=True, required=False, max_length=employer_rules.MAX_LOCATIONS)
    contact_persons = ContactPersonSerializer(many=True, required=False,
                                              max_length=employer_rules.MAX_CONTACT_PERSONS)
    sbb_recognised = serializers.BooleanField(required=False, help_text="SBB recognises it as a learning company.")
    managing_desk = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Desk.objects.filter(is_active=True), required=False,
        help_text="The WSP desk of the region that manages the relation; default: yours.")

    validate_kvk_number = rule(employer_rules.clean_kvk_number)
    validate_locations = rule(employer_rules.clean_locations)
    validate_contact_persons = rule(employer_rules.clean_contact_persons)


class EmployerCreateSerializer(EmployerInputSerializer):
    desk = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Desk.objects.filter(is_active=True), required=False,
        help_text="The WSP desk you register for; needed only when you work at more than one.")


class EmployerContactSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)
    recorded_by_desk = DeskRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = EmployerContact
        fields = ["id", "at", "kind", "summary", "contact_person", "follow_up_on", "recorded_by", "recorded_by_desk",
                  "recorded_at"]
        read_only_fields = fields


class EmployerContactInputSerializer(StrictInputMixin, serializers.Serializer):
    at = serializers.DateTimeField(required=False, help_text="Default: now; not in the future.")
    kind = serializers.ChoiceField(choices=EmployerContactKind.choices)
    summary = serializers.CharField(max_length=5000)
    contact_person = serializers.CharField(max_length=120, required=False, allow_blank=True)
    follow_up_on = serializers.DateField(required=False, allow_null=True)


# --- vacancies -----------------------------------------------------------------------------------


class VacancySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    employer = EmployerRefSerializer(read_only=True)
    places_filled = serializers.IntegerField(read_only=True, help_text="Candidates hired.")
    posted_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Vacancy
        fields = ["id", "employer", "title", "occupation", "sector", "hours_per_week", "education_level", "city",
                  "postcode", "places", "places_filled", "description", "status", "status_changed_at", "posted_at",
                  "posted_by", "version"]
        read_only_fields = fields


class VacancyInputSerializer(StrictInputMixin, serializers.Serializer):
    title = serializers.CharField(max_length=200)
    occupation = serializers.CharField(max_length=120)
    sector = serializers.ChoiceField(choices=Sector.choices)
    hours_per_week = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=60,
                                              help_text="More than 0, at most 60.")
    education_level = serializers.ChoiceField(choices=EducationLevel.choices, required=False, allow_blank=True,
                                              help_text="The minimum level asked; blank: none.")
    city = serializers.CharField(max_length=80)
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True)
    places = serializers.IntegerField(min_value=1, max_value=500, required=False, help_text="Default 1.")
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class VacancyCreateSerializer(VacancyInputSerializer):
    employer = serializers.UUIDField(help_text="An employer of your region.")


class VacancyMoveSerializer(StrictInputMixin, serializers.Serializer):
    status = serializers.ChoiceField(choices=VacancyStatus.choices,
                                     help_text="open -> filled | closed; filled -> open | closed.")


# --- proposals -----------------------------------------------------------------------------------


class ProposalSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    vacancy = serializers.UUIDField(source="vacancy.uuid", read_only=True)
    client = ClientRefSerializer(read_only=True)
    proposed_by = UserRefSerializer(read_only=True, allow_null=True)
    proposed_by_desk = DeskRefSerializer(read_only=True)
    consent = serializers.UUIDField(source="consent.uuid", read_only=True, help_text="The consent it rests on.")
    placement = serializers.UUIDField(source="placement.uuid", read_only=True, allow_null=True, default=None,
                                      help_text="The placement outcome a hire recorded.")
    case = serializers.UUIDField(source="placement.case.uuid", read_only=True, allow_null=True, default=None,
                                 help_text="The case the placement was recorded on.")

    class Meta:
        model = Proposal
        fields = ["id", "vacancy", "client", "status", "note", "consent", "proposed_at", "proposed_by",
                  "proposed_by_desk", "status_changed_at", "placement", "case"]
        read_only_fields = fields


class ProposalInputSerializer(StrictInputMixin, serializers.Serializer):
    client = serializers.UUIDField(help_text="A client you may see whose consent covers your desk and the employer.")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ProposalMoveSerializer(StrictInputMixin, serializers.Serializer):
    status = serializers.ChoiceField(choices=ProposalStatus.choices,
                                     help_text="proposed -> invited | rejected; invited -> hired | rejected.")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    date = serializers.DateField(required=False, help_text="Hire: the first working day (not in the future).")
    contract_type = serializers.ChoiceField(choices=ContractType.choices, required=False, help_text="Hire.")
    hours_per_week = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=60,
                                              required=False, help_text="Hire; default: the vacancy's hours.")
    case = serializers.UUIDField(required=False, help_text="Hire: the case the placement goes on; default: the "
                                                           "client's newest open case at your desk.")
    from_position = serializers.ChoiceField(choices=Position.choices, required=False,
                                            help_text="Hire: the client's position before; default: the last known.")


class ShortlistClientSerializer(ClientRefSerializer):
    education_level = serializers.ChoiceField(choices=EducationLevel.choices, read_only=True, allow_blank=True)
    city = serializers.CharField(read_only=True)
    postcode = serializers.CharField(read_only=True)


# --- job wishes ----------------------------------------------------------------------------------


class JobWishSerializer(serializers.Serializer):
    client = serializers.UUIDField()
    sectors = serializers.ListField(child=serializers.ChoiceField(choices=Sector.choices))
    min_hours = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    max_hours = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    available_from = serializers.DateField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)


class JobWishInputSerializer(StrictInputMixin, serializers.Serializer):
    sectors = serializers.ListField(child=serializers.ChoiceField(choices=Sector.choices), min_length=1,
                                    max_length=len(Sector.values))
    min_hours = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=60)
    max_hours = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=60,
                                         help_text="Not below minHours.")
    available_from = serializers.DateField(required=False, allow_null=True)


# --- matching events -----------------------------------------------------------------------------


class MatchingEventSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    organising_desk = DeskRefSerializer(read_only=True)
    sectors = serializers.ListField(child=serializers.ChoiceField(choices=Sector.choices), read_only=True)
    employers = EmployerRefSerializer(many=True, read_only=True)

    class Meta:
        model = MatchingEvent
        fields = ["id", "name", "date", "place", "sectors", "organising_desk", "employers", "created_at"]
        read_only_fields = fields


class MatchingEventInputSerializer(StrictInputMixin, serializers.Serializer):
    name = serializers.CharField(max_length=200)
    date = serializers.DateField()
    place = serializers.CharField(max_length=200)
    sectors = serializers.ListField(child=serializers.ChoiceField(choices=Sector.choices), min_length=1,
                                    max_length=len(Sector.values))
    employers = serializers.ListField(child=serializers.UUIDField(), required=False, max_length=200,
                                      help_text="Participating employers of your region.")


class ParticipatingEmployerInputSerializer(StrictInputMixin, serializers.Serializer):
    employer = serializers.UUIDField(help_text="An employer of the event's region.")


class RegistrationSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    client = ClientRefSerializer(read_only=True)
    registered_by_desk = DeskRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = MatchingEventRegistration
        fields = ["id", "client", "registered_at", "registered_by_desk", "attended"]
        read_only_fields = fields


class RegistrationInputSerializer(StrictInputMixin, serializers.Serializer):
    client = serializers.UUIDField(help_text="A client your desk works with.")
    desk = serializers.UUIDField(required=False, help_text="The desk you act for; needed only when you work at "
                                                           "more than one.")


class AttendanceInputSerializer(StrictInputMixin, serializers.Serializer):
    attended = serializers.BooleanField()


class MatchSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    registration = serializers.UUIDField(source="registration.uuid", read_only=True)
    client = ClientRefSerializer(source="registration.client", read_only=True)
    employer = EmployerRefSerializer(read_only=True)
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = MatchingEventMatch
        fields = ["id", "registration", "client", "employer", "kind", "note", "recorded_by", "recorded_at"]
        read_only_fields = fields


class MatchInputSerializer(StrictInputMixin, serializers.Serializer):
    registration = serializers.UUIDField(help_text="The attendee's registration.")
    employer = serializers.UUIDField(help_text="A participating employer.")
    kind = serializers.ChoiceField(choices=MatchKind.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


# --- employer instruments ------------------------------------------------------------------------


class InstrumentUseSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    placement = serializers.UUIDField(source="placement.uuid", read_only=True)
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = InstrumentUse
        fields = ["id", "placement", "instrument", "start_on", "end_on", "first_end_on", "extended_at",
                  "intended_contract_months", "wage_value_percentage", "note", "recorded_by", "recorded_at"]
        read_only_fields = fields


class InstrumentUseInputSerializer(StrictInputMixin, serializers.Serializer):
    instrument = serializers.ChoiceField(choices=EmployerInstrument.choices)
    start_on = serializers.DateField(help_text="On or after the placement's date.")
    end_on = serializers.DateField(help_text="After startOn, within the instrument's longest term.")
    intended_contract_months = serializers.IntegerField(
        min_value=0, max_value=600, required=False, allow_null=True,
        help_text="Proefplaatsing only: the contract the employer intends afterwards (at least 6 months).")
    wage_value_percentage = serializers.IntegerField(
        min_value=1, max_value=99, required=False, allow_null=True,
        help_text="Loonkostensubsidie only: the assessed wage value.")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class InstrumentExtensionInputSerializer(StrictInputMixin, serializers.Serializer):
    end_on = serializers.DateField(help_text="The new last day, within the instrument's extended term.")
