"""Adding, replacing, deleting and purging documents. Each write in one transaction; a file is
written to storage before its rows and removed again when they are not stored, so a refused or
failed upload leaves nothing behind (`tests/documents`).

The rules: a title and a kind from the list; a date not in the future (default today); a file
that is not empty, not over `DOCUMENTS_MAX_UPLOAD_BYTES` (413), whose name is a name and not a
path, and whose bytes are one of the allowed types (sniffed, `documents.files`); at most
`DOCUMENTS_MAX_PER_RECORD` documents per record and `DOCUMENTS_MAX_VERSIONS` versions per document
(409). A document may await a signature by a day (`signature_due_on`, at upload or later) until
it is recorded signed, once (409 `already_signed`), optionally with the signed copy as a new
version. Deleting needs a reason; a deleted document is read by nobody and purged by retention.
"""
import hashlib
import logging
import re
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import normalise
from rwc import undo
from rwc.errors import Conflict, DomainError, InvalidFields, one_of
from rwc.models import Desk, User

from .access import PARENTS, parent_client, parent_region_id
from .choices import DocumentKind, ParentKind, RetentionClass
from .files import ALLOWED_TYPES, clean_file_name, sniff
from .models import Document, DocumentVersion
from .storage import documents_storage, new_key

log = logging.getLogger(__name__)
_PATH = re.compile(r"[\\/]|^\.\.?$")


class TooLarge(DomainError):
    status = 413
    code = "too_large"


def _user(actor):
    return actor if isinstance(actor, User) else None


def max_upload_bytes() -> int:
    return settings.DOCUMENTS_MAX_UPLOAD_BYTES


def allowed_types() -> list[str]:
    return settings.DOCUMENTS_ALLOWED_TYPES or ALLOWED_TYPES


# --- rules ---------------------------------------------------------------------------------------


def clean_metadata(data: dict, *, partial: bool = False) -> dict:
    cleaned, errors = {}, []
    if "title" in data or not partial:
        title = normalise.text(data.get("title"))
        if not title:
            errors.append(("title", "blank", _("Give the document a title.")))
        elif len(title) > 200 or any(ord(c) < 32 for c in title):
            errors.append(("title", "invalid", _("At most 200 characters, without control characters.")))
        cleaned["title"] = title
    if "kind" in data or not partial:
        if data.get("kind") not in DocumentKind.values:
            errors.append(("kind", "invalid_choice", _("Unknown kind of document; use one of: %(allowed)s.")
                           % {"allowed": one_of(DocumentKind)}))
        cleaned["kind"] = data.get("kind")
    retention = data.get("retention_class") or RetentionClass.WITH_RECORD
    if retention not in RetentionClass.values:
        errors.append(("retention_class", "invalid_choice", _("Unknown retention class; use one of: %(allowed)s.")
                       % {"allowed": one_of(RetentionClass)}))
    cleaned["retention_class"] = retention
    author = normalise.text(data.get("author"))
    if len(author) > 200 or any(ord(c) < 32 for c in author):
        errors.append(("author", "invalid", _("At most 200 characters, without control characters.")))
    cleaned["author"] = author
    day = data.get("document_date") or timezone.localdate()
    if isinstance(day, date) and day > timezone.localdate():
        errors.append(("document_date", "in_future", _("A document's date cannot lie in the future.")))
    cleaned["document_date"] = day
    cleaned["confidential"] = bool(data.get("confidential"))
    if data.get("signature_due_on") is not None:
        due = data["signature_due_on"]
        if isinstance(due, date) and isinstance(day, date) and due < day:
            errors.append(("signature_due_on", "before_document_date",
                           _("A signature cannot be due before the document's date.")))
        cleaned["signature_due_on"] = due
    if errors:
        raise InvalidFields(errors)
    return cleaned


def check_file(upload) -> dict:
    """What the stored version keeps of an upload, or the refusal: 413 over the limit, 400 for an
    empty file, a path for a name, or bytes of a type not allowed. Reads the file once (hashing)."""
    if upload is None:
        raise InvalidFields([("file", "required", _("Attach the file (multipart field `file`)."))])
    limit = max_upload_bytes()
    if upload.size > limit:
        raise TooLarge(_("The file is larger than %(limit)s bytes.") % {"limit": limit}, field="file")
    if upload.size == 0:
        raise InvalidFields([("file", "empty", _("The file is empty."))])
    name = str(upload.name or "")
    if _PATH.search(name):
        raise InvalidFields([("file", "path_in_name", _("Give a file name without folders."))])
    content_type = sniff(upload)
    if content_type is None or content_type not in allowed_types():
        raise InvalidFields([("file", "unsupported_type", _(
            "The file's content is not an allowed type (PDF, images, Office documents, plain text), "
            "whatever its name says."))])
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return {"file_name": clean_file_name(name, content_type), "content_type": content_type,
            "size": upload.size, "sha256": digest.hexdigest()}


