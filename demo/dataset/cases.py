"""Cases with their status history, contacts and plan; transitions; outcomes (placements with
their follow-up, education started, praktijkverklaringen, certificates)."""
from cases.models import Agreement, Case, CaseStatusChange, ContactMoment, Outcome, Transition

from .copy import NULL, Table
from .names import (
    AGREEMENT_COUNTS,
    AGREEMENTS,
    CERTIFICATES,
    CHANNEL_LABEL,
    CHANNELS,
    CLOSING_REASON_OTHER,
    CONTACT_COUNTS,
    CONTACT_KINDS,
    CONTACT_LABEL,
    CONTRACTS,
    DURATIONS,
    EDUCATION_PROGRAMMES,
    HOURS,
    INSTRUMENTS,
    MOVE_LABEL,
    PRAKTIJKVERKLARINGEN,
    SUMMARIES,
    WORK,
)

DAY = 96
POSITION_LABEL = {"employed": "Employed", "self_employed": "Self-employed", "in_education": "In education",
                  "unemployed_with_benefit": "Unemployed with a benefit",
                  "not_working_no_benefit": "Not working, no benefit", "at_school": "At school"}
CLOSED_PATHS = [["closed"]] * 10 + [["intake", "closed"]] * 15 + [["intake", "active", "closed"]] * 65 + [
    ["intake", "active", "paused", "closed"]] * 10
OPEN_PATHS = {"registered": [], "intake": ["intake"], "active": ["intake", "active"],
              "paused": ["intake", "active", "paused"]}
WITH_BENEFIT = {"ww", "bijstand", "wajong", "wia", "other"}


def tables() -> dict[str, Table]:
    return {
        "case": Table(Case, "id uuid client_id desk_id programme_id owner_id status opened_at status_changed_at "
                            "closed_at closing_reason created_by_id version access_grant_id"),
        "case_status": Table(CaseStatusChange, "id case_id from_status to_status at by_id reason"),
        "contact": Table(ContactMoment, "id uuid case_id at channel kind summary duration_minutes follow_up_on "
                                        "confidential recorded_by_id recorded_at"),
        "agreement": Table(Agreement, "id uuid case_id what who due_on done_on created_by_id created_at"),
        "transition": Table(Transition, "id uuid client_id case_id date from_position to_position contract_type "
                                        "hours_per_week employer_name sector occupation institution "
                                        "education_programme education_level learning_route benefit source verified "
                                        "recorded_by_id recorded_at"),
        "outcome": Table(Outcome, "id uuid case_id kind date transition_id instrument follow_up_due_on "
                                  "follow_up_recorded_at follow_up_recorded_by_id still_in_work crebo_code "
                                  "qualification_title work_processes learning_company learning_company_sbb_recognised "
                                  "school sector recorded_by_id recorded_at"),
    }


def office(tick: int) -> int:
    """The same day, moved into office hours (08:00-17:00 UTC)."""
    return tick - tick % DAY + 32 + (tick % DAY) * 36 // DAY


