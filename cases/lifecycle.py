"""The case lifecycle as an explicit table of allowed moves.

registered -> intake -> active <-> paused -> closed. A case may also be closed straight from
registered or intake (the client never showed up, moved away, ...): a counsellor must be able to
end any open case, with a reason. A closed case can be reopened (back to active) within its
programme's reopen period; after that a new case is opened.
"""
from .choices import CaseStatus as S

MOVES: dict[tuple[str, str], str] = {
    (S.REGISTERED, S.INTAKE): "start the intake",
    (S.INTAKE, S.ACTIVE): "start the trajectory",
    (S.ACTIVE, S.PAUSED): "pause",
    (S.PAUSED, S.ACTIVE): "resume",
    (S.REGISTERED, S.CLOSED): "close",
    (S.INTAKE, S.CLOSED): "close",
    (S.ACTIVE, S.CLOSED): "close",
    (S.PAUSED, S.CLOSED): "close",
    (S.CLOSED, S.ACTIVE): "reopen",
}


def allowed_moves(status: str) -> list[str]:
    return [to for (frm, to) in MOVES if frm == status]


def is_allowed(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in MOVES
