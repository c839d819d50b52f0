"""The one status-table helper (rwc/states.py) behind the four lifecycles."""
import pytest

from cases import lifecycle as case_lifecycle
from cases.models import CaseStatusChange
from employers import proposals, vacancies
from employers.models import ProposalStatusChange
from referrals import lifecycle as referral_lifecycle
from referrals.choices import Side
from referrals.models import ReferralStatusChange
from rwc.errors import Conflict
from rwc.states import StateTable, StatusChange

TABLE = StateTable({("a", "b"): "go", ("a", "c"): "stop", ("b", "a"): "back"},
                   illegal="A %(status)s thing cannot become %(to_status)s; allowed: %(value)s.")


def test_allowed_moves_and_labels():
    assert TABLE.allowed_moves("a") == ["b", "c"]
    assert TABLE.allowed_moves("a", "stop") == ["c"]
    assert TABLE.allowed_moves("c") == []
    assert TABLE.check("a", "b") == "go"
    assert TABLE.what("c", "a") is None


def test_an_illegal_move_is_a_conflict_naming_what_is_allowed():
    with pytest.raises(Conflict) as caught:
        TABLE.check("b", "c")
    assert caught.value.code == "illegal_move"
    assert str(caught.value.detail) == "A b thing cannot become c; allowed: a."
    with pytest.raises(Conflict) as caught:
        TABLE.check("c", "a")
    assert str(caught.value.detail) == "A c thing cannot become a; allowed: nothing."


def test_the_four_lifecycles_use_it():
    for table in (case_lifecycle.MOVES, referral_lifecycle.MOVES, vacancies.MOVES, proposals.MOVES):
        assert isinstance(table, StateTable)
    assert referral_lifecycle.allowed_moves("requested", Side.RECEIVER) == ["accepted", "declined"]
    assert case_lifecycle.allowed_moves("closed") == ["active"]


def test_the_status_change_rows_share_one_abstract_model():
    for model in (CaseStatusChange, ReferralStatusChange, ProposalStatusChange):
        assert issubclass(model, StatusChange)
        assert model._meta.ordering == ["at", "id"]
    assert ProposalStatusChange._meta.db_table == "cases_proposalstatuschange"
