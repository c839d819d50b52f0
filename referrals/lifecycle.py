"""The referral lifecycle as an explicit table: each allowed move and which side may make it.

requested -> accepted | declined (receiver, with a reason) | withdrawn (sender) | expired (system,
when the receiver did not answer within its response time); accepted -> in_progress (receiver);
in_progress -> completed (with an outcome summary) | failed (with a reason); accepted -> failed
too (the receiver could not even start). Anything else is a Conflict.
"""
from django.utils.translation import gettext_lazy as _

from .choices import ReferralStatus as S
from .choices import Side

MOVES: dict[tuple[str, str], str] = {
    (S.REQUESTED, S.ACCEPTED): Side.RECEIVER,
    (S.REQUESTED, S.DECLINED): Side.RECEIVER,
    (S.REQUESTED, S.WITHDRAWN): Side.SENDER,
    (S.REQUESTED, S.EXPIRED): Side.SYSTEM,
    (S.ACCEPTED, S.IN_PROGRESS): Side.RECEIVER,
    (S.ACCEPTED, S.FAILED): Side.RECEIVER,
    (S.IN_PROGRESS, S.COMPLETED): Side.RECEIVER,
    (S.IN_PROGRESS, S.FAILED): Side.RECEIVER,
}

NEEDS_REASON = {S.DECLINED: "decline_reason", S.FAILED: "failure_reason", S.COMPLETED: "outcome_summary"}
NEEDS_REASON_WORDS = {"decline_reason": _("decline reason"), "failure_reason": _("failure reason"),
                      "outcome_summary": _("outcome summary")}


def side_for(from_status: str, to_status: str) -> str | None:
    """Which side may make this move, or None when the move is not in the table."""
    return MOVES.get((from_status, to_status))


def allowed_moves(status: str, side: str) -> list[str]:
    return [to for (frm, to), who in MOVES.items() if frm == status and who == side]
