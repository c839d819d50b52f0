"""Labour-market transitions, outcomes and placement follow-ups as the API shows them.

Input serializers check shape only (types, choices, lengths); the rules (dates bound to birth and
case, details bound to the position or kind, the hours range) live in cases.transitions and
cases.outcomes, which name the offending field.
"""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases import outcomes as outcome_rules
from cases import transitions as transition_rules
from cases.choices import ContractType, EmployerInstrument, LearningRoute, OutcomeKind, Position, Source
from cases.models import Case, Outcome, PlacementFollowUp, Transition
from clients.choices import Benefit, EducationLevel, Sector

from .base import StrictInputMixin, UserRefSerializer, describe_conditional_fields, rule
from .cases import ClientRefSerializer
from .organisation import DeskRefSerializer

# --- transitions ---------------------------------------------------------------------------------


class TransitionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    client = ClientRefSerializer(read_only=True)
    case = serializers.UUIDField(source="case.uuid", read_only=True, allow_null=True, default=None,
                                 help_text="The case it was recorded on, if any.")
    kinds = serializers.SerializerMethodField(help_text="The kinds of transition it counts as.")
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Transition
        fields = [
            "id", "client", "case", "date", "from_position", "to_position", "kinds", "contract_type",
            "hours_per_week", "employer_name", "sector", "occupation", "institution", "education_programme",
            "education_level", "learning_route", "benefit", "source", "verified", "recorded_by", "recorded_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(
        child=serializers.ChoiceField(choices=transition_rules.TransitionKind.choices)))
    def get_kinds(self, transition):
        return transition_rules.kinds_of(transition)


class TransitionInputSerializer(StrictInputMixin, serializers.Serializer):
    """Record a transition. Work details only with a new position in work, education details only
    with education, the benefit only with "unemployed with a benefit"."""

    date = serializers.DateField(help_text="Not in the future, not before the client's birth date.")
    from_position = serializers.ChoiceField(choices=Position.choices)
    to_position = serializers.ChoiceField(
        choices=Position.choices, help_text="Differs from fromPosition, except employed -> employed (a job change).")
    case = serializers.UUIDField(required=False, allow_null=True, help_text="A case of this client at your desk.")
    source = serializers.ChoiceField(choices=Source.choices, help_text="Who reported it.")
    verified = serializers.BooleanField(required=False, default=False)
    contract_type = serializers.ChoiceField(choices=ContractType.choices, required=False, allow_blank=True)
    hours_per_week = serializers.DecimalField(max_digits=4, decimal_places=1, required=False, allow_null=True,
                                              min_value=0, max_value=60, help_text="0 to 60.")
    employer_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False, allow_blank=True,
                                     help_text="Of the job: the fixed sector list employers and vacancies use.")
    occupation = serializers.CharField(max_length=120, required=False, allow_blank=True)
    institution = serializers.CharField(max_length=200, required=False, allow_blank=True)
    education_programme = serializers.CharField(max_length=200, required=False, allow_blank=True)
    education_level = serializers.ChoiceField(choices=EducationLevel.choices, required=False, allow_blank=True)
    learning_route = serializers.ChoiceField(choices=LearningRoute.choices, required=False, allow_blank=True)
    benefit = serializers.ChoiceField(choices=Benefit.choices, required=False, allow_blank=True,
                                      help_text="Not `none`.")

    validate_hours_per_week = rule(transition_rules.clean_hours_per_week)


describe_conditional_fields(TransitionInputSerializer, "to_position", transition_rules.FIELD_POSITIONS)


# --- outcomes ------------------------------------------------------------------------------------


class LaterFollowUpSerializer(serializers.ModelSerializer):
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = PlacementFollowUp
        fields = ["months", "due_on", "recorded_at", "recorded_by", "still_in_work"]
        read_only_fields = fields


class OutcomeSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    case = serializers.UUIDField(source="case.uuid", read_only=True)
    transition = serializers.UUIDField(source="transition.uuid", read_only=True, allow_null=True, default=None)
    follow_up_status = serializers.SerializerMethodField()
    follow_up_recorded_by = UserRefSerializer(read_only=True, allow_null=True)
    work_processes = serializers.ListField(child=serializers.CharField(), read_only=True)
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)
    later_follow_ups = LaterFollowUpSerializer(
        many=True, read_only=True,
        help_text="A placement's later follow-up points (12, 24 months ...), as its programme asks; the first "
                  "point is `followUpDueOn` and its neighbours.")

    class Meta:
        model = Outcome
        fields = [
            "id", "case", "kind", "date", "transition", "instrument", "follow_up_due_on", "follow_up_status",
            "follow_up_recorded_at", "follow_up_recorded_by", "still_in_work", "crebo_code", "qualification_title",
            "work_processes", "learning_company", "learning_company_sbb_recognised", "school", "sector", "recorded_by",
            "recorded_at", "later_follow_ups",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=outcome_rules.FollowUpStatus.choices))
    def get_follow_up_status(self, outcome):
        return outcome_rules.follow_up_status(outcome)


class OutcomeInputSerializer(StrictInputMixin, serializers.Serializer):
    """Record an outcome. A placement names its transition into work; a praktijkverklaring its crebo
    code, qualification, work processes, learning company (and SBB recognition) and school; a
    diploma or certificate its qualification."""

    kind = serializers.ChoiceField(choices=OutcomeKind.choices)
    date = serializers.DateField(help_text="Not in the future, not before the case was opened.")
    transition = serializers.UUIDField(required=False, allow_null=True,
                                       help_text="Placement: the client's transition into work.")
    instrument = serializers.ChoiceField(choices=EmployerInstrument.choices, required=False, allow_blank=True,
                                         help_text="Placement: the employer instrument used, if any.")
    crebo_code = serializers.CharField(max_length=5, required=False, allow_blank=True, help_text="Five digits.")
    qualification_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    work_processes = serializers.ListField(child=serializers.CharField(max_length=200, allow_blank=True),
                                           required=False, max_length=50)
    learning_company = serializers.CharField(max_length=200, required=False, allow_blank=True)
    learning_company_sbb_recognised = serializers.BooleanField(required=False, allow_null=True, default=None)
    school = serializers.CharField(max_length=200, required=False, allow_blank=True)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False, allow_blank=True,
                                     help_text="Praktijkverklaring, diploma, certificate: the qualification's sector.")


describe_conditional_fields(OutcomeInputSerializer, "kind", outcome_rules.FIELD_KINDS, outcome_rules.REQUIRED_FOR)


class FollowUpInputSerializer(StrictInputMixin, serializers.Serializer):
    still_in_work = serializers.BooleanField(help_text="Is the placed client still in work?")
    recorded_on = serializers.DateField(required=False, help_text="When the follow-up was done; default today.")
    months = serializers.IntegerField(
        required=False, min_value=1, max_value=60,
        help_text="Which follow-up point: the months after the placement (12, 24 ...); default the first.")


class CaseRefSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    desk = DeskRefSerializer(read_only=True)
    owner = UserRefSerializer(read_only=True)

    class Meta:
        model = Case
        fields = ["id", "status", "desk", "owner"]
        read_only_fields = fields


class FollowUpSerializer(serializers.ModelSerializer):
    """A placement with an overdue follow-up point: the placement, its case and client, the oldest overdue point."""

    id = serializers.UUIDField(source="uuid", read_only=True, help_text="The placement (outcome) id.")
    case = CaseRefSerializer(read_only=True)
    client = ClientRefSerializer(source="case.client", read_only=True)
    transition = serializers.UUIDField(source="transition.uuid", read_only=True, allow_null=True, default=None)
    follow_up_due_on = serializers.DateField(
        source="overdue_due_on", read_only=True,
        help_text="The due date of the placement's oldest follow-up point past due and not recorded.")
    follow_up_months = serializers.IntegerField(
        source="overdue_months", read_only=True, help_text="Which point that is: months after the placement.")
    follow_ups_overdue = serializers.IntegerField(
        source="overdue_points", read_only=True,
        help_text="How many of the placement's follow-up points are past due and not recorded.")

    class Meta:
        model = Outcome
        fields = ["id", "case", "client", "date", "transition", "instrument", "follow_up_due_on", "follow_up_months",
                  "follow_ups_overdue"]
        read_only_fields = fields
