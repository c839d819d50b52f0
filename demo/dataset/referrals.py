"""Referrals in every state with their status history; for each accepted referral to a desk a
grant resting on the client's consent, and for half of those a case at the receiving desk."""
from clients.models import ClientDeskGrant
from referrals.models import Referral, ReferralStatusChange

from .copy import NULL, Table
from .names import (
    DECLINE_REASONS,
    FAILURE_REASONS,
    OUTCOME_SUMMARIES,
    REFERRAL_REASONS,
    SERVICES,
    SHARED_CATEGORIES,
    URGENCIES,
)

DAY = 96
ACCEPTED = {"accepted", "in_progress", "completed", "failed"}
PATHS = {  # status -> the moves after "requested": (to status, side)
    "requested": [],
    "accepted": [("accepted", "receiver")],
    "declined": [("declined", "receiver")],
    "withdrawn": [("withdrawn", "sender")],
    "expired": [("expired", "system")],
    "in_progress": [("accepted", "receiver"), ("in_progress", "receiver")],
    "completed": [("accepted", "receiver"), ("in_progress", "receiver"), ("completed", "receiver")],
    "failed": [("accepted", "receiver"), ("failed", "receiver")],
}
FAILED_AFTER_PROGRESS = [("accepted", "receiver"), ("in_progress", "receiver"), ("failed", "receiver")]


def tables() -> dict[str, Table]:
    return {
        "referral": Table(Referral, "id uuid client_id from_desk_id from_partner_id to_desk_id to_partner_id reason "
                                    "service_requested urgency message warm_handover planned_meeting_at "
                                    "shared_categories consent_id status sent_at sent_by_id answer_due_at "
                                    "answered_at decline_reason outcome_summary failure_reason case_id grant_id "
                                    "version partner_reference"),
        "referral_status": Table(ReferralStatusChange, "id referral_id from_status to_status at by_id note"),
        "grant": Table(ClientDeskGrant, "id permission_id group_id reason granted_by_id granted_at content_object_id "
                                        "consent_id"),
    }


