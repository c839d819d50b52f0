"""Status tables: the one helper behind the lifecycles of cases, referrals, vacancies and proposals.

A `StateTable` holds the allowed moves as {(from, to): what}, where "what" is the move's label (a case's
"close") or who may make it (a referral's side). It answers `allowed_moves`, `is_allowed` and `what`, and
`check` raises the one illegal-move Conflict (409, code `illegal_move`) with the table's own message,
which may name the moves that are allowed from where the record stands (`%(value)s`).

`StatusChange` is the abstract row every move leaves behind: when and by whom. The concrete models add
their record and their status fields (their lengths and choices differ, and keep their tables as they are).
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

from .errors import Conflict
from .models import User


class StateTable:
    def __init__(self, moves: dict, *, illegal: str):
        """`illegal` is the message of an illegal move, with %(status)s, %(to_status)s and optionally
        %(value)s (the allowed moves, comma-separated)."""
        self.moves = dict(moves)
        self.illegal = illegal

    def __contains__(self, move) -> bool:
        return move in self.moves

    def __getitem__(self, move):
        return self.moves[move]

    def __iter__(self):
        return iter(self.moves)

    def items(self):
        return self.moves.items()

    def is_allowed(self, from_status: str, to_status: str) -> bool:
        return (from_status, to_status) in self.moves

    def what(self, from_status: str, to_status: str):
        """The label (or the side) of a move, or None when the table does not have it."""
        return self.moves.get((from_status, to_status))

    def allowed_moves(self, status: str, what=None) -> list[str]:
        """Where a record in `status` may go; with `what`, only the moves that carry it (a side)."""
        return [to for (frm, to), w in self.moves.items() if frm == status and (what is None or w == what)]

    def check(self, from_status: str, to_status: str):
        """The move's label (or side); an illegal move is a Conflict that changes nothing."""
        if (from_status, to_status) not in self.moves:
            raise Conflict(self.illegal % {"status": from_status, "to_status": to_status,
                                           "value": ', '.join(self.allowed_moves(from_status)) or _("nothing")},
                           code="illegal_move")
        return self.moves[(from_status, to_status)]


class StatusChange(models.Model):
    """Every move of a record: when and by whom (the concrete model adds the record, from and to)."""

    at = models.DateTimeField()
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True
        ordering = ["at", "id"]
