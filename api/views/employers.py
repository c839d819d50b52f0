"""Employers (with the WSP's contact log), vacancies, candidate proposals, the shortlist, and job
seekers' work wishes. Thin: access in employers.employers, employers.vacancies and employers.proposals,
rules in the domain services."""
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from clients import job_wishes
from clients.access import clients_visible_to
from employers import employers as employer_rules
from employers import proposals as proposal_rules
from employers import vacancies as vacancy_rules
from employers.choices import ProposalStatus
from employers.models import Employer, Proposal, Vacancy
from employers.shortlist import shortlist
from rwc import processing
from rwc.errors import InvalidFields, RuleViolation

from ..filters.employers import EmployerFilter, VacancyFilter
from ..idempotency import IdempotentPostMixin
from ..permissions import EmployerServices, WorksWithClients, WspOnly
from ..serializers import employers as s
from .base import UUID_REGEX, get_workable
from .clients import workable_client
from .preconditions import ETAG, MISSING, STALE, etag, expected_version, if_match_parameter

CONFLICT = OpenApiResponse(description="Conflicts with the current state; nothing was changed (problem+json).")
IF_MATCH = if_match_parameter("record")
PATCH_RESPONSES = {412: STALE, 428: MISSING, 409: CONFLICT}


def wsp_desk(request, region_id: int):
    """The caller's WSP desk in the record's region (the permission made sure it has one somewhere)."""
    desk = employer_rules.wsp_desk_in(request.user, region_id)
    if desk is None:  # a WSP desk of another region: the record is not theirs to change
        raise RuleViolation(_("You work at no WSP desk of this region."), field="desk", code="not_your_desk")
    return desk


def _lookup(queryset, value, field):
    found = queryset.filter(uuid=value).first() if value is not None else None
    if found is None:
        raise InvalidFields([(field, "does_not_exist", _("No such record that you may use."))])
    return found


