"""The WSP's shortlist for a vacancy: clients the caller may see who consent to sharing with the
WSP desk and the employer, have not been proposed for it yet, and fit it:

- sector: the vacancy's sector is among the client's wished sectors (clients.job_wishes);
- hours: the vacancy's hours lie within the client's wished range;
- education: when the vacancy asks a level, the client's level ranks at least as high (EDUCATION_RANK;
  an unknown or foreign level does not count as meeting it);
- place of residence: the client lives in the vacancy's city, or in its postcode area (the same
  first two digits, about a 20 km radius in the Netherlands).

One queryset (sub-selects, no per-client checks), so a page costs the same whatever its size.
"""
from django.db.models import Exists, OuterRef, Q

from clients.access import clients_visible_to
from clients.choices import EducationLevel as L
from clients.models import Consent, JobWishSector
from rwc.models import Desk

from .models import Proposal, Vacancy
from .proposals import PROPOSAL_CATEGORIES

EDUCATION_RANK = {L.NONE: 0, L.VMBO: 1, L.MBO_1: 1, L.MBO_2: 2, L.MBO_3: 3, L.MBO_4: 4, L.HAVO: 4, L.VWO: 5,
                  L.HBO: 6, L.WO: 7}


def levels_meeting(asked: str) -> list[str]:
    """Education levels that meet a vacancy's asked level."""
    floor = EDUCATION_RANK.get(asked, 0)
    return [level for level, rank in EDUCATION_RANK.items() if rank >= floor]


def consenting(vacancy: Vacancy, desk: Desk) -> Exists:
    return Exists(Consent.objects.filter(client=OuterRef("pk")).in_force()
                  .covering(desk=desk, employer=vacancy.employer_id, categories=PROPOSAL_CATEGORIES))


def shortlist(principal, vacancy: Vacancy, desk: Desk):
    clients = clients_visible_to(principal, as_set=True).filter(
        consenting(vacancy, desk),
        Exists(JobWishSector.objects.filter(client=OuterRef("pk"), sector=vacancy.sector)),
        region_id=vacancy.employer.region_id,
        job_wish__min_hours__lte=vacancy.hours_per_week, job_wish__max_hours__gte=vacancy.hours_per_week,
    ).exclude(Exists(Proposal.objects.filter(vacancy=vacancy, client=OuterRef("pk"))))
    if vacancy.education_level:
        clients = clients.filter(education_level__in=levels_meeting(vacancy.education_level))
    place = Q(city__iexact=vacancy.city) | Q(municipality__iexact=vacancy.city)
    if vacancy.postcode:
        place |= Q(postcode__startswith=vacancy.postcode[:2])
    return clients.filter(place)
