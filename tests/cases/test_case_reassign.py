"""The team lead's right to reassign a case is a rule of the domain (`case_reassign`), not only of the
API view: a counsellor calling the service directly (the admin, a command) is refused, nothing changes."""
import pytest

from cases.models import Case
from cases.services import case_reassign
from rwc.errors import NotAllowed
from rwc.models import User

pytestmark = pytest.mark.django_db


def test_a_counsellor_cannot_reassign_a_case_through_the_service(world):
    counsellor = User.objects.get(username="midden-rmt-counsellor")
    lead = User.objects.get(username="midden-rmt-lead")
    before = Case.objects.get(pk=world.case_a.pk)
    with pytest.raises(NotAllowed):
        case_reassign(actor=counsellor, case=world.case_a, owner=lead)
    after = Case.objects.get(pk=world.case_a.pk)
    assert (after.owner_id, after.version) == (before.owner_id, before.version)


def test_the_desks_team_lead_reassigns_through_the_service(world):
    lead = User.objects.get(username="midden-rmt-lead")
    case = case_reassign(actor=lead, case=world.case_a, owner=lead)
    assert case.owner_id == lead.id
