"""The praktijkverklaring certificate draft: a PDF made from a praktijkverklaring outcome, stored
as a document of that outcome (kind `praktijkverklaring`, marked `generated`).

A draft: the SBB-recognised learning company and the school sign the real one. It says what the
outcome records (the qualification file and crebo, the work processes shown, the learning company,
the school, the date), in Dutch, as the praktijkverklaring is issued in Dutch. Made with
reportlab's platypus (paragraphs and a table flowing over pages), in memory: a page or two.
"""
import io
from datetime import date
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from cases.choices import OutcomeKind
from rwc.errors import Conflict

from .choices import DocumentKind, ParentKind
from .services import document_add


def _p(text, style):
    return Paragraph(escape(str(text)), style)


def certificate_pdf(outcome) -> bytes:
    """The draft's bytes (the outcome with its case and client loaded)."""
    client, styles = outcome.case.client, getSampleStyleSheet()
    body, small = styles["BodyText"], styles["Italic"]
    name = " ".join(p for p in (client.given_names, client.name_prefix, client.surname) if p)
    rows = [["Naam", name], ["Geboortedatum", client.birth_date.strftime("%d-%m-%Y")],
            ["Kwalificatiedossier", outcome.qualification_title or "-"], ["Crebo", outcome.crebo_code or "-"],
            ["Leerbedrijf", outcome.learning_company or "-"], ["School", outcome.school or "-"],
            ["Datum", outcome.date.strftime("%d-%m-%Y")]]
    story = [_p("Praktijkverklaring (concept)", styles["Title"]),
             _p("Deze verklaring laat zien welke werkprocessen uit het kwalificatiedossier de deelnemer in de "
                "praktijk beheerst. Concept: het erkende leerbedrijf en de school ondertekenen de definitieve "
                "verklaring.", body), Spacer(1, 6 * mm)]
    table = Table([[_p(k, body), _p(v, body)] for k, v in rows], colWidths=[45 * mm, 120 * mm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [table, Spacer(1, 6 * mm), _p("Aangetoonde werkprocessen", styles["Heading2"])]
    processes = outcome.work_processes or []
    story += [_p(f"- {wp}", body) for wp in processes] or [_p("(geen vastgelegd)", body)]
    story += [Spacer(1, 12 * mm), _p("Handtekening leerbedrijf: ____________________    "
                                     "Handtekening school: ____________________", body),
              Spacer(1, 4 * mm), _p(f"Opgesteld op {date.today().strftime('%d-%m-%Y')} door het Regionaal Werkcentrum.",
                                    small)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title="Praktijkverklaring (concept)", author="Regionaal Werkcentrum",
                      leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm).build(story)
    return buffer.getvalue()


def certificate_draft(*, actor, outcome):
    """Make the draft and keep it with the outcome; 409 for an outcome of another kind."""
    if outcome.kind != OutcomeKind.PRAKTIJKVERKLARING:
        raise Conflict(_("Only a praktijkverklaring outcome has a certificate."), code="not_a_praktijkverklaring")
    upload = SimpleUploadedFile("praktijkverklaring-concept.pdf", certificate_pdf(outcome), "application/pdf")
    return document_add(actor=actor, kind=ParentKind.OUTCOME, parent=outcome, upload=upload, generated=True, data={
        "title": f"Praktijkverklaring (concept) {outcome.qualification_title or outcome.crebo_code}".strip(),
        "kind": DocumentKind.PRAKTIJKVERKLARING, "author": "Regionaal Werkcentrum", "document_date": date.today()})