def desk_for(principal, region_id: int, preferred=()) -> Desk | None:
    """The desk the caller acts for on a record of this region: a desk of theirs tied to the record
    (the case's, the referral's side, the employer's WSP desk) when they work there, else their
    first active desk of the region."""
    from rwc.access import profile_for

    profile = profile_for(principal)
    desks = list(Desk.objects.filter(id__in=profile.member_desk_ids, region_id=region_id, is_active=True)
                 .order_by("id")) if profile.member_desk_ids else []
    return next((d for d in desks if d.id in preferred), desks[0] if desks else None)


def _preferred_desks(kind: str, parent) -> set[int]:
    if kind == ParentKind.CASE:
        return {parent.desk_id}
    if kind == ParentKind.OUTCOME:
        return {parent.case.desk_id}
    if kind == ParentKind.REFERRAL:
        return {parent.from_desk_id, parent.to_desk_id} - {None}
    if kind == ParentKind.EMPLOYER:
        return {parent.managing_desk_id}
    if kind == ParentKind.VACANCY:
        return {parent.employer.managing_desk_id}
    return set()


# --- storing -------------------------------------------------------------------------------------


def _store(upload) -> str:
    key = new_key()
    stored = documents_storage().save(key, upload)
    if stored != key:  # a storage that renamed the file would break the random-key promise
        documents_storage().delete(stored)
        raise RuntimeError("the documents storage did not keep the key it was given")
    return key


def _remove_files(keys) -> None:
    storage = documents_storage()
    for key in keys:
        try:
            storage.delete(key)
        except Exception:  # noqa: BLE001 - logged; a later purge finds no row pointing at it
            log.exception("documents: could not delete %s from storage", key)


def _stored_then(upload, write):
    """Store the file, then `write(key)` the rows in a transaction; the file goes again if they fail."""
    key = _store(upload)
    try:
        with transaction.atomic():
            written = write(key)
    except BaseException:
        _remove_files([key])
        raise
    undo.on_rollback(lambda: _remove_files([key]))  # a wider transaction may still roll the rows back
    return written


def document_add(*, actor, kind: str, parent, data: dict, upload, generated: bool = False) -> Document:
    """Keep a new document with the parent record (one the caller may work on: the API checked)."""
    meta = clean_metadata(data)
    file_meta = check_file(upload)
    region_id = parent_region_id(kind, parent)
    desk = desk_for(actor, region_id, _preferred_desks(kind, parent)) if _user(actor) else None
    desk = desk or _record_desk(kind, parent)
    field = PARENTS[kind].field
    client = parent_client(kind, parent)

    def write(key):
        # the count under a lock of the parent's row, so two uploads cannot both pass the limit
        type(parent).objects.select_for_update().filter(pk=parent.pk).first()
        existing = Document.objects.filter(parent_kind=kind, **{field: parent}, deleted_at__isnull=True).count()
        if existing >= settings.DOCUMENTS_MAX_PER_RECORD:
            raise Conflict(_("This record holds %(max)s documents already; delete one first.")
                           % {"max": settings.DOCUMENTS_MAX_PER_RECORD}, code="too_many_documents")
        document = Document.objects.create(
            parent_kind=kind, **{"client": client, field: parent}, region_id=region_id, desk=desk,
            created_by=_user(actor), version_count=1, generated=generated, **meta)
        DocumentVersion.objects.create(document=document, number=1, storage_key=key, uploaded_by=_user(actor),
                                       uploaded_by_desk=desk, **file_meta)
        return document

    return _stored_then(upload, write)


def _record_desk(kind: str, parent) -> Desk:
    """Without a caller's desk (a command, a generated document): the desk the record belongs to."""
    if kind == ParentKind.CASE:
        return parent.desk
    if kind == ParentKind.OUTCOME:
        return parent.case.desk
    if kind == ParentKind.REFERRAL:
        return parent.from_desk or parent.to_desk
    if kind == ParentKind.EMPLOYER:
        return parent.managing_desk
    if kind == ParentKind.VACANCY:
        return parent.employer.managing_desk
    return parent_client(kind, parent).registered_by_desk


