from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Documents kept with a record (a client, case, referral, outcome, consent, employer or vacancy):
    their metadata and versions, the files in the `documents` storage (encrypted at rest), who may
    read them (the parent record's rules), the praktijkverklaring certificate draft."""

    name = "documents"
    default_auto_field = "django.db.models.BigAutoField"
