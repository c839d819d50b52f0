"""Who may see and add documents: the parent record's own rules, and confidentiality.

- A document is read by whoever may read its parent record (the parent's `*_visible_to`), and
  added or replaced by whoever may work on it (`*_workable_by`): a client's or consent's documents
  by the client's readers, a case's and an outcome's by the case's, an employer's and a vacancy's
  by the region's desk staff (added by its WSP staff).
- A referral's documents: the sending side always; the receiving desk only while the referral's
  consent (or legal basis) is in force and names that desk: without it the receiver sees the
  referral, but not the documents sent with it. The region's privacy officer reads them.
- A confidential document (as a confidential contact note) is read only by whoever added it and
  the team leads of the desk that keeps it.
- Partner systems see no documents (they reach people only through referrals' own fields).

`parent_for(principal, kind, **ids)` finds the parent the caller may read (None: a 404), and
`documents_visible_to(principal)` the documents the caller may read, whatever their parent.
`note_read(documents)` is the one place that decides how showing documents is logged: whatever
the parent, every read (a list, the detail, a download) is written to the processing log.
"""
from dataclasses import dataclass
from typing import Callable

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cases.access import cases_visible_to, cases_workable_by
from cases.models import Outcome
from cases.outcomes import outcomes_visible_to
from clients.access import clients_visible_to, clients_workable_by
from clients.models import Consent
from employers.employers import employers_visible_to, employers_workable_by
from employers.vacancies import vacancies_visible_to, vacancies_workable_by
from referrals.models import Referral
from rwc import processing
from rwc.access import profile_for
from rwc.models import RegionRoleKind

from .choices import ParentKind
from .models import Document


def _consent_covers_receiver() -> Q:
    """The referral's consent is in force now and names its receiving desk."""
    now = timezone.now()
    names_desk = Exists(Consent.desks.through.objects.filter(consent_id=OuterRef("consent_id"),
                                                             desk_id=OuterRef("to_desk_id")))
    return (Q(consent__withdrawn_at__isnull=True, consent__given_at__lte=now)
            & (Q(consent__valid_until__isnull=True) | Q(consent__valid_until__gte=timezone.localdate(now)))
            & names_desk)


def referrals_with_documents_visible_to(principal):
    """Referrals whose documents the principal reads (see the module's text)."""
    profile = profile_for(principal)
    if profile.is_partner:
        return Referral.objects.none()
    q = None
    if profile.desk_ids:
        q = Q(from_desk_id__in=profile.desk_ids) | (Q(to_desk_id__in=profile.desk_ids) & _consent_covers_receiver())
    officer = profile.regions_with_role(RegionRoleKind.PRIVACY_OFFICER)
    if officer:
        q = (q | Q(client__region_id__in=officer)) if q is not None else Q(client__region_id__in=officer)
    return Referral.objects.filter(q) if q is not None else Referral.objects.none()


def referrals_with_documents_workable_by(principal):
    profile = profile_for(principal)
    if profile.is_partner or not profile.member_desk_ids:
        return Referral.objects.none()
    return Referral.objects.filter(Q(from_desk_id__in=profile.desk_ids)
                                   | (Q(to_desk_id__in=profile.desk_ids) & _consent_covers_receiver()))


def consents_visible_to(principal):
    return Consent.objects.filter(client_id__in=clients_visible_to(principal, as_set=True).values("id"))


def consents_workable_by(principal):
    return Consent.objects.filter(client_id__in=clients_workable_by(principal).values("id"))


def outcomes_workable_by(principal):
    return Outcome.objects.filter(case_id__in=cases_workable_by(principal).values("id"))


@dataclass(frozen=True)
class Parent:
    kind: str
    field: str  # the document's foreign key
    visible: Callable
    workable: Callable
    related: tuple = ()  # what to load with the parent (its region, client)


PARENTS = {
    ParentKind.CLIENT: Parent(ParentKind.CLIENT, "client", clients_visible_to, clients_workable_by),
    ParentKind.CASE: Parent(ParentKind.CASE, "case", cases_visible_to, cases_workable_by, ("client", "desk")),
    ParentKind.REFERRAL: Parent(ParentKind.REFERRAL, "referral", referrals_with_documents_visible_to,
                                referrals_with_documents_workable_by, ("client",)),
    ParentKind.OUTCOME: Parent(ParentKind.OUTCOME, "outcome", outcomes_visible_to, outcomes_workable_by,
                               ("case__client", "case__desk")),
    ParentKind.CONSENT: Parent(ParentKind.CONSENT, "consent", consents_visible_to, consents_workable_by, ("client",)),
    ParentKind.EMPLOYER: Parent(ParentKind.EMPLOYER, "employer", employers_visible_to, employers_workable_by),
    ParentKind.VACANCY: Parent(ParentKind.VACANCY, "vacancy", vacancies_visible_to, vacancies_workable_by,
                               ("employer",)),
}


def parent_client(kind: str, parent):
    """The person a parent record concerns (None for an employer or a vacancy)."""
    if kind == ParentKind.CLIENT:
        return parent
    if kind == ParentKind.OUTCOME:
        return parent.case.client
    if kind in (ParentKind.EMPLOYER, ParentKind.VACANCY):
        return None
    return parent.client


def parent_region_id(kind: str, parent) -> int:
    if kind == ParentKind.VACANCY:
        return parent.employer.region_id
    if kind == ParentKind.EMPLOYER:
        return parent.region_id
    return parent_client(kind, parent).region_id


def confidential_filter(principal) -> Q:
    """Confidential documents only for whoever added them and the keeping desk's team leads."""
    profile = profile_for(principal)
    return Q(confidential=False) | Q(created_by_id=profile.user_id) | Q(desk_id__in=profile.team_lead_desk_ids)


def documents_of(principal, kind: str, parent):
    """The parent's documents the principal reads (the parent already found through `parent_for`)."""
    return (Document.objects.filter(parent_kind=kind, **{PARENTS[kind].field: parent}, deleted_at__isnull=True)
            .filter(confidential_filter(principal)))


def documents_visible_to(principal, *, deleted: bool = False):
    """Every document the principal reads, whatever its parent (one sub-select per kind of parent)."""
    profile = profile_for(principal)
    if profile.is_partner:
        return Document.objects.none()
    q = None
    for parent in PARENTS.values():
        part = Q(parent_kind=parent.kind, **{f"{parent.field}_id__in": parent.visible(principal).values("id")})
        q = part if q is None else q | part
    qs = Document.objects.filter(q).filter(confidential_filter(principal))
    return qs if deleted else qs.filter(deleted_at__isnull=True)


def note_read(documents) -> None:
    """These documents (their metadata or a file) are shown: logged in the processing log whatever
    their parent, with the person a document concerns as its subject. An employer's or a vacancy's
    document names no client, but may hold personal data of its contact persons or of candidates,
    so its read is logged too (without a subject). Nothing is noted for no documents, and an error
    answer is never logged for them (`rwc.processing`)."""
    documents = list(documents)
    if documents:
        processing.note_subjects(d.client_id for d in documents)
        processing.note_records_read()