def document_add_version(*, actor, document: Document, upload) -> DocumentVersion:
    """A new upload of the document: the next version; the earlier ones stay readable."""
    file_meta = check_file(upload)
    region_id = document.region_id
    desk = (desk_for(actor, region_id, {document.desk_id}) if _user(actor) else None) or document.desk

    def write(key):
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.deleted_at is not None:
            raise Conflict(_("The document was deleted."), code="document_deleted")
        if locked.version_count >= settings.DOCUMENTS_MAX_VERSIONS:
            raise Conflict(_("The document has %(max)s versions already.") % {"max": settings.DOCUMENTS_MAX_VERSIONS},
                           code="too_many_versions")
        locked.version_count += 1
        locked.save(update_fields=["version_count", "updated_at"])
        return DocumentVersion.objects.create(document=locked, number=locked.version_count, storage_key=key,
                                              uploaded_by=_user(actor), uploaded_by_desk=desk, **file_meta)

    return _stored_then(upload, write)


@transaction.atomic
def document_delete(*, actor, document: Document, reason: str) -> Document:
    """Soft delete: nobody reads it any more; retention purges it after DOCUMENTS_PURGE_AFTER_DAYS."""
    reason = normalise.text(reason)
    if not reason:
        raise InvalidFields([("reason", "blank", _("Say why the document is deleted."))])
    if len(reason) > 500 or any(ord(c) < 32 for c in reason):
        raise InvalidFields([("reason", "invalid", _("At most 500 characters, without control characters."))])
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.deleted_at is not None:
        raise Conflict(_("The document was deleted already."), code="document_deleted")
    locked.deleted_at, locked.deleted_by, locked.deletion_reason = timezone.now(), _user(actor), reason
    locked.save(update_fields=["deleted_at", "deleted_by", "deletion_reason", "updated_at"])
    return locked


def document_purge(documents) -> int:
    """Delete these documents, every version, and their files in storage (retention). The rows go
    in one transaction and the files after it commits: a file is never gone while its row stays.
    Returns the number of documents purged."""
    ids = list(documents.values_list("id", flat=True)) if hasattr(documents, "values_list") else [
        d.pk for d in documents]
    if not ids:
        return 0
    with transaction.atomic():
        keys = list(DocumentVersion.objects.filter(document_id__in=ids).values_list("storage_key", flat=True))
        DocumentVersion.objects.filter(document_id__in=ids).delete()
        count = Document.objects.filter(id__in=ids).delete()[1].get(Document._meta.label, 0)
        transaction.on_commit(lambda: _remove_files(keys))
    return count


def open_version(version: DocumentVersion):
    """The version's file, decrypted as it is read (a file object; close it)."""
    return documents_storage().open(version.storage_key, "rb")


def _locked_unsigned(document: Document) -> Document:
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.deleted_at is not None:
        raise Conflict(_("The document was deleted."), code="document_deleted")
    if locked.signed_at is not None:
        raise Conflict(_("The document was signed already."), code="already_signed")
    return locked


@transaction.atomic
def document_request_signature(*, actor, document: Document, due_on) -> Document:
    """Mark the document as awaiting a signature by `due_on` (or move that day)."""
    if not isinstance(due_on, date):
        raise InvalidFields([("due_on", "required", _("Give the day the signature is due."))])
    if due_on < document.document_date:
        raise InvalidFields([("due_on", "before_document_date",
                              _("A signature cannot be due before the document's date."))])
    locked = _locked_unsigned(document)
    locked.signature_due_on = due_on
    locked.save(update_fields=["signature_due_on", "updated_at"])
    return locked


def document_sign(*, actor, document: Document, upload=None) -> Document:
    """Record the document signed (once), with the signed copy as its next version when given. The
    worklist's open reminder task for it is done by the person who finishes it."""
    if document.signature_due_on is None:
        raise Conflict(_("The document does not await a signature."), code="no_signature_requested")

    def sign():
        locked = _locked_unsigned(document)
        if locked.signature_due_on is None:
            raise Conflict(_("The document does not await a signature."), code="no_signature_requested")
        locked.signed_at, locked.signed_by = timezone.now(), _user(actor)
        locked.save(update_fields=["signed_at", "signed_by", "updated_at"])
        return locked

    if upload is None:
        with transaction.atomic():
            return sign()
    file_meta = check_file(upload)
    desk = (desk_for(actor, document.region_id, {document.desk_id}) if _user(actor) else None) or document.desk

    def write(key):
        locked = sign()
        if locked.version_count >= settings.DOCUMENTS_MAX_VERSIONS:
            raise Conflict(_("The document has %(max)s versions already.") % {"max": settings.DOCUMENTS_MAX_VERSIONS},
                           code="too_many_versions")
        locked.version_count += 1
        locked.save(update_fields=["version_count", "updated_at"])
        DocumentVersion.objects.create(document=locked, number=locked.version_count, storage_key=key,
                                       uploaded_by=_user(actor), uploaded_by_desk=desk, **file_meta)
        return locked

    return _stored_then(upload, write)
