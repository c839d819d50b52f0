"""Every model of the project keeps a change history, or says here why not.

A new model that holds personal data or a decision someone may later question (a role, a budget, a
follow-up) must not slip in without its `<Model>Change` table; this keeps the choice explicit."""
import pytest
from django.apps import apps

from rwc import history

PROJECT_APPS = {"rwc", "accounts", "clients", "cases", "employers", "referrals", "services", "documents",
                "worklist", "reports", "privacy", "demo", "web", "api"}

UNTRACKED = {
    # logs of their own: append-only, each row already says who did what and when
    "rwc.ProcessingOperation": "the processing log itself",
    "rwc.ProcessingSubject": "the processing log itself",
    "clients.ClientEvent": "the client's event log, append-only",
    "cases.CaseStatusChange": "a log of status moves, append-only",
    "employers.ProposalStatusChange": "a log of status moves, append-only",
    "referrals.ReferralStatusChange": "a log of status moves, append-only",
    "referrals.OutboxEvent": "the transactional outbox, append-only",
    "referrals.WebhookDelivery": "delivery state of an outbox event, with its attempts",
    "referrals.DeliveryAttempt": "the delivery log, append-only",
    "worklist.ProcessedEvent": "which outbox events the worklist consumed (idempotency)",
    "rwc.IdempotencyRecord": "a cache of first responses, cleared after a day",
    # staff accounts and sign-in: changes there are in the rwc.security log
    "rwc.User": "last_login changes every sign-in; roles live in the tracked role tables; "
                "account changes are in the rwc.security log",
    "accounts.ExternalIdentity": "the single sign-on binding; written on first sign-in, in the rwc.security log",
    # the region's structure and catalogues, maintained by (functional) administrators in the admin,
    # whose own log (django_admin_log) records who changed what
    "rwc.Region": "structure, admin-maintained",
    "rwc.Desk": "structure, admin-maintained",
    "rwc.PartnerOrganisation": "structure, admin-maintained",
    "cases.Programme": "catalogue, admin-maintained",
    "services.ServiceOffering": "catalogue, admin-maintained",
    "services.TrainingProvider": "catalogue, admin-maintained",
    "employers.MatchingEvent": "an event's date and place, no personal data",
    # a person's own settings and inbox
    "worklist.Notification": "a person's inbox; read/unread only",
    "worklist.NotificationPreference": "a person's own digest setting",
    "worklist.CalendarFeed": "a person's feed secret; revoking replaces it",
    "referrals.WebhookEndpoint": "a partner system's endpoint; changes are in the rwc.security log",
    # attendance at matching events
    "employers.MatchingEventRegistration": "registration and attendance carry their own who/when columns",
    "employers.MatchingEventMatch": "written once per attendee and employer, with its own who/when",
    # demo data
    "demo.DemoClient": "demo data",
    "demo.DemoEmployer": "demo data",
}


def test_every_model_keeps_its_history_or_says_why_not():
    tracked = {change.pgh_tracked_model._meta.label for change in history.change_models()}
    models = {m._meta.label for m in apps.get_models()
              if m._meta.app_label in PROJECT_APPS and not hasattr(m, "pgh_tracked_model")}
    assert sorted(models - tracked - set(UNTRACKED)) == [], "track these (rwc.history.track) or say why not"
    assert sorted(set(UNTRACKED) & tracked) == [], "tracked now: remove from UNTRACKED"
    assert sorted(set(UNTRACKED) - models) == [], "no such model any more: remove from UNTRACKED"


@pytest.mark.django_db
def test_a_province_role_given_and_ended_leaves_its_history_with_who_did_it():
    from django.utils import timezone

    from rwc.models import ProvinceRole, User

    boss = User.objects.create(username="history-province-boss")
    with history.history_context(channel="admin", actor="functional-admin"):
        role = ProvinceRole.objects.create(user=boss, province="FL")
        role.ended_at = timezone.now()
        role.save()
    rows = list(role.changes.order_by("pgh_id").values_list("pgh_label", "pgh_context__metadata"))
    assert [label for label, _ in rows] == ["insert", "update"]
    assert all(meta["actor"] == "functional-admin" for _, meta in rows)
