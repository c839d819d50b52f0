"""The documents and services sections of the client and case pages: what they list (through the
same access functions as the API) and their forms. A fixed number of queries, whatever the rows."""
from django.db.models import Exists, OuterRef, Prefetch

from documents.access import PARENTS, documents_of, note_read
from documents.models import DocumentVersion
from rwc.models import PartnerOrganisation
from services import catalogue, delivery

from . import forms_documents as fd
from . import forms_services as fs


def with_document_access(queryset, kind: str, user):
    """The page's record with whether the person reads its documents and may add to them, as the
    API decides (documents.access.PARENTS: for a referral, the receiver only while the consent covers
    it): two sub-selects in the record's own query, no query of their own."""
    spec = PARENTS[kind]
    return queryset.annotate(documents_readable=Exists(spec.visible(user).filter(pk=OuterRef("pk"))),
                             documents_workable=Exists(spec.workable(user).filter(pk=OuterRef("pk"))))


def document_access(request, kind: str, parent) -> tuple[bool, bool]:
    """(reads its documents, may add to them) for the parent: from `with_document_access` when the
    parent was found that way, else asked of documents.access."""
    spec = PARENTS[kind]
    readable = getattr(parent, "documents_readable", None)
    if readable is None:
        readable = spec.visible(request.user).filter(pk=parent.pk).exists()
    workable = getattr(parent, "documents_workable", None)
    if workable is None:
        workable = readable and spec.workable(request.user).filter(pk=parent.pk).exists()
    return readable, readable and workable


def documents_panel(request, kind: str, parent, workable: bool, forms: dict, readable: bool = True) -> dict:
    """The parent's documents the person reads (newest first, every version, newest first); none
    when the person does not read the parent's documents (a referral's receiver without consent)."""
    documents = list(documents_of(request.user, kind, parent).select_related("desk")
                     .prefetch_related(Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number"),
                                                to_attr="all_versions"))
                     .order_by("-document_date", "-id")) if readable else []
    note_read(documents)  # logged whatever the parent
    return {
        "documents": documents, "documents_workable": readable and workable, "documents_readable": readable,
        "document_form": forms.get("document_form") or fd.DocumentForm(prefix="document"),
        "version_form": fd.VersionForm(prefix="version"), "deletion_form": fd.DeletionForm(prefix="deletion"),
        "document_error": forms.get("document_error"), "document_error_for": forms.get("document_error_for"),
    }


def funding_sources_for(request, case):
    return catalogue.funding_sources_visible_to(request.user).filter(region_id=case.desk.region_id,
                                                                     is_active=True).order_by("name", "id")


def service_form(request, case, data=None) -> fs.ServiceForm:
    region_id = case.desk.region_id
    return fs.ServiceForm(
        data, prefix="service", service_types=catalogue.offered_types_for(case),
        partners=PartnerOrganisation.objects.filter(region_id=region_id, is_active=True).order_by("name"),
        providers=catalogue.training_providers_visible_to(request.user).filter(region_id=region_id, is_active=True)
        .order_by("name", "id"))


def services_panel(request, case, workable: bool, forms: dict) -> dict:
    """The services delivered on the case, each with its funding and, for whoever works on the case,
    the moves its status allows and its funding form."""
    services = list(delivery.services_of(case)
                    .select_related("partner_organisation", "training_provider", "approved_by")
                    .prefetch_related("funding__source").order_by("planned_start", "id"))
    sources = list(funding_sources_for(request, case)) if workable else None
    rows = []
    for service in services:
        row = {"service": service, "funding": list(service.funding.all())}
        if workable:
            prefix = f"svc-{service.uuid}"
            moves = delivery.allowed_moves(service.status)
            move = forms.get("service_move_form") if forms.get("service_id") == service.uuid else None
            row["move_form"] = move or (fs.ServiceMoveForm(initial={"version": service.version}, moves=moves,
                                                           prefix=f"{prefix}-move") if moves else None)
            fund = forms.get("funding_form") if forms.get("service_id") == service.uuid else None
            row["funding_form"] = fund or (fs.FundingForm.for_service(service, sources=sources, prefix=f"{prefix}-fund")
                                           if service.approved_at is None else None)
            row["error"] = forms.get("service_error") if forms.get("service_id") == service.uuid else None
        rows.append(row)
    context = {"services": rows, "services_workable": workable}
    if workable:
        context["service_form"] = forms.get("service_form") or service_form(request, case)
    return context

