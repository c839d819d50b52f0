"""Documents on the client, case, referral, employer and vacancy pages: upload, a new version, the
download, the deletion. Access is documents.access (the parent's rules, confidentiality; a referral's
receiver only while the consent covers it), rules documents.services: as the API's."""
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
from . import desk as d
from . import employers as emp

# the parents whose pages list their documents: (the page's url name and keyword, the role its page
# needs (web.pages.page), how the page finds the record (a 404 for one the person may not see))
ON_PAGES = {
    ParentKind.CLIENT: ("web:client", "client_id", "counsellor", lambda r, client_id: c._visible_client(r, client_id)),
    ParentKind.CASE: ("web:case", "case_id", "counsellor", lambda r, case_id: c._case(r, case_id)),
    ParentKind.REFERRAL: ("web:referral", "referral_id", "counsellor", lambda r, referral_id: d._referral(r, referral_id)),
    ParentKind.EMPLOYER: ("web:employer", "employer_id", "wsp", lambda r, employer_id: emp._employer(r, employer_id)),
    ParentKind.VACANCY: ("web:vacancy", "vacancy_id", "wsp", lambda r, vacancy_id: emp._vacancy(r, vacancy_id)),
}


def _check_workable(request, kind, parent):
    if not PARENTS[kind].workable(request.user).filter(pk=parent.pk).exists():
        if getattr(parent, "documents_readable", True):
            raise NotAllowed(_("You may read this record's documents but not add or change them."))
        raise NotAllowed(_("This record's documents are not shared with you, so you cannot add any."))


def _parent_page(request, kind, parent, status, **forms):
    if kind == ParentKind.CLIENT:
        return render(request, "web/client.html", c._client_context(request, parent, **forms), status=status)
    if kind == ParentKind.CASE:
        return c._render_case(request, parent, status=status, **forms)
    if kind == ParentKind.REFERRAL:
        return d.render_referral(request, parent, status=status, **forms)
    if kind == ParentKind.EMPLOYER:
        return emp.render_employer(request, parent, status=status, **forms)
    return emp._render_vacancy(request, parent, status=status, **forms)


def _parent_url(kind, parent) -> str:
    name, key, _role, _find = ON_PAGES[kind]
    return reverse(name, kwargs={key: parent.uuid}) + "#documents"


def _message(exc: DomainError) -> str:
    """What the domain says, in words (each field's message for invalid fields)."""
    if isinstance(exc, InvalidFields):
        return " ".join(str(message) for _field, _code, message in exc.errors)
    return str(exc.detail)


def _status(exc: DomainError) -> int:
    return exc.status if exc.status in (403, 409, 413) else 400


def _upload_view(kind, find_parent, role="counsellor"):
    @page(role)
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
                if status == 403:  # the form is not shown to whoever may not add: the refusal above it
                    return _parent_page(request, kind, parent, status, document_error=_message(exc))
            else:
                return redirect(_parent_url(kind, parent))
        return _parent_page(request, kind, parent, status, document_form=form)

    return view


def _upload_view_for(kind):
    _name, _key, role, find = ON_PAGES[kind]
    return _upload_view(kind, find, role)


client_document_add = _upload_view_for(ParentKind.CLIENT)
case_document_add = _upload_view_for(ParentKind.CASE)
referral_document_add = _upload_view_for(ParentKind.REFERRAL)
employer_document_add = _upload_view_for(ParentKind.EMPLOYER)
vacancy_document_add = _upload_view_for(ParentKind.VACANCY)


def _document_on_page(request, document_id):
    """A document the person reads, kept with a record whose page lists it, and that record (found as
    its page does: a page of another role, or a record the person may not see, is the 404 page)."""
    fields = [PARENTS[kind].field for kind in ON_PAGES]
    document = get_object_or_404(documents_visible_to(request.user).filter(parent_kind__in=list(ON_PAGES))
                                 .select_related(*fields), uuid=document_id)
    _name, key, role, find = ON_PAGES[document.parent_kind]
    if not getattr(request.roles, role):
        raise Http404
    return document, find(request, **{key: getattr(document, PARENTS[document.parent_kind].field).uuid})


def _refused(request, kind, parent, document, exc):
    """The domain's refusal next to the document (above the list for whoever may not change it: no
    row shows them its forms)."""
    status = _status(exc)
    return _parent_page(request, kind, parent, status, document_error=_message(exc),
                        document_error_for=None if status == 403 else document.uuid)


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
        return _refused(request, kind, parent, document, exc)
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
        return _refused(request, kind, parent, document, exc)
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
