"""One client's journey through the work centre, planned backwards from today: registration,
consent, the cases (the latest open or closed, sometimes an earlier one), an earlier change of
position for some, and a referral for a quarter of them. Alongside every 40th client or so, an
employer of the region that its WerkgeversServicepunt serves (`employers`)."""
from django.contrib.auth.models import Permission

from cases.models import Programme

from . import cases as cases_module
from . import employers, people, referrals, services
from .cases import office
from .names import CLOSING_REASONS, PROGRAMMES_FOR, REFERRAL_STATUSES

DAY = 96


def _expand(weighted):
    return [value for value, weight in weighted for _ in range(weight)]


class ClientMaker:
    """One client with everything that is theirs, as the services would have left it."""

    def __init__(self, gen, regions):
        self.gen = gen
        self.regions = regions
        self.region_pool = [r for r in regions for _ in range(r.weight)]
        self.people = people.People(gen)
        programmes = dict(Programme.objects.values_list("code", "id"))
        months = dict(Programme.objects.values_list("code", "follow_up_months"))
        self.cases = cases_module.Cases(gen, programmes, months)
        permission = Permission.objects.get(content_type__app_label="clients", codename="view_client")
        self.referrals = referrals.Referrals(gen, self.cases, permission.id)
        self.employers = employers.Employers(gen)
        self.services = services.Services(gen, regions)
        self.programmes = {kind: _expand(weighted) for kind, weighted in PROGRAMMES_FOR.items()}
        self.open_status = _expand([("registered", 10), ("intake", 20), ("active", 55), ("paused", 15)])
        self.referral_status = _expand(REFERRAL_STATUSES)

    def make(self) -> None:
        rng, now = self.gen.rng, self.gen.clock.now
        region = rng.choice(self.region_pool)
        kind = rng.choice(self.people.desk_kinds)
        desk = region.desks[kind]
        youth = kind == "youth"
        owner = rng.choice(desk.counsellors)
        # Cases, planned backwards from today: the latest open (22%) or closed in the last ~2 years,
        # for some an earlier closed one before it; the registration just before the first.
        plan = []
        if rng.random() < 0.93:
            if rng.random() < 0.22:
                opened = office(now - rng.randint(3 * DAY, 420 * DAY))
                plan.append((opened, None, rng.choice(self.open_status)))
            else:
                closed = office(now - rng.randint(DAY, 800 * DAY))
                plan.append((office(closed - rng.randint(30 * DAY, 330 * DAY)), closed, "closed"))
            if rng.random() < 0.22:
                closed = office(plan[0][0] - rng.randint(5 * DAY, 60 * DAY))
                plan.append((office(closed - rng.randint(30 * DAY, 240 * DAY)), closed, "closed"))
            first = plan[-1][0]
            if rng.random() < 0.7:  # registered at the first visit, just before the case was opened
                registered = first - rng.randint(1, 8)
            else:
                registered = office(first - rng.randint(1, 14) * DAY)
        else:
            registered = office(now - rng.randint(DAY, 1100 * DAY))
        # A referral for a quarter of the clients: planned first, as the consent must cover the receiver.
        referral = None
        if rng.random() < 0.25:
            others = [d for d in region.desks.values() if d is not desk]
            if rng.random() < 0.15:
                sender, receiver = ("partner", rng.choice(region.partners)), ("desk", rng.choice(others))
            elif rng.random() < 0.65:
                sender, receiver = ("desk", desk), ("desk", rng.choice(others))
            else:
                sender, receiver = ("desk", desk), ("partner", rng.choice(region.partners))
            status = rng.choice(self.referral_status)
            latest = now - 30 * DAY
            if status != "requested" and registered + DAY < latest:
                sent = office(rng.randint(registered + DAY, latest))
            else:
                status, sent = "requested", max(registered + 1, now - rng.randint(1, 9 * DAY))
            referral = (sender, receiver, sent, status)
        client_id, benefit, _ = self.people.client(region, desk, owner, registered, youth)
        if referral is None:
            consent_id = self.people.consent(client_id, desk, owner, registered)
        else:
            receiver = referral[1]
            consent_id = self.people.consent(
                client_id, desk, owner, registered, lasting=True,
                desks=(receiver[1].id,) if receiver[0] == "desk" else (),
                partners=(receiver[1][0],) if receiver[0] == "partner" else ())
        if rng.random() < 0.25:  # how they came to the work centre: an earlier change of position
            day = registered // DAY - rng.randint(10, 200)
            if youth:
                frm, to, source = "at_school", "not_working_no_benefit", "school"
            elif benefit in cases_module.WITH_BENEFIT:
                frm, to, source = "employed", "unemployed_with_benefit", "uwv"
            else:
                frm, to, source = "employed", "not_working_no_benefit", "client"
            self.cases.transition(client_id, None, day, frm, to, source, owner, None,
                                  benefit=benefit if to == "unemployed_with_benefit" else "",
                                  verified=source == "uwv", recorded=registered + 1)
        for opened, closed, status in reversed(plan):
            reason = "" if closed is None else rng.choice(_CLOSING)
            programme = rng.choice(self.programmes[kind])
            case_id, _ = self.cases.case(client_id, benefit, youth, region, desk, programme, owner, opened, closed,
                                         status, reason)
            self.services.case(case_id, region, desk, programme, owner, opened, closed)
        if referral is not None:
            sender, receiver, sent, status = referral
            self.referrals.referral(client_id, benefit, youth, region, sender, receiver, consent_id, sent, status)
        if rng.random() < services.QUESTIONS_PER_CLIENT:  # a question at the front door, some by this client
            converted = rng.random() < services.CONVERTED_SHARE
            self.services.question(region, desk, owner, client_id if converted else None, registered)
        if rng.random() < employers.SHARE:  # the region's WSP serves about one employer for every 40 clients
            self.employers.employer(region)


_CLOSING = _expand(CLOSING_REASONS)