class Cases:
    def __init__(self, gen, programmes: dict[str, int], follow_up_months: dict[str, int]):
        self.gen = gen
        self.programmes = programmes
        self.follow_up_months = follow_up_months

    def case(self, client_id, benefit, youth, region, desk, programme, owner, opened, closed, status,
             closing_reason="", grant_id=NULL) -> tuple[int, str]:
        """One case: `closed` is its closing tick (status closed) or None (open, in `status`)."""
        gen, rng, ids, clock = self.gen, self.gen.rng, self.gen.ids.next, self.gen.clock
        ts, event = clock.ts, gen.event
        case_id = ids["case"]
        ids["case"] += 1
        uuid = gen.uuid()
        owner_s, desk_id = str(owner), desk.id
        end = closed if closed is not None else clock.now - 1
        path = rng.choice(CLOSED_PATHS) if closed is not None else OPEN_PATHS[status]
        moves = sorted(rng.randint(opened + 1, max(end - 1, opened + 1)) for _ in path)
        if closed is not None:
            moves[-1] = closed
        event(client_id, opened, "case_opened", f"Case opened at {desk.name}: {programme}", owner, desk_id, uuid,
              desk_id)
        rows = gen.tables["case_status"].rows
        sid = ids["case_status"]
        rows.append(f"{sid}\t{case_id}\t\tregistered\t{ts[opened]}\t{owner_s}\topened")
        previous = "registered"
        for to, at in zip(path, moves):
            sid += 1
            reason = ""
            summary = f"Case {MOVE_LABEL[(previous, to)]}: {previous} -> {to}"
            if to == "closed":
                reason = closing_reason
                if closing_reason == "other":
                    reason += ": " + rng.choice(CLOSING_REASON_OTHER)
                summary += f" ({closing_reason})"
            rows.append(f"{sid}\t{case_id}\t{previous}\t{to}\t{ts[at]}\t{owner_s}\t{reason}")
            event(client_id, at, "case_status_changed", summary, owner, desk_id, uuid, desk_id)
            previous = to
        ids["case_status"] = sid + 1
        changed = moves[-1] if moves else opened
        gen.tables["case"].rows.append("\t".join((
            str(case_id), uuid, str(client_id), str(desk_id), str(self.programmes[programme]), owner_s, previous,
            ts[opened], ts[changed], ts[closed] if closed is not None else NULL, closing_reason, owner_s,
            str(1 + len(path)), grant_id)))
        self._contacts(client_id, case_id, desk_id, owner, opened, end)
        self._agreements(case_id, owner_s, opened, end)
        if closed is not None:
            self._results(client_id, case_id, benefit, youth, region, desk, programme, owner, opened, closed,
                          closing_reason)
        return case_id, uuid

    def _contacts(self, client_id, case_id, desk_id, owner, opened, end):
        gen, rng, ids, clock = self.gen, self.gen.rng, self.gen.ids.next, self.gen.clock
        ts, dates = clock.ts, clock.date
        rows = gen.tables["contact"].rows
        owner_s = str(owner)
        span = max(end - opened, 1)
        ticks = sorted(max(opened, min(end, office(opened + int(rng.random() * span))))
                       for _ in range(rng.choice(CONTACT_COUNTS)))
        for index, at in enumerate(ticks):
            kind = "intake" if index == 0 else rng.choice(CONTACT_KINDS)
            channel = rng.choice(CHANNELS)
            r = rng.random()
            follow_up = dates[at // DAY + 14] if r < 0.3 else NULL
            confidential = r > 0.95
            uuid = gen.uuid()
            rows.append("\t".join((str(ids["contact"]), uuid, str(case_id), ts[at], channel, kind,
                                   rng.choice(SUMMARIES), rng.choice(DURATIONS), follow_up,
                                   "t" if confidential else "f", owner_s, ts[at])))
            ids["contact"] += 1
            if not confidential:  # as the service: a confidential note stays in the contact log only
                gen.event(client_id, at, "contact_recorded", f"{CONTACT_LABEL[kind]} ({CHANNEL_LABEL[channel]})",
                          owner, desk_id, uuid, desk_id)

    def _agreements(self, case_id, owner_s, opened, end):
        gen, rng, ids, clock = self.gen, self.gen.rng, self.gen.ids.next, self.gen.clock
        rows = gen.tables["agreement"].rows
        first, last = opened // DAY + 7, end // DAY + 30
        for _ in range(rng.choice(AGREEMENT_COUNTS)):
            due = rng.randint(first, max(last, first))
            done = clock.date[due - rng.randint(0, 5)] if due <= clock.today_day and rng.random() < 0.65 else NULL
            rows.append("\t".join((str(ids["agreement"]), gen.uuid(), str(case_id), rng.choice(AGREEMENTS),
                                   "client" if rng.random() < 0.7 else "counsellor", clock.date[due], done, owner_s,
                                   clock.ts[opened])))
            ids["agreement"] += 1

    def transition(self, client_id, case_id, day, from_position, to_position, source, recorded_by, desk_id,
                   work=None, education=None, benefit="", verified=False, recorded=None) -> int:
        gen, ids, clock = self.gen, self.gen.ids.next, self.gen.clock
        transition_id = ids["transition"]
        ids["transition"] += 1
        uuid = gen.uuid()
        contract = hours = employer = sector = occupation = institution = programme = level = route = ""
        hours = NULL
        if work is not None:
            _text, occupation, employer, sector = work  # the sector's code (the fixed list)
            contract, hours = gen.rng.choice(CONTRACTS), gen.rng.choice(HOURS)
        if education is not None:
            institution, (programme, level, route) = education
        at = recorded if recorded is not None else day * DAY + 40
        gen.tables["transition"].rows.append("\t".join((
            str(transition_id), uuid, str(client_id), str(case_id) if case_id else NULL, clock.date[day], from_position,
            to_position, contract, hours, employer, sector, occupation, institution, programme, level, route, benefit,
            source, "t" if verified else "f", str(recorded_by), clock.ts[at])))
        gen.event(client_id, at, "transition_recorded",
                  f"Transition: {POSITION_LABEL[from_position]} -> {POSITION_LABEL[to_position]}", recorded_by,
                  desk_id, uuid, desk_id)
        return transition_id

    def _outcome(self, client_id, case_id, desk_id, owner, kind, label, day, transition_id=NULL, instrument="",
                 due=NULL, recorded=NULL, still=NULL, crebo="", title="", processes="[]", company="", sbb=NULL,
                 school="", sector=""):
        gen, ids, clock = self.gen, self.gen.ids.next, self.gen.clock
        outcome_id = ids["outcome"]
        ids["outcome"] += 1
        uuid = gen.uuid()
        at = day * DAY + 44
        due_s = clock.date[due] if due != NULL else NULL
        gen.tables["outcome"].rows.append("\t".join((
            str(outcome_id), uuid, str(case_id), kind, clock.date[day], str(transition_id), instrument, due_s,
            clock.ts[recorded] if recorded != NULL else NULL, str(owner) if recorded != NULL else NULL, still, crebo,
            title, processes, company, sbb, school, sector, str(owner), clock.ts[at])))
        summary = f"Outcome: {label}" + (f" ({title})" if title else "") + (f", follow-up due {due_s}" if due != NULL
                                                                            else "")
        gen.event(client_id, at, "outcome_recorded", summary, owner, desk_id, uuid, desk_id)
        if recorded != NULL:
            gen.event(client_id, recorded, "follow_up_recorded", "Placement follow-up: " + (
                "still in work" if still == "t" else "no longer in work"), owner, desk_id, uuid, desk_id)

    def _results(self, client_id, case_id, benefit, youth, region, desk, programme, owner, opened, closed, reason):
        """What the closing reason implies: a transition and a placement (with its follow-up) or an
        education start; praktijkverklaringen for some cases under that programme; a few certificates."""
        rng, clock = self.gen.rng, self.gen.clock
        first, last = (opened + closed) // 2 // DAY, closed // DAY
        day = rng.randint(min(first, last), last)
        previous = "at_school" if youth and rng.random() < 0.5 else (
            "unemployed_with_benefit" if benefit in WITH_BENEFIT else "not_working_no_benefit")
        if reason == "work":
            work = rng.choice(WORK)
            transition_id = self.transition(client_id, case_id, day, previous,
                                            "self_employed" if rng.random() < 0.05 else "employed",
                                            "counsellor" if rng.random() < 0.7 else "employer", owner, desk.id,
                                            work=work, verified=rng.random() < 0.6)
            due = clock.months_later(day, self.follow_up_months[programme])
            recorded = still = NULL
            if due <= clock.today_day and rng.random() < 0.8:  # most past-due follow-ups are recorded
                recorded = min((due - rng.randint(0, 14)) * DAY + 42, clock.now - 1)
                still = "t" if rng.random() < 0.72 else "f"
            self._outcome(client_id, case_id, desk.id, owner, "placement", "Placement in work", day,
                          transition_id=transition_id, instrument=rng.choice(INSTRUMENTS), due=due,
                          recorded=recorded, still=still)
        elif reason == "education":
            school = f"ROC {region.name}"
            self.transition(client_id, case_id, day, previous, "in_education", "school", owner, desk.id,
                            education=(school, rng.choice(EDUCATION_PROGRAMMES)), verified=rng.random() < 0.5)
            self._outcome(client_id, case_id, desk.id, owner, "education_started", "Education started", day)
        if programme == "praktijkverklaringen" and rng.random() < 0.6:
            crebo, title, processes, sector, company = rng.choice(PRAKTIJKVERKLARINGEN)
            self._outcome(client_id, case_id, desk.id, owner, "praktijkverklaring", "Praktijkverklaring", day,
                          crebo=crebo, title=title, processes=processes, company=company,
                          sbb="t" if rng.random() < 0.9 else "f", school=f"ROC {region.name}", sector=sector)
        elif reason != "work" and rng.random() < 0.06:
            self._outcome(client_id, case_id, desk.id, owner, "certificate", "Certificate", day,
                          title=rng.choice(CERTIFICATES))