class Referrals:
    def __init__(self, gen, cases, view_client_permission: int):
        self.gen = gen
        self.cases = cases
        self.permission = str(view_client_permission)

    def referral(self, client_id, benefit, youth, region, sender, receiver, consent_id, sent, status):
        """`sender`/`receiver`: ("desk", DeskInfo) or ("partner", (id, name)). Times derive from `sent`."""
        gen, rng, ids, clock = self.gen, self.gen.rng, self.gen.ids.next, self.gen.clock
        ts = clock.ts
        referral_id = ids["referral"]
        ids["referral"] += 1
        uuid = gen.uuid()
        from_desk = sender[1] if sender[0] == "desk" else None
        to_desk = receiver[1] if receiver[0] == "desk" else None
        sender_name = from_desk.name if from_desk else sender[1][1]
        receiver_name = to_desk.name if to_desk else receiver[1][1]
        sender_user = rng.choice(from_desk.counsellors) if from_desk else None
        receiver_user = rng.choice(to_desk.counsellors) if to_desk else None
        due = sent + 10 * DAY
        path = PATHS[status]
        if status == "failed" and rng.random() < 0.5:
            path = FAILED_AFTER_PROGRESS
        answered = sent + rng.randint(DAY // 4, 9 * DAY)
        progress = answered + rng.randint(DAY, 14 * DAY)
        final = max(progress + 1, min(progress + rng.randint(20 * DAY, 200 * DAY), clock.now - 1))
        times = {"accepted": answered, "declined": answered, "withdrawn": sent + rng.randint(DAY // 4, 9 * DAY),
                 "expired": due + rng.randint(1, DAY - 1), "in_progress": progress, "completed": final,
                 "failed": final if len(path) == 3 else progress}
        service = rng.choice(SERVICES)
        decline = outcome = failure = ""
        rows = gen.tables["referral_status"].rows
        sid = ids["referral_status"]
        rows.append(f"{sid}\t{referral_id}\t\trequested\t{ts[sent]}\t{sender_user or NULL}\tsent")
        gen.event(client_id, sent, "referral_sent", f"Referred by {sender_name} to {receiver_name}: {service}",
                  sender_user, from_desk.id if from_desk else None, uuid, None)
        previous = "requested"
        grant_id = case_id = NULL
        for to, side in path:
            sid += 1
            at = times[to]
            note = ""
            if to == "declined":
                note = decline = rng.choice(DECLINE_REASONS)
            elif to == "completed":
                note = outcome = rng.choice(OUTCOME_SUMMARIES)
            elif to == "failed":
                note = failure = rng.choice(FAILURE_REASONS)
            elif to == "expired":
                note = "not answered in time"
            by = receiver_user if side == "receiver" else (sender_user if side == "sender" else None)
            rows.append(f"{sid}\t{referral_id}\t{previous}\t{to}\t{ts[at]}\t{by or NULL}\t{note}")
            desk = to_desk if side == "receiver" else (from_desk if side == "sender" else None)
            gen.event(client_id, at, "referral_status_changed", f"Referral to {receiver_name}: {previous} -> {to}", by,
                      desk.id if desk else None, uuid, None)
            if to == "accepted" and to_desk is not None:
                grant_id = str(self._grant(client_id, to_desk, receiver_user, sender_name, consent_id, at))
            previous = to
        ids["referral_status"] = sid + 1
        if grant_id != NULL and rng.random() < 0.5:  # the receiving desk opened a case on the grant
            case_id = str(self._case(client_id, benefit, youth, region, to_desk, receiver_user, answered, status,
                                     times.get(status), grant_id))
        answered_s = ts[answered] if status != "requested" and path[0][0] in ("accepted", "declined") else NULL
        gen.tables["referral"].rows.append("\t".join((
            str(referral_id), uuid, str(client_id), str(from_desk.id) if from_desk else NULL,
            NULL if from_desk else str(sender[1][0]), str(to_desk.id) if to_desk else NULL,
            NULL if to_desk else str(receiver[1][0]), rng.choice(REFERRAL_REASONS), service, rng.choice(URGENCIES), "",
            "f", NULL, rng.choice(SHARED_CATEGORIES), str(consent_id), previous, ts[sent],
            str(sender_user) if sender_user else NULL, ts[due], answered_s, decline, outcome, failure, case_id,
            grant_id, str(1 + len(path)), f"P-{referral_id}" if from_desk is None else "")))

    def _grant(self, client_id, desk, user, sender_name, consent_id, at) -> int:
        gen, ids = self.gen, self.gen.ids.next
        grant_id = ids["grant"]
        ids["grant"] += 1
        reason = f"Accepted referral from {sender_name}"
        gen.tables["grant"].rows.append(f"{grant_id}\t{self.permission}\t{desk.group_id}\t{reason}\t{user}\t"
                                        f"{gen.clock.ts[at]}\t{client_id}\t{consent_id}")
        gen.event(client_id, at, "grant_given", f"{desk.name} was given access: {reason}", user, None, None, None)
        return grant_id

    def _case(self, client_id, benefit, youth, region, desk, owner, opened, status, ended, grant_id) -> int:
        rng = self.gen.rng
        if status == "completed":
            closed, reason = ended, rng.choice(["work", "work", "education", "referred_elsewhere"])
        elif status == "failed":
            closed, reason = ended, rng.choice(["no_contact", "no_longer_wants_help", "moved_away"])
        else:
            closed, reason = None, ""
        open_status = "active" if status == "in_progress" else rng.choice(["registered", "intake"])
        case_id, _ = self.cases.case(client_id, benefit, youth, region, desk, "general", owner, opened, closed,
                                     open_status, reason, grant_id)
        return case_id
