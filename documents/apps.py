from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Documents kept with a record (a client, case, referral, outcome, consent, employer or vacancy):
    their metadata and versions, the files in the `documents` storage (encrypted at rest), who may
    read them (the parent record's rules), the praktijkverklaring certificate draft."""

    name = "documents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from rwc.change_history import visible_through

        from .access import documents_visible_to
        from .models import Document, DocumentVersion

        # whose change rows a caller reads: as the documents' own endpoints show them (a deleted
        # document's rows too, to whoever read it before)
        def documents_ever_visible_to(principal):
            return documents_visible_to(principal, deleted=True)

        visible_through(Document, "id", documents_ever_visible_to)
        visible_through(DocumentVersion, "document_id", documents_ever_visible_to)
