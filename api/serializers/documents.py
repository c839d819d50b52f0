"""Documents as the API shows them, and the multipart upload's fields. The rules live in
documents.services, which names the offending field."""
from rest_framework import serializers

from documents.access import note_read
from documents.choices import DocumentKind, ParentKind, RetentionClass
from documents.models import Document, DocumentVersion

from .base import StrictInputMixin, UserRefSerializer
from .organisation import DeskRefSerializer


class DocumentVersionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    uploaded_by = UserRefSerializer(read_only=True, allow_null=True)
    content_url = serializers.SerializerMethodField(help_text="Where the file is downloaded (access-checked).")

    class Meta:
        model = DocumentVersion
        fields = ["id", "number", "file_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at",
                  "content_url"]
        read_only_fields = fields

    def get_content_url(self, version) -> str:
        return f"/api/v1/documents/{version.document.uuid}/versions/{version.uuid}/content"


class DocumentSerializer(serializers.ModelSerializer):
    """A document with its current version (the list) or all of them (the detail)."""

    id = serializers.UUIDField(source="uuid", read_only=True)
    parent_kind = serializers.ChoiceField(choices=ParentKind.choices, read_only=True)
    parent_id = serializers.SerializerMethodField(help_text="The id of the record the document is kept with.")
    desk = DeskRefSerializer(read_only=True)
    created_by = UserRefSerializer(read_only=True, allow_null=True)
    signed_by = UserRefSerializer(read_only=True, allow_null=True)
    current_version = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "parent_kind", "parent_id", "title", "kind", "author", "document_date", "confidential",
                  "retention_class", "generated", "signature_due_on", "signed_at", "signed_by", "desk", "created_by", "created_at", "updated_at", "version_count",
                  "current_version"]
        read_only_fields = fields

    def to_representation(self, instance):
        note_read([instance])  # shown: logged in the processing log, whatever the parent
        return super().to_representation(instance)

    def get_parent_id(self, document) -> str:
        return str(document.parent.uuid)

    def get_current_version(self, document) -> DocumentVersionSerializer:
        versions = getattr(document, "current_versions", None)
        version = versions[0] if versions else document.versions.order_by("-number").first()
        return DocumentVersionSerializer(version).data if version is not None else None


class DocumentDetailSerializer(DocumentSerializer):
    versions = DocumentVersionSerializer(many=True, read_only=True, help_text="Every version, oldest first.")

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "versions"]
        read_only_fields = fields


class DocumentUploadSerializer(StrictInputMixin, serializers.Serializer):
    """multipart/form-data: the file and its metadata."""

    file = serializers.FileField(help_text="The file (PDF, PNG, JPEG, GIF, WebP, Word, Excel, PowerPoint or "
                                           "plain text; the type is read from its bytes).")
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    author = serializers.CharField(max_length=200, required=False, allow_blank=True)
    document_date = serializers.DateField(required=False, help_text="Default: today.")
    confidential = serializers.BooleanField(required=False, default=False)
    retention_class = serializers.ChoiceField(choices=RetentionClass.choices, required=False,
                                              default=RetentionClass.WITH_RECORD)
    signature_due_on = serializers.DateField(required=False, help_text=(
        "The document awaits a signature by this day (a task reminds the case's owner or the desk)."))


class DocumentVersionUploadSerializer(StrictInputMixin, serializers.Serializer):
    """multipart/form-data: the new version's file."""

    file = serializers.FileField(help_text="The new version's file (the same types as a new document).")


class DocumentDeletionSerializer(StrictInputMixin, serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="Why the document is deleted (kept with it).")


class SignatureRequestSerializer(StrictInputMixin, serializers.Serializer):
    due_on = serializers.DateField(help_text="The day the signature is due (not before the document's date).")


class SignatureSerializer(StrictInputMixin, serializers.Serializer):
    """multipart/form-data (or JSON without a file): the signed copy is optional."""

    file = serializers.FileField(required=False, help_text="The signed copy, kept as the next version.")
