"""Demo documents: a few small generated files per demo region, through the same services as the
API (so they are encrypted in the `documents` storage like any other): a CV (plain text) for the
first demo clients with a case, and the certificate draft of each demo praktijkverklaring outcome.
Idempotent: a client or outcome that has a document already is left alone. Only demo clients."""
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.choices import OutcomeKind
from cases.models import Outcome
from demo.clients import demo_clients
from demo.organisation import demo_regions
from documents.certificates import certificate_draft
from documents.choices import ParentKind
from documents.models import Document
from documents.services import document_add

CVS_PER_REGION = 3


def _cv_text(client) -> bytes:
    name = " ".join(p for p in (client.given_names, client.name_prefix, client.surname) if p)
    return (f"Curriculum vitae\n\n{name}\n{client.city or ''}\n\nOpleiding: {client.get_education_level_display()}\n"
            "Werkervaring:\n- 2019-2024 Medewerker logistiek\n- 2016-2019 Verkoopmedewerker\n\n"
            "Vaardigheden: heftruckcertificaat, klantcontact, plannen\n").encode()


def seed_documents() -> int:
    """Add the demo documents that are missing; returns how many were added."""
    added = 0
    for region in demo_regions():
        clients = (demo_clients().filter(region=region, cases__isnull=False).distinct()
                   .order_by("id")[:CVS_PER_REGION])
        for client in clients:
            if Document.objects.filter(client=client, parent_kind=ParentKind.CLIENT).exists():
                continue
            document_add(actor=None, kind=ParentKind.CLIENT, parent=client,
                         upload=SimpleUploadedFile("cv.txt", _cv_text(client)),
                         data={"title": "Cv", "kind": "cv", "author": client.given_names})
            added += 1
        outcomes = (Outcome.objects.filter(kind=OutcomeKind.PRAKTIJKVERKLARING, case__client__in=demo_clients(),
                                           case__client__region=region, documents__isnull=True)
                    .select_related("case__client", "case__desk").order_by("id")[:CVS_PER_REGION])
        for outcome in outcomes:
            certificate_draft(actor=None, outcome=outcome)
            added += 1
    return added
