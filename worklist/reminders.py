"""Derived reminders become tasks, once each (the task's unique `source_key`), run by beat
(`worklist.derive_reminders`, every REMINDER_SECONDS):

- a placement's follow-up due within REMINDER_LEAD_DAYS and not recorded: for the case's owner
  (the first point, key `outcome:<id>:follow-up`, and each later point of 12, 24 ... months, key
  `follow-up:<id>:due`);
- an agreement of an open case past its date and not done: for the case's owner;
- a referral to a desk still unanswered past its answer date: for the receiving desk's pool;
- a consent that an open referral from a desk rests on, ending within REMINDER_LEAD_DAYS: for the
  counsellor who sent it (the desk's pool when they left);
- a document awaiting a signature due within REMINDER_LEAD_DAYS (or past): about its parent record
  (a case's or outcome's document: the case, for the case's owner; a client's or consent's: the
  client, a referral's: the referral, an employer's or vacancy's: the employer, for the pool of the
  desk that keeps the document); a confidential one for whoever added it, else that desk's pool.
  The task names the record, never the document (whose title may say more than its record); it is
  done by itself once the document is signed, cancelled once it is deleted (`settle_signatures`).
Each candidate is picked by an indexed filter and an `EXISTS` probe on the task's key, so a run
after the first only reads what is new; a run is bounded (BATCH per kind) and the next one goes on.
"""
from datetime import timedelta

from django.conf import settings
from django.db.models import CharField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import CaseStatus, OutcomeKind
from cases.models import Agreement, Outcome, PlacementFollowUp
from documents.choices import ParentKind
from documents.models import Document
from referrals.choices import ReferralStatus
from referrals.models import Referral

from .choices import SubjectKind, TaskOrigin, TaskPriority, TaskStatus
from .models import Task
from .notifications import _worker_text
from .todo import subject_of, task_derive, works_at

BATCH = 500


def _not_derived(prefix: str, suffix: str, column: str = "pk"):
    key = Concat(Value(prefix), Cast(OuterRef(column), CharField()), Value(suffix), output_field=CharField())
    return ~Exists(Task.objects.filter(source_key=key))


def _owner_or_pool(case):
    return case.owner if works_at(case.owner, case.desk) else None


def follow_ups(today, lead) -> int:
    made = 0
    due = (Outcome.objects.filter(kind=OutcomeKind.PLACEMENT, follow_up_recorded_at__isnull=True,
                                  follow_up_due_on__lte=today + lead)
           .filter(_not_derived("outcome:", ":follow-up")).select_related("case__desk", "case__owner")[:BATCH])
    for outcome in due:
        case = outcome.case
        made += task_derive(desk=case.desk, subject=subject_of(SubjectKind.CASE, case), origin=TaskOrigin.FOLLOW_UP_DUE,
                            source_key=f"outcome:{outcome.pk}:follow-up", assignee=_owner_or_pool(case),
                            title=_worker_text(_("Record the placement's follow-up")),
                            due_on=outcome.follow_up_due_on) is not None
    return made + later_follow_ups(today, lead)


def later_follow_ups(today, lead) -> int:
    made = 0
    due = (PlacementFollowUp.objects.filter(recorded_at__isnull=True, due_on__lte=today + lead)
           .filter(_not_derived("follow-up:", ":due")).select_related("placement__case__desk",
                                                                        "placement__case__owner")[:BATCH])
    for point in due:
        case = point.placement.case
        made += task_derive(desk=case.desk, subject=subject_of(SubjectKind.CASE, case), origin=TaskOrigin.FOLLOW_UP_DUE,
                            source_key=f"follow-up:{point.pk}:due", assignee=_owner_or_pool(case),
                            title=_worker_text(_("Record the placement's follow-up after %(months)s months"))
                            % {"months": point.months},
                            due_on=point.due_on) is not None
    return made


def overdue_agreements(today) -> int:
    made = 0
    overdue = (Agreement.objects.filter(done_on__isnull=True, due_on__lt=today).exclude(case__status=CaseStatus.CLOSED)
               .filter(_not_derived("agreement:", ":overdue")).select_related("case__desk", "case__owner")[:BATCH])
    for agreement in overdue:
        case = agreement.case
        made += task_derive(desk=case.desk, subject=subject_of(SubjectKind.CASE, case),
                            origin=TaskOrigin.AGREEMENT_OVERDUE, source_key=f"agreement:{agreement.pk}:overdue",
                            assignee=_owner_or_pool(case), title=_worker_text(_("An agreement in the plan is overdue")),
                            due_on=today) is not None
    return made


