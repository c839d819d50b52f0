"""Documents on the client and case pages: upload, a new version, the download, the deletion. Access
is documents.access (the parent's rules, confidentiality), rules documents.services: as the API's."""
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from documents import services
from documents.access import PARENTS, documents_visible_to, note_read
from documents.choices import ParentKind
from documents.models import DocumentVersion
from rwc.errors import DomainError, InvalidFields, NotAllowed

from .. import forms_documents as fd
from ..pages import add_domain_error, page
from . import counsellor as c

ON_PAGES = (ParentKind.CLIENT, ParentKind.CASE)  # the parents whose pages list their documents


def _check_workable(request, kind, parent):
    if not PARENTS[kind].workable(request.user).filter(pk=parent.pk).exists():
        raise NotAllowed(_("You may read this record's documents but not add or change them."))


def _parent_page(request, kind, parent, status, **forms):
    if kind == ParentKind.CLIENT:
        return render(request, "web/client.html", c._client_context(request, parent, **forms), status=status)
    return c._render_case(request, parent, status=status, **forms)


def _parent_url(kind, parent) -> str:
    name = "web:client" if kind == ParentKind.CLIENT else "web:case"
    key = "client_id" if kind == ParentKind.CLIENT else "case_id"
    return reverse(name, kwargs={key: parent.uuid}) + "#documents"


def _message(exc: DomainError) -> str:
    """What the domain says, in words (each field's message for invalid fields)."""
    if isinstance(exc, InvalidFields):
        return " ".join(str(message) for _field, _code, message in exc.errors)
    return str(exc.detail)


def _status(exc: DomainError) -> int:
    return exc.status if exc.status in (403, 409, 413) else 400


def _upload_view(kind, find_parent):
    @page("counsellor")
    def view(request, **ids):
        parent = find_parent(request, **ids)  # one the person may not read: the 404 page
        form = fd.DocumentForm(request.POST, request.FILES, prefix="document")
        status = 400
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "file"}
            try:
                _check_workable(request, kind, parent)
                services.document_add(actor=request.user, kind=kind, parent=parent, data=data,
                                      upload=form.cleaned_data["file"])
            except DomainError as exc:
                status = _status(exc)
                add_domain_error(form, exc)
            else:
                return redirect(_parent_url(kind, parent))
        return _parent_page(request, kind, parent, status, document_form=form)

    return view


client_document_add = _upload_view(ParentKind.CLIENT, lambda request, client_id: c._visible_client(request, client_id))
case_document_add = _upload_view(ParentKind.CASE, lambda request, case_id: c._case(request, case_id))


def _document_on_page(request, document_id):
    """A document the person reads, kept with a client or a case, and that parent (found as its page does)."""
    document = get_object_or_404(documents_visible_to(request.user).filter(parent_kind__in=ON_PAGES)
                                 .select_related("client", "case"), uuid=document_id)
    if document.parent_kind == ParentKind.CLIENT:
        return document, c._visible_client(request, document.client.uuid)
    return document, c._case(request, document.case.uuid)


@page("counsellor")
def version_add(request, document_id):
    document, parent = _document_on_page(request, document_id)
    kind = document.parent_kind
    form = fd.VersionForm(request.POST, request.FILES, prefix="version")
    if not form.is_valid():
        error = "; ".join(str(e) for e in form.errors.get("file", [])) or _("Attach the file.")
        return _parent_page(request, kind, parent, 400, document_error=error, document_error_for=document.uuid)
    try:
        _check_workable(request, kind, parent)
        services.document_add_version(actor=request.user, document=document, upload=form.cleaned_data["file"])
    except DomainError as exc:
        return _parent_page(request, kind, parent, _status(exc), document_error=_message(exc),
                            document_error_for=document.uuid)
    return redirect(_parent_url(kind, parent))


@page("counsellor")
def document_delete(request, document_id):
    document, parent = _document_on_page(request, document_id)
    kind = document.parent_kind
    form = fd.DeletionForm(request.POST, prefix="deletion")
    form.is_valid()
    try:
        _check_workable(request, kind, parent)
        services.document_delete(actor=request.user, document=document, reason=form.cleaned_data.get("reason", ""))
    except DomainError as exc:
        return _parent_page(request, kind, parent, _status(exc), document_error=_message(exc),
                            document_error_for=document.uuid)
    return redirect(_parent_url(kind, parent))


@page()
def download(request, document_id, version_id):
    """A version's file as an attachment, never shown inline; logged as the API's download is."""
    document = get_object_or_404(documents_visible_to(request.user), uuid=document_id)
    version = get_object_or_404(DocumentVersion.objects.filter(document=document), uuid=version_id)
    try:
        stream = services.open_version(version)
    except FileNotFoundError:
        raise Http404 from None
    note_read([document])  # logged whatever the parent
    response = FileResponse(stream, as_attachment=True, filename=version.file_name, content_type=version.content_type)
    response["Content-Length"] = str(version.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-store"
    return response
