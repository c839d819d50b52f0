"""Labour-market transitions, case outcomes and placement follow-ups. Thin: access through
clients.access and cases.access, rules in cases.transitions and cases.outcomes."""
import django_filters
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from cases import outcomes as outcome_rules
from cases import transitions as transition_rules
from cases.access import cases_visible_to, cases_workable_by
from cases.models import Case, Outcome, PlacementFollowUp, Transition
from clients.access import clients_visible_to
from rwc import processing
from rwc.errors import InvalidFields

from ..filters import StrictFilterSet
from ..idempotency import IdempotentPostMixin
from ..permissions import WorksWithClients
from ..serializers import outcomes as s
from .cases import workable_case
from .clients import workable_client

CONFLICT = OpenApiResponse(description="Conflicts with the current state; nothing was changed (problem+json).")
TRANSITION_RELATED = ("client", "case", "recorded_by")
OUTCOME_RELATED = ("case", "transition", "follow_up_recorded_by", "recorded_by")
LATER_FOLLOW_UPS = Prefetch("later_follow_ups", PlacementFollowUp.objects.select_related("recorded_by"))


class TransitionFilter(StrictFilterSet):
    kind = django_filters.ChoiceFilter(choices=transition_rules.TransitionKind.choices, method="filter_kind",
                                       help_text="school_to_work, benefit_to_work, job_to_job or to_education.")
    dateFrom = django_filters.DateFilter(field_name="date", lookup_expr="gte", help_text="On or after this date.")
    dateTo = django_filters.DateFilter(field_name="date", lookup_expr="lte", help_text="On or before this date.")
    desk = django_filters.UUIDFilter(
        method="filter_desk",
        help_text="Desk id: transitions recorded on a case of the desk, and those without a case of clients "
                  "the desk registered.",
    )

    class Meta:
        model = Transition
        fields = []

    def filter_kind(self, queryset, name, value):
        return transition_rules.transitions_of_kind(queryset, value)

    def filter_desk(self, queryset, name, value):
        return queryset.filter(Q(case__desk__uuid=value) | Q(case__isnull=True, client__registered_by_desk__uuid=value))


@extend_schema_view(list=extend_schema(summary="The client's labour-market transitions, oldest first",
                                       tags=["transitions"]))
class ClientTransitionViewSet(IdempotentPostMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [WorksWithClients]
    serializer_class = s.TransitionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Transition.objects.none()
        client = get_object_or_404(clients_visible_to(self.request.user), uuid=self.kwargs["id"])
        return client.transitions.select_related(*TRANSITION_RELATED).order_by("date", "id")

    @extend_schema(summary="Record a labour-market transition of the client", tags=["transitions"],
                   request=s.TransitionInputSerializer, responses={201: s.TransitionSerializer})
    def create(self, request, id=None):
        client = workable_client(self, id)
        payload = s.TransitionInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        case_id = data.pop("case", None)
        case = None
        if case_id is not None:
            case = cases_workable_by(request.user).select_related("desk").filter(uuid=case_id).first()
            if case is None:  # a case you may not work on does not exist, for you
                raise InvalidFields([("case", "does_not_exist", _("No case with this id that you work on."))])
        transition = transition_rules.transition_record(actor=request.user, client=client, data=data, case=case)
        transition = Transition.objects.select_related(*TRANSITION_RELATED).get(pk=transition.pk)
        return Response(s.TransitionSerializer(transition).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(
    summary="Transitions of the clients you may see, newest first, by kind, period and desk", tags=["transitions"]))
class TransitionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [WorksWithClients]
    serializer_class = s.TransitionSerializer
    filterset_class = TransitionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Transition.objects.none()
        return (transition_rules.transitions_visible_to(self.request.user).select_related(*TRANSITION_RELATED)
                .order_by("-date", "-id"))


@extend_schema_view(list=extend_schema(summary="What the case achieved: placements and credentials, oldest first",
                                       tags=["outcomes"]))
class CaseOutcomeViewSet(IdempotentPostMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [WorksWithClients]
    serializer_class = s.OutcomeSerializer

    def case(self) -> Case:
        case = get_object_or_404(cases_visible_to(self.request.user), uuid=self.kwargs["id"])
        processing.note_subject(case.client_id)  # a case's outcomes are its client's data
        return case

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Outcome.objects.none()
        return (Outcome.objects.filter(case=self.case()).select_related(*OUTCOME_RELATED)
                .prefetch_related(LATER_FOLLOW_UPS).order_by("date", "id"))

    def _fresh(self, outcome):
        return s.OutcomeSerializer(Outcome.objects.select_related(*OUTCOME_RELATED).prefetch_related(LATER_FOLLOW_UPS)
                                   .get(pk=outcome.pk)).data

    @extend_schema(
        summary="Record an outcome: a placement (its follow-up is scheduled) or a credential", tags=["outcomes"],
        request=s.OutcomeInputSerializer,
        responses={201: s.OutcomeSerializer, 409: OpenApiResponse(
            description="The case was closed longer ago than its programme's reopen period "
                        "(`case_closed_too_long`), or another outcome already rests on the transition "
                        "(`transition_already_used`); problem+json.")},
    )
    def create(self, request, id=None):
        case = workable_case(self, id)
        payload = s.OutcomeInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        transition_id = data.get("transition")
        if transition_id is not None:
            visible = transition_rules.transitions_visible_to(request.user)
            data["transition"] = visible.filter(uuid=transition_id).first()
            if data["transition"] is None:
                raise InvalidFields([("transition", "does_not_exist", _("No transition with this id that you may see."))])
        outcome = outcome_rules.outcome_record(actor=request.user, case=case, data=data)
        return Response(self._fresh(outcome), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record the placement's follow-up: is the client still in work?", tags=["outcomes"],
        request=s.FollowUpInputSerializer,
        responses={200: s.OutcomeSerializer, 409: OpenApiResponse(
            description="`months` names the follow-up point (12, 24 ... as the programme asks; default the first); "
                        "a month the placement has no point for is a 400 naming `months`. "
                        "Without `months`: the next point not yet recorded (every point recorded: "
                        "`follow_up_already_recorded`). "
                        "Already recorded (`follow_up_already_recorded`), not due yet: more than 14 days "
                        "before the due date (`follow_up_not_due`), or not a placement (`not_a_placement`); "
                        "problem+json.")},
    )
    def follow_up(self, request, id=None, outcome_id=None):
        case = workable_case(self, id)
        outcome = get_object_or_404(Outcome.objects.filter(case=case), uuid=outcome_id)
        payload = s.FollowUpInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        outcome = outcome_rules.follow_up_record(actor=request.user, outcome=outcome,
                                                 still_in_work=data["still_in_work"],
                                                 recorded_on=data.get("recorded_on"), months=data.get("months"))
        return Response(self._fresh(outcome))


@extend_schema_view(list=extend_schema(
    summary="Placement follow-ups past their due date and not recorded, of your desks' cases (oldest due first)",
    description="One row per placement with a follow-up point past due and not recorded: the first point or a later "
                "one (12, 24 months ...). `followUpDueOn` and `followUpMonths` name its oldest such point (the one "
                "the follow-up POST without `months` records), `followUpsOverdue` how many points are overdue. "
                "For a privacy officer: the region's, read only.", tags=["outcomes"]))
class FollowUpViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [WorksWithClients]
    serializer_class = s.FollowUpSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Outcome.objects.none()
        return (outcome_rules.follow_ups_overdue(self.request.user)
                .select_related("case__desk", "case__owner", "case__client", "transition")
                .order_by("overdue_due_on", "id"))