def unanswered_referrals(now, today) -> int:
    made = 0
    waiting = (Referral.objects.filter(status=ReferralStatus.REQUESTED, answer_due_at__lt=now, to_desk__isnull=False)
               .filter(_not_derived("referral:", ":unanswered")).select_related("to_desk")[:BATCH])
    for referral in waiting:
        made += task_derive(desk=referral.to_desk, subject=subject_of(SubjectKind.REFERRAL, referral),
                            origin=TaskOrigin.REFERRAL_UNANSWERED, source_key=f"referral:{referral.pk}:unanswered",
                            title=_worker_text(_("A referral waits for an answer past its deadline")),
                            due_on=today, priority=TaskPriority.HIGH) is not None
    return made


def expiring_consents(today, lead) -> int:
    made = 0
    open_statuses = (ReferralStatus.REQUESTED, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)
    resting = (Referral.objects.filter(status__in=open_statuses, from_desk__isnull=False,
                                       consent__withdrawn_at__isnull=True, consent__valid_until__gte=today,
                                       consent__valid_until__lte=today + lead)
               .filter(_not_derived("referral:", ":consent-expiring")).select_related("from_desk", "sent_by",
                                                                                    "consent")[:BATCH])
    for referral in resting:
        sender = referral.sent_by if referral.sent_by and works_at(referral.sent_by, referral.from_desk) else None
        made += task_derive(desk=referral.from_desk, subject=subject_of(SubjectKind.REFERRAL, referral),
                            origin=TaskOrigin.CONSENT_EXPIRING, source_key=f"referral:{referral.pk}:consent-expiring",
                            assignee=sender, title=_worker_text(_("The consent a referral rests on ends soon")),
                            due_on=referral.consent.valid_until, priority=TaskPriority.HIGH) is not None
    return made


def _signature_holder(document: Document):
    """(desk, subject, assignee) of a document's signature reminder."""
    kind = document.parent_kind
    if kind in (ParentKind.CASE, ParentKind.OUTCOME):
        case = document.case if kind == ParentKind.CASE else document.outcome.case
        desk, subject, owner = case.desk, subject_of(SubjectKind.CASE, case), _owner_or_pool(case)
    elif kind == ParentKind.REFERRAL:
        desk, subject, owner = document.desk, subject_of(SubjectKind.REFERRAL, document.referral), None
    elif kind in (ParentKind.EMPLOYER, ParentKind.VACANCY):
        employer = document.employer if kind == ParentKind.EMPLOYER else document.vacancy.employer
        desk, subject, owner = document.desk, subject_of(SubjectKind.EMPLOYER, employer), None
    else:
        desk, subject, owner = document.desk, subject_of(SubjectKind.CLIENT, document.client), None
    if document.confidential:  # only its author and the keeping desk's team leads read it
        desk = document.desk
        owner = document.created_by if document.created_by and works_at(document.created_by, desk) else None
    return desk, subject, owner


def unsigned_documents(today, lead) -> int:
    made = 0
    waiting = (Document.objects.filter(signature_due_on__lte=today + lead, signed_at__isnull=True,
                                       deleted_at__isnull=True)
               .filter(_not_derived("document:", ":signature"))
               .select_related("desk", "client", "case__desk", "case__owner", "outcome__case__desk",
                               "outcome__case__owner", "referral", "employer", "vacancy__employer",
                               "created_by")[:BATCH])
    for document in waiting:
        desk, subject, assignee = _signature_holder(document)
        made += task_derive(desk=desk, subject=subject, origin=TaskOrigin.SIGNATURE_DUE,
                            source_key=f"document:{document.pk}:signature", assignee=assignee,
                            title=_worker_text(_("A document awaits a signature")),
                            due_on=document.signature_due_on) is not None
    return made


def settle_signatures(now) -> int:
    """A signature reminder is done once its document is signed, and cancelled once the document is
    deleted: nobody has to tick off a reminder the record already answers. One UPDATE for both."""
    key = Concat(Value("document:"), Cast("pk", CharField()), Value(":signature"), output_field=CharField())
    settled = 0
    for status, answered in ((TaskStatus.DONE, Q(signed_at__isnull=False, deleted_at__isnull=True)),
                             (TaskStatus.CANCELLED, Q(deleted_at__isnull=False))):
        documents = Document.objects.filter(answered).annotate(key=key).filter(key=OuterRef("source_key"))
        settled += (Task.objects.filter(origin=TaskOrigin.SIGNATURE_DUE, status=TaskStatus.OPEN)
                    .filter(Exists(documents))
                    .update(status=status, status_changed_at=now, version=F("version") + 1))
    return settled


def derive_reminders(now=None) -> dict:
    now = now or timezone.now()
    today, lead = timezone.localdate(now), timedelta(days=settings.REMINDER_LEAD_DAYS)
    return {"follow_up_due": follow_ups(today, lead), "agreement_overdue": overdue_agreements(today),
            "referral_unanswered": unanswered_referrals(now, today), "consent_expiring": expiring_consents(today, lead),
            "signature_due": unsigned_documents(today, lead), "signature_settled": settle_signatures(now)}
