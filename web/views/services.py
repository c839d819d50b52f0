"""Services on the case page (record, move the status, cost and funding) and the team lead's
approvals. Access is services.delivery's (the case's rules); the rules are services.delivery's and
services.funding's, as the API's."""
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.access import cases_workable_by
from rwc import access, processing
from rwc.errors import DomainError, NotAllowed, PreconditionFailed
from rwc.models import Desk
from services import catalogue, delivery, funding
from services.choices import ServiceStatus

from .. import forms_services as fs
from .. import panels
from ..pages import STALE, add_domain_error, page
from . import counsellor as c

APPROVALS_LIMIT = 200


def _case_url(case) -> str:
    return reverse("web:case", kwargs={"case_id": case.uuid}) + "#services"


def _service(request, case_id, service_id):
    case = c._case(request, case_id)  # one the person may not read: the 404 page
    service = get_object_or_404(delivery.services_of(case).prefetch_related("funding__source"), uuid=service_id)
    return case, service


@page("counsellor")
def service_add(request, case_id):
    case = c._case(request, case_id)
    form = panels.service_form(request, case, request.POST)
    status = 400
    if form.is_valid():
        try:
            delivery.service_record(actor=request.user, case=c._workable_case(request, case_id),
                                    data=form.data_for_service())
        except DomainError as exc:
            status = exc.status if exc.status == 409 else 400
            add_domain_error(form, exc, {"invoiceReference": "invoice_reference"})
        else:
            return redirect(_case_url(case))
    return c._render_case(request, case, status=status, service_form=form)


@page("counsellor")
def service_move(request, case_id, service_id):
    case, service = _service(request, case_id, service_id)
    form = fs.ServiceMoveForm(request.POST, moves=delivery.allowed_moves(service.status),
                              prefix=f"svc-{service.uuid}-move")
    status, error = 400, None
    if form.is_valid():
        data = form.cleaned_data
        try:
            c._workable_case(request, case_id)
            delivery.service_move(actor=request.user, service=service, to_status=data["status"], on=data["date"],
                                  reason=data["reason"], certificate_obtained=data["certificate_obtained"],
                                  expected_version=data["version"])
        except PreconditionFailed:
            status, error = 412, STALE
        except DomainError as exc:
            status = exc.status if exc.status in (403, 409) else 400
            if exc.status == 400:
                add_domain_error(form, exc)
            else:
                error = exc.detail
        else:
            return redirect(_case_url(case))
    elif "status" in form.errors:  # a move the status does not allow (any more)
        status, error = 409, _("This service cannot move to that status now.")
    forms = {"service_id": service.uuid, "service_error": error}
    if status != 412:
        forms["service_move_form"] = form
    return c._render_case(request, case, status=status, **forms)


def _funding_fields(lines) -> dict:
    fields = {"funding": None}
    for index, line in enumerate(lines):
        fields[f"funding[{index}].source"] = f"source_{line['n']}"
        fields[f"funding[{index}].amount"] = f"amount_{line['n']}"
    return fields


@page("counsellor")
def service_funding(request, case_id, service_id):
    case, service = _service(request, case_id, service_id)
    form = fs.FundingForm(request.POST, sources=list(panels.funding_sources_for(request, case)),
                          prefix=f"svc-{service.uuid}-fund")
    status, error = 400, None
    if form.is_valid():
        lines = form.lines()
        data = {"cost": form.cleaned_data["cost"].replace(",", "."),
                "funding": [{"source": line["source"], "amount": line["amount"]} for line in lines]}
        try:
            c._workable_case(request, case_id)
            delivery.service_update(actor=request.user, service=service, data=data,
                                    expected_version=form.cleaned_data["version"])
        except PreconditionFailed:
            status, error = 412, STALE
        except DomainError as exc:
            status = exc.status if exc.status in (403, 409) else 400
            add_domain_error(form, exc, {**_funding_fields(lines), "invoiceReference": None})
        else:
            return redirect(_case_url(case))
    forms = {"service_id": service.uuid, "service_error": error}
    if status != 412:
        forms["funding_form"] = form
    return c._render_case(request, case, status=status, **forms)


# --- the team lead's approvals -------------------------------------------------------------------


def _awaiting(request):
    """Services with a cost, not yet approved, on cases of the desks the person leads."""
    profile = access.profile_for(request.user)
    return (delivery.services_visible_to(request.user)
            .filter(case__desk_id__in=profile.team_lead_desk_ids, approved_at__isnull=True, cost__isnull=False)
            .exclude(status=ServiceStatus.STOPPED_EARLY))


def _approvals_page(request, status=200, error=None, error_for=None):
    profile = access.profile_for(request.user)
    services = list(_awaiting(request).select_related("case__client", "case__desk", "training_provider",
                                                      "partner_organisation")
                    .prefetch_related("funding__source").order_by("planned_start", "id")[:APPROVALS_LIMIT])
    processing.note_subjects(s.case.client_id for s in services)
    regions = Desk.objects.filter(id__in=profile.team_lead_desk_ids).values("region_id")
    budgets = list(catalogue.with_spending(catalogue.funding_sources_visible_to(request.user).filter(
        region_id__in=regions, is_active=True)).order_by("name", "id"))
    return render(request, "web/approvals.html", {
        "services": services, "budgets": budgets, "limit": APPROVALS_LIMIT, "error": error, "error_for": error_for,
    }, status=status)


@page("team_lead")
def approvals(request):
    return _approvals_page(request)


@page("team_lead")
def approve(request, service_id):
    service = get_object_or_404(delivery.services_visible_to(request.user).select_related("case__desk"),
                                uuid=service_id)
    try:
        if not cases_workable_by(request.user).filter(pk=service.case_id).exists():
            raise NotAllowed(_("Only a team lead of the case's desk approves a service's funding."))
        version = request.POST.get("version", "")
        funding.service_approve(actor=request.user, service=service,
                                expected_version=int(version) if version.isdigit() else None)
    except PreconditionFailed:
        return _approvals_page(request, 412, STALE, service.uuid)
    except DomainError as exc:
        return _approvals_page(request, exc.status, exc.detail, service.uuid)
    return redirect("web:approvals")
