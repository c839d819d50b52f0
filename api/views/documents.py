"""Documents kept with a record: the list and upload under each kind of record, one document with
its versions, a new version, the download, the deletion. Thin: access in documents.access, rules
in documents.services.

Uploads are multipart/form-data and stream to a temporary file (Django's
TemporaryFileUploadHandler), then to the `documents` storage; their routes take bodies up to
`DOCUMENTS_MAX_UPLOAD_BYTES` (api.bodies). Downloads stream the decrypted file as an attachment.
"""
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from djangorestframework_camel_case.parser import CamelCaseMultiPartParser
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from documents import services
from documents.access import PARENTS, documents_of, documents_visible_to, note_read
from documents.choices import ParentKind
from documents.models import Document, DocumentVersion

from ..idempotency import IdempotentPostMixin
from ..parsers import CamelCaseJSONParser
from ..permissions import EmployerServices, WorksWithClients
from ..serializers import documents as s
from .base import get_workable

TOO_LARGE = OpenApiResponse(description="The file is larger than DOCUMENTS_MAX_UPLOAD_BYTES (problem+json).")
CONFLICT = OpenApiResponse(description="The record holds DOCUMENTS_MAX_PER_RECORD documents already, or the "
                                       "document was deleted (problem+json); nothing was stored.")
SIGNED = OpenApiResponse(description="Signed already (`already_signed`), not awaiting a signature "
                                     "(`no_signature_requested`) or deleted (problem+json); nothing was stored.")
UPLOAD_PARSERS = [CamelCaseMultiPartParser, CamelCaseJSONParser]


def _current_versions():
    return Prefetch("versions", queryset=DocumentVersion.objects.select_related("uploaded_by").order_by("-number"),
                    to_attr="current_versions")


class _StreamedUploads:
    """Uploaded files go to a temporary file on disk from the first byte, never into memory."""

    def initialize_request(self, request, *args, **kwargs):
        from django.core.files.uploadhandler import TemporaryFileUploadHandler

        if request.method == "POST":
            request.upload_handlers = [TemporaryFileUploadHandler(request)]
        return super().initialize_request(request, *args, **kwargs)


class _IdempotentUploads(IdempotentPostMixin):
    """An upload with an Idempotency-Key: a retry with the same key, fields and file gets the first
    answer and stores no second document, version or file; another body under the key is a 422.
    The fingerprint is the parsed fields and the file's SHA-256 (api.idempotency)."""

    idempotency_parsed_body = True

    def replay_shows(self, created) -> bool:
        documents = list(created.select_related(None).prefetch_related(None).only("id", "client_id"))
        note_read(documents)  # the kept answer shows the document again: logged as any read of it
        return bool(documents)