# --- employers -----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Employers of your region", tags=["employers"]),
    retrieve=extend_schema(summary="One employer", tags=["employers"], parameters=[ETAG]),
)
class EmployerViewSet(IdempotentPostMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [EmployerServices]
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_REGEX

    filterset_class = EmployerFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Employer.objects.none()
        qs = employer_rules.employers_visible_to(self.request.user).select_related("managing_desk")
        if self.action == "list":
            return qs.order_by("trade_name", "id")
        return qs.select_related("region", "registered_by")

    def get_serializer_class(self):
        return s.EmployerListSerializer if self.action == "list" else s.EmployerSerializer

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _fresh(self, employer, **kwargs):
        employer = self.get_queryset().get(pk=employer.pk)
        return Response(s.EmployerSerializer(employer).data, headers=etag(employer), **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._fresh(self.get_object())

    @extend_schema(summary="Register an employer (WSP staff)", tags=["employers"], request=s.EmployerCreateSerializer,
                   responses={201: s.EmployerSerializer, 409: OpenApiResponse(
                       description="The KvK number is already registered in the region (`duplicate_kvk`).")})
    def create(self, request):
        payload = s.EmployerCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        desk = data.pop("desk", None)
        wsp = employer_rules.wsp_desks_of(request.user)
        if desk is None and len(wsp) > 1:
            raise InvalidFields([("desk", "required", _("You work at several WSP desks: name the desk you act for."))])
        desk = desk or wsp[0]
        if desk not in wsp:
            raise InvalidFields([("desk", "not_your_desk", _("You do not work at this WSP desk."))])
        employer = employer_rules.employer_register(actor=request.user, desk=desk, data=data)
        response = self._fresh(employer, status=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"/api/v1/employers/{employer.uuid}")
        return response

    @extend_schema(summary="Change an employer (WSP staff; send If-Match)", tags=["employers"],
                   request=s.EmployerInputSerializer, parameters=[IF_MATCH, ETAG],
                   responses={200: s.EmployerSerializer, **PATCH_RESPONSES})
    def partial_update(self, request, *args, **kwargs):
        user = request.user
        employer = get_workable(self, employer_rules.employers_visible_to(user),
                                employer_rules.employers_workable_by(user), noun="employer", uuid=kwargs["id"])
        payload = s.EmployerInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        employer = employer_rules.employer_update(actor=user, employer=employer, data=dict(payload.validated_data),
                                                  expected_version=expected_version(request, employer, "employer"))
        return self._fresh(employer)


@extend_schema_view(list=extend_schema(summary="The WSP's contact log with the employer, newest first",
                                       tags=["employers"]))
class EmployerContactViewSet(IdempotentPostMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [WspOnly]
    serializer_class = s.EmployerContactSerializer

    def employer(self) -> Employer:
        return get_object_or_404(employer_rules.employers_workable_by(self.request.user), uuid=self.kwargs["id"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Employer.objects.none()
        return (self.employer().contacts.select_related("recorded_by", "recorded_by_desk").order_by("-at", "-id"))

    @extend_schema(summary="Log a visit, call, e-mail, meeting or agreement", tags=["employers"],
                   request=s.EmployerContactInputSerializer, responses={201: s.EmployerContactSerializer})
    def create(self, request, id=None):
        employer = self.employer()
        payload = s.EmployerContactInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        contact = employer_rules.employer_contact_record(actor=request.user, desk=wsp_desk(request, employer.region_id),
                                                         employer=employer, data=payload.validated_data)
        contact = employer.contacts.select_related("recorded_by", "recorded_by_desk").get(pk=contact.pk)
        return Response(s.EmployerContactSerializer(contact).data, status=status.HTTP_201_CREATED)


# --- vacancies -----------------------------------------------------------------------------------


def with_places_filled(qs):
    return qs.annotate(places_filled=Count("proposals", filter=Q(proposals__status=ProposalStatus.HIRED)))


@extend_schema_view(
    list=extend_schema(summary="Vacancies of your region's employers, newest first", tags=["vacancies"]),
    retrieve=extend_schema(summary="One vacancy", tags=["vacancies"], parameters=[ETAG]),
)
class VacancyViewSet(IdempotentPostMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [EmployerServices]
    serializer_class = s.VacancySerializer
    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_REGEX

    filterset_class = VacancyFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Vacancy.objects.none()
        return (with_places_filled(vacancy_rules.vacancies_visible_to(self.request.user))
                .select_related("employer", "posted_by").order_by("-posted_at", "-id"))

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _fresh(self, vacancy, **kwargs):
        vacancy = self.get_queryset().get(pk=vacancy.pk)
        return Response(s.VacancySerializer(vacancy).data, headers=etag(vacancy), **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._fresh(self.get_object())

    def _workable(self, vacancy_id) -> Vacancy:
        user = self.request.user
        return get_workable(self, vacancy_rules.vacancies_visible_to(user).select_related("employer"),
                            vacancy_rules.vacancies_workable_by(user), noun="vacancy", uuid=vacancy_id)

    @extend_schema(summary="Post a vacancy of an employer (WSP staff)", tags=["vacancies"],
                   request=s.VacancyCreateSerializer, responses={201: s.VacancySerializer})
    def create(self, request):
        payload = s.VacancyCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        employer = _lookup(employer_rules.employers_workable_by(request.user), data.pop("employer"), "employer")
        vacancy = vacancy_rules.vacancy_post(actor=request.user, desk=wsp_desk(request, employer.region_id),
                                             employer=employer, data=data)
        response = self._fresh(vacancy, status=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"/api/v1/vacancies/{vacancy.uuid}")
        return response

    @extend_schema(summary="Change a vacancy (WSP staff; send If-Match)", tags=["vacancies"],
                   request=s.VacancyInputSerializer, parameters=[IF_MATCH, ETAG],
                   responses={200: s.VacancySerializer, **PATCH_RESPONSES})
    def partial_update(self, request, *args, **kwargs):
        vacancy = self._workable(kwargs["id"])
        payload = s.VacancyInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        vacancy = vacancy_rules.vacancy_update(actor=request.user, vacancy=vacancy, data=dict(payload.validated_data),
                                               expected_version=expected_version(request, vacancy, "vacancy"))
        return self._fresh(vacancy)

    @extend_schema(summary="Mark the vacancy filled, reopen or close it", tags=["vacancies"],
                   request=s.VacancyMoveSerializer, responses={200: s.VacancySerializer, 409: CONFLICT})
    def move(self, request, id=None):
        vacancy = self._workable(id)
        payload = s.VacancyMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        vacancy = vacancy_rules.vacancy_move(actor=request.user, vacancy=vacancy,
                                             to_status=payload.validated_data["status"])
        return self._fresh(vacancy)


@extend_schema_view(list=extend_schema(
    summary="Clients you may see who fit the vacancy and consent to sharing with your WSP desk and the employer",
    description="Fit: a wished sector, the hours within the wished range, the education level asked, living in "
                "the vacancy's city or postcode area. Not yet proposed for it.", tags=["vacancies"]))
class ShortlistViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [WspOnly]
    serializer_class = s.ShortlistClientSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Vacancy.objects.none()
        user = self.request.user
        vacancy = get_object_or_404(vacancy_rules.vacancies_workable_by(user).select_related("employer"),
                                    uuid=self.kwargs["id"])
        return shortlist(user, vacancy, wsp_desk(self.request, vacancy.employer.region_id)).order_by(
            "surname", "given_names", "id")


PROPOSAL_RELATED = ("vacancy", "client", "consent", "proposed_by", "proposed_by_desk", "placement__case")


@extend_schema_view(list=extend_schema(
    summary="Candidates proposed for the vacancy (only those whose client you may see)", tags=["vacancies"]))
class ProposalViewSet(IdempotentPostMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [EmployerServices]
    serializer_class = s.ProposalSerializer

    def vacancy(self) -> Vacancy:
        return get_object_or_404(vacancy_rules.vacancies_visible_to(self.request.user).select_related("employer"),
                                 uuid=self.kwargs["id"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Proposal.objects.none()
        return (proposal_rules.proposals_visible_to(self.request.user).filter(vacancy=self.vacancy())
                .select_related(*PROPOSAL_RELATED).order_by("proposed_at", "id"))

    def _fresh(self, proposal, **kwargs):
        return Response(s.ProposalSerializer(Proposal.objects.select_related(*PROPOSAL_RELATED).get(pk=proposal.pk))
                        .data, **kwargs)

    def _workable_vacancy(self) -> Vacancy:
        user = self.request.user
        return get_workable(self, vacancy_rules.vacancies_visible_to(user).select_related("employer"),
                            vacancy_rules.vacancies_workable_by(user), noun="vacancy", uuid=self.kwargs["id"])

    @extend_schema(summary="Propose a client as a candidate (WSP staff; needs a covering consent)",
                   tags=["vacancies"], request=s.ProposalInputSerializer,
                   responses={201: s.ProposalSerializer, 409: OpenApiResponse(
                       description="No consent covers your desk and the employer (`no_consent`, with `missing`), "
                                   "the vacancy is not open (`vacancy_not_open`), or the client is already "
                                   "proposed (`already_proposed`); problem+json.")})
    def create(self, request, id=None):
        vacancy = self._workable_vacancy()
        payload = s.ProposalInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        client = _lookup(clients_visible_to(request.user), data["client"], "client")
        proposal = proposal_rules.proposal_make(actor=request.user, desk=wsp_desk(request, vacancy.employer.region_id),
                                                vacancy=vacancy, client=client, note=data.get("note", ""))
        return self._fresh(proposal, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Invite, hire (recording the placement on the client's case) or reject a candidate",
                   tags=["vacancies"], request=s.ProposalMoveSerializer,
                   responses={200: s.ProposalSerializer, 409: OpenApiResponse(
                       description="Not allowed from the current status (`illegal_move`), the consent is no "
                                   "longer in force (`consent_not_in_force`), no places left (`no_places_left`), "
                                   "the vacancy is not open (`vacancy_not_open`), or the client has no open case "
                                   "at your desk (`no_case`); problem+json.")})
    def move(self, request, id=None, proposal_id=None):
        vacancy = self._workable_vacancy()
        proposal = get_object_or_404(proposal_rules.proposals_visible_to(request.user).filter(vacancy=vacancy),
                                     uuid=proposal_id)
        payload = s.ProposalMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        to_status = data.pop("status")
        note = data.pop("note", "")
        if "case" in data:
            from cases.access import cases_workable_by

            data["case"] = _lookup(cases_workable_by(request.user), data["case"], "case")
        proposal = proposal_rules.proposal_move(actor=request.user, proposal=proposal, to_status=to_status, note=note,
                                                hire=data)
        return self._fresh(proposal)


# --- job wishes ----------------------------------------------------------------------------------


class JobWishView(APIView):
    permission_classes = [WorksWithClients]

    def _body(self, client):
        processing.note_subject(client.pk)
        wish = job_wishes.job_wish_of(client) or {"sectors": [], "min_hours": None, "max_hours": None,
                                                  "available_from": None, "updated_at": None}
        return s.JobWishSerializer({"client": client.uuid, **wish}).data

    @extend_schema(summary="The client's work wishes (sectors, hours), used by the WSP's shortlist",
                   tags=["clients"], responses=s.JobWishSerializer)
    def get(self, request, id=None):
        return Response(self._body(get_object_or_404(clients_visible_to(request.user), uuid=id)))

    @extend_schema(summary="Set the client's work wishes (replaces them)", tags=["clients"],
                   request=s.JobWishInputSerializer, responses=s.JobWishSerializer)
    def put(self, request, id=None):
        client = workable_client(self, id)
        payload = s.JobWishInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        job_wishes.job_wish_set(actor=request.user, client=client, data=payload.validated_data)
        return Response(self._body(client))