class ParentDocumentViewSet(_StreamedUploads, _IdempotentUploads, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The documents of one record (`parent_kind`), and adding one. The URL names the record:
    one the caller may not read is a 404, one it may read but not change a 403 on a write."""

    parent_kind = None
    lookups = {"id": "uuid"}  # URL keyword -> the parent's lookup
    serializer_class = s.DocumentSerializer
    parser_classes = UPLOAD_PARSERS
    lookup_field = "uuid"  # of the document made (a replay's Location)
    lookup_url_kwarg = "document_id"

    def _lookup(self):
        return {field: self.kwargs[kw] for kw, field in self.lookups.items()}

    def parent(self, *, for_write=False):
        spec = PARENTS[self.parent_kind]
        visible = spec.visible(self.request.user)
        if spec.related:
            visible = visible.select_related(*spec.related)
        if for_write:
            return get_workable(self, visible, spec.workable(self.request.user), noun="record", **self._lookup())
        return get_object_or_404(visible, **self._lookup())

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        parent = self.parent()
        return (documents_of(self.request.user, self.parent_kind, parent)
                .select_related("desk", "created_by", "signed_by", PARENTS[self.parent_kind].field)
                .prefetch_related(_current_versions()).order_by("-document_date", "-id"))

    def create(self, request, *args, **kwargs):
        parent = self.parent(for_write=True)
        payload = s.DocumentUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        upload = data.pop("file")
        document = services.document_add(actor=request.user, kind=self.parent_kind, parent=parent, data=data,
                                         upload=upload)
        document = _detail_queryset(request.user).get(pk=document.pk)
        response = Response(s.DocumentDetailSerializer(document).data, status=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"/api/v1/documents/{document.uuid}")
        return response


def _parent_view(kind, lookups, permission, tag, noun):
    list_doc = extend_schema(summary=f"Documents kept with the {noun}", tags=[tag])
    create_doc = extend_schema(
        summary=f"Add a document to the {noun} (multipart/form-data)", tags=[tag],
        request={"multipart/form-data": s.DocumentUploadSerializer},
        responses={201: s.DocumentDetailSerializer, 409: CONFLICT, 413: TOO_LARGE})
    attrs = {"parent_kind": kind, "lookups": lookups, "permission_classes": [permission],
             "list": list_doc(ParentDocumentViewSet.list), "create": create_doc(ParentDocumentViewSet.create),
             "__doc__": f"The documents of a {noun}."}
    return type(f"{kind.title()}DocumentViewSet", (ParentDocumentViewSet,), attrs)


ClientDocumentViewSet = _parent_view(ParentKind.CLIENT, {"id": "uuid"}, WorksWithClients, "clients", "client")
ConsentDocumentViewSet = _parent_view(ParentKind.CONSENT, {"id": "client__uuid", "consent_id": "uuid"},
                                      WorksWithClients, "clients", "consent (the signed form)")
CaseDocumentViewSet = _parent_view(ParentKind.CASE, {"id": "uuid"}, WorksWithClients, "cases", "case")
OutcomeDocumentViewSet = _parent_view(ParentKind.OUTCOME, {"id": "case__uuid", "outcome_id": "uuid"},
                                      WorksWithClients, "outcomes", "outcome")
ReferralDocumentViewSet = _parent_view(ParentKind.REFERRAL, {"id": "uuid"}, WorksWithClients, "referrals",
                                       "referral (the receiver reads them when the consent covers it)")
EmployerDocumentViewSet = _parent_view(ParentKind.EMPLOYER, {"id": "uuid"}, EmployerServices, "employers",
                                       "employer")
VacancyDocumentViewSet = _parent_view(ParentKind.VACANCY, {"id": "uuid"}, EmployerServices, "vacancies", "vacancy")


def _detail_queryset(principal, *, deleted=False):
    fields = [p.field for p in PARENTS.values()]
    return (documents_visible_to(principal, deleted=deleted)
            .select_related("desk", "created_by", "signed_by", *fields)
            .prefetch_related(Prefetch("versions", queryset=DocumentVersion.objects.select_related("uploaded_by")
                                       .order_by("number")), _current_versions()))


class DocumentViewSet(_StreamedUploads, _IdempotentUploads, viewsets.GenericViewSet):
    """One document (any parent), its new versions, downloads and deletion."""

    permission_classes = [WorksWithClients]
    serializer_class = s.DocumentDetailSerializer
    parser_classes = UPLOAD_PARSERS
    idempotency_exempt_actions = ("signature_request", "signature", "deletion")  # the uploads of versions only

    def _check_replay_reach(self, record):
        """A replayed new version answers only who may still add one to the document (404, 403 as a
        fresh request); the kept answer shows the document again: logged as any read of it."""
        note_read([self.document(for_write=True)])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        return _detail_queryset(self.request.user)

    def document(self, *, for_write=False) -> Document:
        document = get_object_or_404(self.get_queryset(), uuid=self.kwargs["id"])
        if for_write:
            spec = PARENTS[document.parent_kind]
            if not spec.workable(self.request.user).filter(pk=getattr(document, f"{spec.field}_id")).exists():
                self.permission_denied(self.request, message=_("You may read this document but not change it."))
        return document

    @extend_schema(summary="One document with all its versions", tags=["documents"])
    def retrieve(self, request, *args, **kwargs):
        return Response(s.DocumentDetailSerializer(self.document()).data)

    @extend_schema(summary="Upload a new version of the document (multipart/form-data)", tags=["documents"],
                   request={"multipart/form-data": s.DocumentVersionUploadSerializer},
                   responses={201: s.DocumentDetailSerializer, 409: CONFLICT, 413: TOO_LARGE})
    def new_version(self, request, *args, **kwargs):
        document = self.document(for_write=True)
        payload = s.DocumentVersionUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.document_add_version(actor=request.user, document=document, upload=payload.validated_data["file"])
        document = self.get_queryset().get(pk=document.pk)
        return Response(s.DocumentDetailSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Mark the document as awaiting a signature by a day", tags=["documents"],
                   request=s.SignatureRequestSerializer, responses={200: s.DocumentDetailSerializer, 409: SIGNED})
    def signature_request(self, request, *args, **kwargs):
        document = self.document(for_write=True)
        payload = s.SignatureRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.document_request_signature(actor=request.user, document=document,
                                            due_on=payload.validated_data["due_on"])
        return Response(s.DocumentDetailSerializer(self.get_queryset().get(pk=document.pk)).data)

    @extend_schema(summary="Record the document signed (optionally with the signed copy as a new version)",
                   tags=["documents"], request={"multipart/form-data": s.SignatureSerializer},
                   responses={200: s.DocumentDetailSerializer, 409: SIGNED, 413: TOO_LARGE})
    def signature(self, request, *args, **kwargs):
        document = self.document(for_write=True)
        payload = s.SignatureSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.document_sign(actor=request.user, document=document, upload=payload.validated_data.get("file"))
        return Response(s.DocumentDetailSerializer(self.get_queryset().get(pk=document.pk)).data)

    @extend_schema(summary="Delete the document (soft: kept until retention purges it)", tags=["documents"],
                   request=s.DocumentDeletionSerializer,
                   responses={200: s.DocumentDetailSerializer, 409: CONFLICT})
    def deletion(self, request, *args, **kwargs):
        document = self.document(for_write=True)
        payload = s.DocumentDeletionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = services.document_delete(actor=request.user, document=document,
                                            reason=payload.validated_data["reason"])
        document = _detail_queryset(request.user, deleted=True).get(pk=document.pk)
        return Response(s.DocumentDetailSerializer(document).data)


class DocumentContentViewSet(viewsets.GenericViewSet):
    """The file of one version, decrypted as it streams, as an attachment."""

    permission_classes = [WorksWithClients]
    serializer_class = s.DocumentVersionSerializer  # OPTIONS describes it

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)  # any Accept: the file, or a problem

    def get_queryset(self):
        return DocumentVersion.objects.none()

    @extend_schema(summary="Download a version's file (an attachment, never shown inline)", tags=["documents"],
                   responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def retrieve(self, request, *args, **kwargs):
        document = get_object_or_404(documents_visible_to(request.user), uuid=kwargs["id"])
        version = get_object_or_404(DocumentVersion.objects.filter(document=document), uuid=kwargs["version_id"])
        try:
            stream = services.open_version(version)
        except FileNotFoundError:
            raise Http404 from None
        note_read([document])  # logged whatever the parent
        response = FileResponse(stream, as_attachment=True, filename=version.file_name,
                                content_type=version.content_type)
        response["Content-Length"] = str(version.size)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "no-store"
        return response


class CertificateViewSet(IdempotentPostMixin, viewsets.GenericViewSet):
    """The praktijkverklaring certificate draft of an outcome, made and kept as its document (a retry
    with the same Idempotency-Key replays the answer instead of making a second draft)."""

    permission_classes = [WorksWithClients]
    serializer_class = s.DocumentDetailSerializer  # OPTIONS describes it
    lookup_field = "uuid"  # of the document made (the replay's Location)
    lookup_url_kwarg = "document_id"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        return documents_visible_to(self.request.user)

    @extend_schema(summary="Make the praktijkverklaring certificate draft (a PDF kept with the outcome)",
                   tags=["outcomes"], request=None,
                   responses={201: s.DocumentDetailSerializer, 409: OpenApiResponse(
                       description="The outcome is not a praktijkverklaring (`not_a_praktijkverklaring`).")})
    def create(self, request, *args, **kwargs):
        from documents.certificates import certificate_draft

        spec = PARENTS[ParentKind.OUTCOME]
        outcome = get_workable(self, spec.visible(request.user).select_related(*spec.related),
                               spec.workable(request.user), noun="outcome", case__uuid=kwargs["id"],
                               uuid=kwargs["outcome_id"])
        document = certificate_draft(actor=request.user, outcome=outcome)
        document = _detail_queryset(request.user).get(pk=document.pk)
        response = Response(s.DocumentDetailSerializer(document).data, status=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"/api/v1/documents/{document.uuid}")
        return response
